"""Reference tables as `<table>.csv` files (`fixtures/reference/`): read, load and write."""

from __future__ import annotations

import csv
from dataclasses import fields
from pathlib import Path

from .parsing import to_row
from .rows import TABLES, TRANSLATED, TRANSLATIONS, ReferenceDataError
from .snapshot import ReferenceData


def read_reference_dir(path: str | Path) -> dict[str, list[dict]]:
    """The raw rows of every `<table>.csv` in `path` (a missing file is an empty table)."""
    directory = Path(path)
    tables = {}
    for table in TABLES:
        file = directory / f"{table}.csv"
        if file.exists():
            with file.open(newline="", encoding="utf-8") as handle:
                tables[table] = list(csv.DictReader(handle))
    return tables


def load_reference_dir(path: str | Path) -> ReferenceData:
    """Build a ReferenceData from `fixtures/reference/`-style CSV files.

    Raises ReferenceDataError whose message reads "<dir>/<table>.csv:<line>: <reason>".
    """
    try:
        tables = read_reference_dir(path)
        data = ReferenceData.from_rows(**tables)
        check_translated(tables)
        return data
    except ReferenceDataError as err:
        file = Path(path) / f"{err.table}.csv"
        raise ReferenceDataError(err.table, err.index, err.reason, file) from None


_LANGUAGE_NAMES = {"fr": "French", "es": "Spanish"}


def check_translated(tables: dict[str, list[dict]]) -> None:
    """The reference files name every party, Locarno class and legend in French and Spanish too.

    The snapshot itself falls back to English (a row added in the admin may lack one for a
    while); the files the data is loaded from may not. Raises ReferenceDataError.
    """
    for table, column in TRANSLATED.items():
        for index, row in enumerate(tables.get(table) or ()):
            for language in TRANSLATIONS:
                key = f"{column}_{language}"
                if not str(row.get(key) or "").strip():
                    english = str(row.get(column) or "").strip()
                    raise ReferenceDataError(
                        table,
                        index,
                        f"{key}: value is required (the {_LANGUAGE_NAMES[language]} {column} "
                        f"of {english!r})",
                    )


def write_reference_dir(path: str | Path, tables: dict[str, tuple]) -> None:
    """Write dataclass rows as `<table>.csv` files (the export format)."""
    directory = Path(path)
    directory.mkdir(parents=True, exist_ok=True)
    for table, cls in TABLES.items():
        names = [f.name for f in fields(cls)]
        with (directory / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(to_row(obj) for obj in tables.get(table, ()))
