"""Import, lookup, export and the all-or-nothing loader of the reference tables."""

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hague_portal.reference.models import Declaration, Fee, Party
from hague_portal.reference.selectors import reference_data
from hague_portal.reference.services import reference_export, reference_import

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reference"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def imported():
    return reference_import(directory=FIXTURES)


@pytest.fixture
def bad_dir(tmp_path):
    directory = tmp_path / "reference"
    shutil.copytree(FIXTURES, directory)
    return directory


def append_line(path: Path, line: str) -> int:
    """Append a CSV line; returns its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_import_then_lookup_through_the_selector(imported):
    ref = reference_data()
    assert ref.fee("basic_additional", date(2024, 1, 1)).amount == Decimal("50")
    assert ref.fee_type("HU", date(2024, 4, 1)).level == 2
    assert ref.is_ldc("OA", date(2025, 1, 1))


def test_import_command_reports_rows_per_table(capsys):
    call_command("reference_import", "--dir", str(FIXTURES))
    assert "fees: " in capsys.readouterr().out
    assert Party.objects.filter(code="EM", is_igo=True).exists()


@pytest.mark.parametrize(
    ("table", "line", "reason"),
    [
        ("fees", "basic_first,*,default,,,12x,,,C,test,", "amount"),
        ("declarations", "US,no_deferment,,Art 11,2020-02-30,,C,test,", "valid_from: bad date"),
        ("declarations", "ZZ,no_deferment,,Art 11,,,C,test,", "unknown party 'ZZ'"),
    ],
)
def test_a_bad_row_aborts_the_import_with_file_line_and_reason(
    imported, bad_dir, table, line, reason
):
    number = append_line(bad_dir / f"{table}.csv", line)
    Fee.objects.filter(item="basic_first").update(amount=Decimal("1"))  # marker of the old data
    with pytest.raises(CommandError) as info:
        call_command("reference_import", "--dir", str(bad_dir))
    assert f"{table}.csv:{number}: " in str(info.value)
    assert reason in str(info.value)
    assert Fee.objects.get(item="basic_first").amount == 1  # nothing replaced


def test_a_bad_row_into_an_empty_database_leaves_it_empty(bad_dir):
    append_line(bad_dir / "fees.csv", "basic_first,*,default,,,abc,,,C,test,")
    with pytest.raises(CommandError):
        call_command("reference_import", "--dir", str(bad_dir))
    assert not Party.objects.exists()
    assert not Declaration.objects.exists()


def test_a_missing_file_aborts_the_import(bad_dir):
    (bad_dir / "ldc.csv").unlink()
    with pytest.raises(CommandError, match=r"ldc\.csv:0: file missing"):
        call_command("reference_import", "--dir", str(bad_dir))


def test_export_then_reimport_round_trips(imported, tmp_path):
    before = reference_data()
    call_command("reference_export", "--dir", str(tmp_path))
    for table in imported:
        assert (tmp_path / f"{table}.csv").read_text() == (FIXTURES / f"{table}.csv").read_text()
    reference_import(directory=tmp_path)
    after = reference_data()
    for table in imported:
        assert after.rows(table) == before.rows(table)


def test_saving_a_row_invalidates_the_snapshot(imported):
    assert reference_data().fee("publication_reproduction", date(2025, 1, 1)).amount == 17
    fee = Fee.objects.get(item="publication_reproduction")
    fee.amount = Decimal("18")
    fee.save()
    assert reference_data().fee("publication_reproduction", date(2025, 1, 1)).amount == 18


def test_deleting_a_row_invalidates_the_snapshot(imported):
    Declaration.objects.get(party="US", kind="creator_oath").delete()
    assert reference_data().declaration("US", "creator_oath", date(2025, 1, 1)) is None


def test_the_snapshot_is_reused_while_nothing_changes(imported, django_assert_num_queries):
    reference_data()
    with django_assert_num_queries(0):
        reference_data()


def test_export_counts_rows(imported, tmp_path):
    assert reference_export(directory=tmp_path)["parties"] == 80


@pytest.mark.django_db
def test_import_if_empty_keeps_staff_corrections_on_restart(imported, capsys):
    from hague_portal.reference.models import MODELS

    fee = MODELS["fees"].objects.filter(item="basic_first").first()
    fee.amount = 398
    fee.save()
    call_command("reference_import", "--if-empty")
    fee.refresh_from_db()
    assert fee.amount == 398
    assert "already loaded" in capsys.readouterr().out


def test_names_are_imported_in_french_and_spanish(imported):
    eu = Party.objects.get(code="EM")
    assert (eu.name, eu.name_fr, eu.name_es) == (
        "European Union",
        "Union européenne",
        "Unión Europea",
    )
    assert reference_data().locarno_class("06-01").title_in("es") == "Asientos"


@pytest.mark.parametrize(
    ("table", "column", "reason"),
    [
        ("parties", "name_es", "name_es: value is required (the Spanish name of 'Albania')"),
        ("locarno", "title_fr", "title_fr: value is required (the French title of 'Foodstuffs')"),
        ("legend_codes", "legend_fr", "legend_fr: value is required"),
    ],
)
def test_a_row_missing_a_translation_aborts_the_import(bad_dir, table, column, reason):
    path = bad_dir / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        names, rows = reader.fieldnames, list(reader)
    rows[0][column] = ""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CommandError) as info:
        call_command("reference_import", "--dir", str(bad_dir))
    assert f"{table}.csv:2: {reason}" in str(info.value)
    assert not Party.objects.exists()


def test_files_without_the_translation_columns_are_refused(bad_dir):
    path = bad_dir / "legend_codes.csv"
    path.write_text("code,legend,confidence,source,notes\n1,Perspective view,C,Guide,\n")
    with pytest.raises(CommandError, match=r"legend_codes\.csv:2: legend_fr: value is required"):
        call_command("reference_import", "--dir", str(bad_dir))
