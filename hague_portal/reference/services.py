"""Writes of the reference tables: the atomic CSV import and the CSV export."""

from pathlib import Path

from django.db import transaction

from hague_portal.hague.reference import (
    TABLES,
    ReferenceData,
    ReferenceDataError,
    check_translated,
    columns,
    read_reference_dir,
    to_native,
    write_reference_dir,
)

from .models import MODELS
from .selectors import reference_data_build, reference_data_changed


class ReferenceImportError(Exception):
    """A bad file or row; the message reads "<file>:<line>: <reason>"."""


def reference_import(*, directory: str | Path) -> dict[str, int]:
    """Replace every reference table with the CSV files in `directory`, all or nothing.

    Every row is validated (types, choices, dates, known parties) before anything is written,
    so a bad row leaves the database unchanged. Returns the number of rows per table.
    """
    directory = Path(directory)
    _check_files(directory)
    try:
        tables = read_reference_dir(directory)
        data = ReferenceData.from_rows(**tables)
        check_translated(tables)  # the files carry French and Spanish names (issue 12)
    except ReferenceDataError as err:
        raise ReferenceImportError(f"{directory / err.file}:{err.line}: {err.reason}") from None
    with transaction.atomic():
        counts = {table: _replace(table, data.rows(table)) for table in TABLES}
        transaction.on_commit(reference_data_changed)
    return counts


def reference_export(*, directory: str | Path) -> dict[str, int]:
    """Write every reference table as `<table>.csv` into `directory`."""
    data = reference_data_build()
    tables = {table: data.rows(table) for table in TABLES}
    write_reference_dir(directory, tables)
    return {table: len(rows) for table, rows in tables.items()}


def _check_files(directory: Path) -> None:
    for table in TABLES:
        file = directory / f"{table}.csv"
        if not file.exists():
            raise ReferenceImportError(f"{file}:0: file missing (the import replaces every table)")
        with file.open(encoding="utf-8") as handle:
            header = handle.readline().strip().split(",")
        unknown = sorted(set(header) - set(columns(table)))
        if unknown:
            raise ReferenceImportError(f"{file}:1: unknown column(s) {', '.join(unknown)}")


def _replace(table: str, rows: tuple) -> int:
    model = MODELS[table]
    model.objects.all().delete()
    model.objects.bulk_create(model(**to_native(row)) for row in rows)
    return len(rows)
