"""Individual designation fees keep their history: each amount is a row from its own date, so a
back-dated filing is priced with the fee then in force (Guide, item 7 and "Fees due")."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hague_portal.api.examples import EXAMPLE_APPLICATION
from hague_portal.hague.reference import ReferenceData, ReferenceDataError, read_reference_dir
from hague_portal.reference.models import Fee

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    call_command("reference_import", dir=str(FIXTURES), stdout=StringIO())


def korea_fee(client, filing_date: str) -> str:
    body = {**EXAMPLE_APPLICATION, "filing_date": filing_date, "designations": ["KR"]}
    body["designs"] = [{"number": 1, "product": "Chair", "locarno": "06-01"}]
    response = client.post("/api/v1/fees/", json.dumps(body), content_type="application/json")
    return next(line["unit_amount"] for line in response.json()["lines"] if line["party"] == "KR")


@pytest.mark.parametrize(
    ("filing_date", "amount"),
    [("2023-06-01", "184.00"), ("2024-06-01", "162.00"), ("2025-09-01", "143.00")],
)
def test_a_back_dated_filing_is_priced_with_the_korean_fee_then_in_force(
    client, imported, filing_date, amount
):
    # Guide, footnote 7: Korea's individual fee per design (class 06), as it changed.
    assert korea_fee(client, filing_date) == amount


def test_two_amounts_of_one_fee_from_the_same_day_are_refused():
    tables = read_reference_dir(FIXTURES)
    korea = next(
        r for r in tables["fees"] if r["party"] == "KR" and r["valid_from"] == "2025-08-01"
    )
    tables["fees"].append({**korea, "amount": "150"})
    with pytest.raises(ReferenceDataError, match="same fee .* also starts on 2025-08-01"):
        ReferenceData.from_rows(**tables)


def test_the_admin_refuses_a_second_amount_from_the_same_day(imported):
    # Editing the amount in place would lose the old one; a duplicate start would be ambiguous.
    old = Fee.objects.get(party="KR", item="individual_per_design", valid_from=date(2025, 8, 1))
    new = Fee(**{f: getattr(old, f) for f in ("item", "party", "variant", "confidence")})
    new.amount, new.valid_from = 150, date(2025, 8, 1)
    with pytest.raises(ValidationError, match="starts on the same day"):
        new.full_clean()
    new.valid_from = date(2026, 1, 1)
    new.full_clean()
