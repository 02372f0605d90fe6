"""CSV and XLSX of the workbench's filtered list (same filters, same visibility).

Spreadsheets run a cell that starts with = + - @ (or TAB, CR) as a formula: a client named
"=HYPERLINK(...)" could exfiltrate data when the export is opened. Such cells are written with
a leading single quote (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from .selectors import Row

EXPORT_MAX_ROWS = 10_000  # one export, built in memory; the workbench says so beside the links
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    gettext_lazy("Application number"),
    gettext_lazy("Your reference"),
    gettext_lazy("Title"),
    gettext_lazy("Client"),
    gettext_lazy("Applicant"),
    gettext_lazy("Designated parties"),
    gettext_lazy("Status"),
    gettext_lazy("Next time limit"),
    gettext_lazy("Payment"),
    gettext_lazy("Registration number"),
    gettext_lazy("Created"),
    gettext_lazy("Filed"),
    gettext_lazy("Last change"),
    gettext_lazy("Changed by"),
)


def cell_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_values(row: Row) -> list[str]:
    draft = row.draft
    values = (
        row.number or gettext("Draft"),
        draft.reference,
        str(draft),
        draft.client.name if draft.client_id else "",
        draft.applicant_names,
        " ".join(draft.parties.split()),
        row.status,
        row.time_limit.isoformat() if row.time_limit else "",
        row.payment,
        row.registration_number,
        _when(draft.created_at),
        _when(draft.submitted_at),
        _when(draft.updated_at),
        row.changed_by,
    )
    return [cell_safe(v) for v in values]


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export_csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(name) for name in HEADER])
    for row in rows:
        writer.writerow(export_values(row))
    # A byte order mark, so that spreadsheet programs read the names in UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(gettext("Applications"))
    sheet.append([str(name) for name in HEADER])
    for row in rows:
        # Every cell a string: openpyxl would otherwise store "=..." as a formula.
        sheet.append(export_values(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
