"""The full formality check after submission: the rules core plus what needs the files.

Findings are plain dicts in the rules core's `Finding.as_dict()` shape, so the wizard, the API and
the examiner see one format. File findings carry codes under `file.`.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from hague_portal.hague.checks import run_checks
from hague_portal.hague.items import REPRODUCTIONS
from hague_portal.reference.selectors import reference_data

# A.I. Section 401/402 and the eHague requirements for reproductions.
FORMATS = {"JPEG", "TIFF"}
MODES = {"RGB", "L"}
REQUIRED_DPI = 300
MIN_CM, MAX_CM = 3, 16
CM_PER_INCH = 2.54


def _finding(
    code, message, *, item=REPRODUCTIONS, field="", severity="error", source="A.I. Section 401"
):
    return {
        "code": code,
        "severity": severity,
        "item": item,
        "parties": [],
        "message": message,
        "source": source,
        "field": field,
    }


def document_findings(submission) -> list[dict]:
    """run_checks on the frozen document, as of the date of receipt in Geneva."""
    from hague_portal.filings.selectors import document_parse_lenient

    ref = reference_data()
    parsed = document_parse_lenient(submission.document, ref)
    on = timezone.localtime(submission.received_at).date()
    dropped = [
        _finding("document.invalid", str(error), item="", field=error.path, source="")
        for error in parsed.dropped
    ]
    return [*dropped, *(f.as_dict() for f in run_checks(parsed.application, ref, on=on))]


def file_findings(submission) -> list[dict]:
    found: list[dict] = []
    for entry in submission.files:
        if entry["role"] == "reproduction":
            found.extend(_reproduction_findings(entry))
        else:
            found.extend(_attachment_findings(entry))
    return found


def _reproduction_findings(entry: dict) -> Iterator[dict]:
    number, field = entry.get("number"), f"reproduction {entry.get('number')}"
    try:
        with default_storage.open(entry["path"], "rb") as handle, Image.open(handle) as image:
            image.verify()  # decodes the structure: a truncated file fails here
            handle.seek(0)
            with Image.open(handle) as image:
                yield from _image_property_findings(number, field, image)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as exc:
        yield _finding(
            "file.reproduction_unreadable",
            _("Reproduction %(number)s cannot be read as an image (%(error)s).")
            % {"number": number, "error": exc},
            field=field,
        )


def _image_property_findings(number, field, image) -> Iterator[dict]:
    if image.format not in FORMATS:
        yield _finding(
            "file.reproduction_format",
            _("Reproduction %(number)s is %(format)s; only JPEG or TIFF is accepted.")
            % {"number": number, "format": image.format},
            field=field,
        )
    if image.mode not in MODES:
        yield _finding(
            "file.reproduction_mode",
            _("Reproduction %(number)s is in %(mode)s mode; use colour (RGB) or greyscale.")
            % {"number": number, "mode": image.mode},
            field=field,
        )
    dpi = _dpi(image)
    if dpi != REQUIRED_DPI:
        yield _finding(
            "file.reproduction_dpi",
            _dpi_message(number, dpi),
            field=field,
        )
    cm = [round(px / (dpi or REQUIRED_DPI) * CM_PER_INCH, 1) for px in image.size]
    if max(cm) > MAX_CM or max(cm) < MIN_CM:
        yield _finding(
            "file.reproduction_size",
            _(
                "Reproduction %(number)s measures %(width)s x %(height)s cm; it must be at most "
                "%(max)s x %(max)s cm, with one side at least %(min)s cm."
            )
            % {"number": number, "width": cm[0], "height": cm[1], "max": MAX_CM, "min": MIN_CM},
            field=field,
            source="A.I. Section 402",
        )


def _dpi_message(number, dpi) -> str:
    values = {"number": number, "dpi": dpi, "required": REQUIRED_DPI}
    if dpi:
        return _("Reproduction %(number)s is %(dpi)s dpi; %(required)s dpi is required.") % values
    return _("Reproduction %(number)s is without a dpi; %(required)s dpi is required.") % values


def _dpi(image) -> int | None:
    dpi = image.info.get("dpi")
    return round(float(dpi[0])) if dpi else None


def _attachment_findings(entry: dict) -> Iterator[dict]:
    name = entry.get("original_name") or entry["path"]
    try:
        with default_storage.open(entry["path"], "rb") as handle:
            reader = PdfReader(handle)
            if reader.is_encrypted:
                raise PyPdfError("the PDF is encrypted")
            if len(reader.pages) == 0:
                raise PyPdfError("the PDF has no pages")
            reader.pages[0].extract_text()  # parses the first page's content stream
    except (OSError, PyPdfError, ValueError, KeyError) as exc:
        yield _finding(
            "file.attachment_unreadable",
            _("%(kind)s %(name)s cannot be read as a PDF (%(error)s).")
            % {"kind": entry.get("kind") or _("Attachment"), "name": repr(name), "error": exc},
            item=_annex_item(entry.get("kind", "")),
            field=name,
            source="Rule 7(5)",
        )


def _annex_item(kind: str) -> str:
    return kind if kind.startswith("annex_") else "5"
