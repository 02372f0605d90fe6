"""The address book as CSV: export streamed row by row, import checked whole before anything is
written (a file with one bad row imports nothing, and says which line and column)."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from hague_portal.portfolio.exports import FORMULA_START, cell_safe

from .forms import entry_form
from .models import Entry, EntryKind
from .services import ADDRESS_FIELDS, entry_build, entry_fields

# "kind" is the entry's (applicant, creator, representative); "nature" the applicant's kind in
# the wizard (natural, legal), renamed so the two do not clash.
COLUMNS = (
    "kind",
    "name",
    "nature",
    "transliteration",
    "legal_nature",
    "email",
    "phone",
    *ADDRESS_FIELDS,
)
MAX_ROWS = 10_000
CSV_ROWS_PER_CHUNK = 500


def export_lines(entries):
    """The CSV of `entries` in chunks of CSV_ROWS_PER_CHUNK rows (for a StreamingHttpResponse),
    starting with a byte order mark so that spreadsheets read UTF-8. A text that a spreadsheet
    would run as a formula gets a leading quote (portfolio/exports.py); the import takes it off."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    yield ("\ufeff" + _taken(out)).encode("utf-8")
    for n, entry in enumerate(entries.iterator(chunk_size=2000), 1):
        fields = entry_fields(entry)
        fields["nature"] = fields.pop("kind", "")
        writer.writerow([entry.kind, *(cell_safe(fields.get(c, "")) for c in COLUMNS[1:])])
        if n % CSV_ROWS_PER_CHUNK == 0:
            yield _taken(out).encode("utf-8")
    yield _taken(out).encode("utf-8")


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _unquoted(text: str) -> str:
    """A cell as exported: the quote put before what a spreadsheet would run, taken off."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportResult:
    imported: int = 0
    errors: list = None


def _form_data(kind: str, row: dict) -> dict:
    data = {c: _unquoted((row.get(c) or "").strip()) for c in COLUMNS[1:]}
    data["kind"] = data.pop("nature")  # an applicant's: natural or legal, never guessed
    return data


def _column(field: str) -> str:
    return "nature" if field == "kind" else field


def import_csv(*, owner: dict, content: bytes) -> ImportResult:
    """Check every row with the entry forms; write them all, or none when any is refused."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportResult(errors=[RowError(1, "", gettext("The file is not UTF-8 text."))])
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("kind", "name") if c not in (reader.fieldnames or ())]
    if missing:
        message = gettext("The first line must name the columns; missing: %(columns)s.") % {
            "columns": ", ".join(missing)
        }
        return ImportResult(errors=[RowError(1, "", message)])
    entries, errors = [], []
    for row in reader:
        line = reader.line_num
        if len(entries) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "", gettext("More than 10,000 rows: split the file.")))
            break
        kind = (row.get("kind") or "").strip().lower()
        if kind not in EntryKind.values:
            errors.append(
                RowError(line, "kind", gettext("Write applicant, creator or representative."))
            )
            continue
        form = entry_form(kind, _form_data(kind, row))
        if not form.is_valid():
            for field, messages in form.errors.items():
                for message in messages:
                    errors.append(RowError(line, _column(field), message))
            continue
        entries.append(entry_build(owner=owner, kind=kind, cleaned=form.cleaned_data))
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        Entry.objects.bulk_create(entries, batch_size=1000)
    return ImportResult(imported=len(entries), errors=[])
