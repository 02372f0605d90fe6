"""The documents of a filed application as people read them: one list for the DM/1, the
acknowledgement of receipt and its e-mail (which used to count 1 while the PDF listed 4), with
the Guide's annex titles instead of internal keys and legend texts instead of bare codes."""

from __future__ import annotations

import textwrap

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from hague_portal.filings.annexes import ANNEX_KINDS, annex_title
from hague_portal.filings.models import Attachment

# Guide, Annexes I-V: titles from the attachment kinds, the source the wizard shows as well.
ANNEXES = tuple((annex, kind.label) for annex, kind in ANNEX_KINDS.items())
# The PDFs' page footer (pdf_style.css, shared by the DM/1, the receipt and the letters) says
# `{% translate "page" context "PDF page number" %}`; makemessages does not read .css files, so
# the string is marked here for extraction.
PDF_PAGE = pgettext_lazy("PDF page number", "page")
# What an annex entry is (the document's AnnexEntry.kind), in words.
ANNEX_ENTRY_KINDS = {
    "declaration": pgettext_lazy("annex entry", "declaration"),
    "substitute_statement": pgettext_lazy("annex entry", "substitute statement"),
    "disclosure": pgettext_lazy("annex entry", "disclosure"),
    "statement": pgettext_lazy("annex entry", "statement"),
    "certification": pgettext_lazy("annex entry", "certification"),
    "priority_document": pgettext_lazy("annex entry", "priority document"),
}


def annex_entries_worded(entries: list[dict]) -> list[dict]:
    return [
        {**e, "kind_label": ANNEX_ENTRY_KINDS.get(e.get("kind"), e.get("kind"))} for e in entries
    ]


def legend_texts() -> dict[str, str]:
    """Code -> wording of the legend codes (Guide, item 10) in the active language, from the
    reference data."""
    from hague_portal.reference.models import LegendCode

    language = get_language()
    return {
        row.code: row.legend_in(language)
        for row in LegendCode.objects.only("code", "legend", "legend_fr", "legend_es")
    }


def legend_wording(view: dict, legends: dict[str, str]) -> str:
    """'Front view' for code 2; the applicant's own text for code 00 (Guide, item 10)."""
    own = (view.get("legend_text") or "").strip()
    if own:
        return own
    code = view.get("legend_code")
    if not code:
        return ""
    return legends.get(str(code)) or _("legend %(code)s") % {"code": code}


def annexes_attached(annexes: dict) -> str:
    """The DM/1 header's "Annexes:" line: each annex attached, once, by its numeral and the
    Guide's title ("I (oath or declaration of the creator) × 2, IV (...)"); "none" without any."""
    parts = []
    for annex in ANNEX_KINDS:
        count = len((annexes or {}).get(annex) or ())
        if count:
            part = f"{annex} ({annex_title(annex)})"
            parts.append(f"{part} × {count}" if count > 1 else part)
    return ", ".join(parts) or _("none")


def attachment_title(kind: str) -> str:
    """'Annex I: oath or declaration of the creator' for "annex_I"."""
    return Attachment.Kind(kind).label if kind in Attachment.Kind.values else kind


def document_title(entry: dict, legends: dict[str, str]) -> str:
    if entry.get("role") == "reproduction":
        legend = legend_wording(entry, legends)
        number = entry.get("number")
        if legend:
            return _("Reproduction %(number)s (%(legend)s)") % {"number": number, "legend": legend}
        return _("Reproduction %(number)s") % {"number": number}
    return _("%(title)s: %(name)s") % {
        "title": attachment_title(entry.get("kind", "")),
        "name": entry.get("original_name", ""),
    }


def documents_supplied(files: list[dict], legends: dict[str, str]) -> list[dict]:
    """Every file filed (reproductions, then attachments), each with its title."""
    return [{**entry, "title": document_title(entry, legends)} for entry in files]


def designs_with_legends(designs: list[dict], legends: dict[str, str]) -> list[dict]:
    return [
        {
            **design,
            "reproductions": [
                {**view, "legend": legend_wording(view, legends)}
                for view in design.get("reproductions") or ()
            ],
        }
        for design in designs
    ]


# --- reproduction sheets of the DM/1 -----------------------------------------------------------
# The sheets print the views of each design side by side (pdf_style.css: .design, .view), a design
# never split where it fits on one sheet. The break points are worked out here, from the fixed
# sizes of the layout, rather than left to WeasyPrint's `page-break-inside: avoid`, which lays a
# design out twice when it does not fit at the bottom of a page (~40 % of the render, bench).
VIEWS_PER_ROW = 4  # .view: 43.5 mm of the 178 mm between the margins; dm1.html starts a .row
SHEET_MM = 259  # A4 height less the @page margins (18 + 20 mm)
TITLE_MM = 15  # "Reproduction sheets" heading, first sheet only
DESIGN_MM = 12  # a design's heading and the space after it
ROW_MM = 48  # a view at most 40 mm high, its caption and the space below


def design_height_mm(views: int) -> int:
    return DESIGN_MM + ROW_MM * max(1, -(-views // VIEWS_PER_ROW))


def reproduction_sheets(designs: list[dict]) -> list[list[dict]]:
    """The designs grouped by the sheet they start on: as many whole designs as fit."""
    sheets: list[list[dict]] = [[]]
    used = TITLE_MM
    for design in designs:
        height = design_height_mm(len(design.get("reproductions") or ()))
        if sheets[-1] and used + height > SHEET_MM:
            sheets.append([])
            used = 0
        sheets[-1].append(design)
        used += height
    return [sheet for sheet in sheets if sheet]


# --- item 8 of the DM/1 ------------------------------------------------------------------------
# The product indication is one preformatted block in a monospace font (pdf_style.css:
# .columns), its columns padded with spaces, rather than a table: WeasyPrint lays out a table of
# 100 rows in ~5 times the time of the same lines as one text (bench/submission_pipeline.py).
COLUMNS_CHARS = 100  # .columns: 8 pt DejaVu Sans Mono, 1.7 mm a character, 104 in 178 mm
COLUMN_GAP = "  "


def columns_text(header: list[str], rows: list[list[str]], *, wrap: int) -> tuple[str, str]:
    """(header line, body lines) of `rows` in aligned columns; the cells of column `wrap` are
    wrapped to what is left of the line, the next lines indented to that column."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    others = sum(w for i, w in enumerate(widths) if i != wrap) + len(COLUMN_GAP) * (len(widths) - 1)
    widths[wrap] = max(10, min(widths[wrap], COLUMNS_CHARS - others))
    indent = " " * (sum(widths[:wrap]) + len(COLUMN_GAP) * wrap)

    def lines(cells: list[str]) -> list[str]:
        wrapped = textwrap.wrap(str(cells[wrap]), widths[wrap]) or [""]
        first = COLUMN_GAP.join(
            (wrapped[0] if i == wrap else str(cell)).ljust(widths[i])
            for i, cell in enumerate(cells)
        )
        return [first.rstrip(), *(indent + more for more in wrapped[1:])]

    body = [line for row in rows for line in lines(row)]
    return lines(header)[0], "\n".join(body)
