"""CSV and XLSX of the workbench's filtered list (same filters, same visibility), every row.

The CSV is streamed to the browser as the rows are read; the XLSX is written by a job
(services.export_run) to a temporary file, then to storage. Neither holds the list in memory.
In the XLSX, dates and amounts are typed cells (a spreadsheet sorts and adds them).

Spreadsheets run a cell that starts with = + - @ (or TAB, CR) as a formula: a client named
"=HYPERLINK(...)" could exfiltrate data when the export is opened. Such text cells are written
with a leading single quote (OWASP, CSV injection); dates and amounts are never text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext, gettext_lazy

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_ROWS_PER_CHUNK = 500  # rows a streamed chunk carries (~100 KB)
XLSX_PROGRESS_EVERY = 2_000  # rows between two progress reports of the job
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
AMOUNT_FORMAT = "#,##0.00"
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
    gettext_lazy("Fees"),
    gettext_lazy("Paid"),
    gettext_lazy("Currency"),
    gettext_lazy("Registration number"),
    gettext_lazy("Created"),
    gettext_lazy("Filed"),
    gettext_lazy("Last change"),
    gettext_lazy("Changed by"),
)


def cell_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# --- CSV -----------------------------------------------------------------------------------------


def csv_chunks(records: Iterable[tuple]) -> Iterator[bytes]:
    """The CSV of (id, values) records (selectors_export) in chunks of CSV_ROWS_PER_CHUNK rows,
    for a streaming response. It starts with a byte order mark, so that spreadsheet programs
    read the names in UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(name) for name in HEADER])
    yield ("\ufeff" + _taken(out)).encode("utf-8")
    for n, (_pk, values) in enumerate(records, 1):
        writer.writerow([_csv_text(value) for value in values])
        if n % CSV_ROWS_PER_CHUNK == 0:
            yield _taken(out).encode("utf-8")
    yield _taken(out).encode("utf-8")


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # 1000.00: no grouping, a dot, as programs read numbers
    if isinstance(value, date):
        return value.isoformat()
    return cell_safe(value)


# --- XLSX ----------------------------------------------------------------------------------------


def xlsx_write(records: Iterable[tuple], *, out, progress: Callable[[int], None]) -> int:
    """Write the XLSX of (id, values) records (selectors_export) to the binary file `out`;
    openpyxl's write-only mode keeps the sheet on disk as it goes. Calls progress(rows written)
    every XLSX_PROGRESS_EVERY rows; returns the number of rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(gettext("Applications"))
    sheet.freeze_panes = "A2"
    sheet.append([str(name) for name in HEADER])
    cell = _typed_cell(sheet)
    written = 0
    for written, (_pk, values) in enumerate(records, 1):
        sheet.append([cell(value) for value in values])
        if written % XLSX_PROGRESS_EVERY == 0:
            progress(written)
    book.save(out)
    return written


def _typed_cell(sheet):
    from openpyxl.cell import WriteOnlyCell

    def cell(value):
        if value is None:
            return None
        if isinstance(value, (date, Decimal)):
            typed = WriteOnlyCell(sheet, value=value)
            typed.number_format = _number_format(value)
            return typed
        # Text, always: openpyxl would store "=..." as a formula.
        return cell_safe(value)

    return cell


def _number_format(value) -> str:
    if isinstance(value, datetime):
        return TIME_FORMAT
    return DATE_FORMAT if isinstance(value, date) else AMOUNT_FORMAT
