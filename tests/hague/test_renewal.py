"""Renewal of an international registration (Article 17; Rules 23 and 24), from the reference
data: terms, the window and the grace period with Rule 4(4), the maximum per party, and the
itemised fees (hague-post-registration-fees.csv)."""

from datetime import date
from decimal import Decimal

import pytest

from hague_portal.hague import renewal

REGISTERED = date(2022, 3, 7)  # a Monday


@pytest.mark.parametrize(
    "term, expiry",
    [(1, date(2027, 3, 7)), (2, date(2032, 3, 7)), (3, date(2037, 3, 7))],  # Article 17(1)-(2)
)
def test_each_term_is_five_years_from_the_registration_date(term, expiry):
    assert renewal.term_expiry(REGISTERED, term) == expiry


def test_a_term_from_29_february_ends_on_28_february():
    # Rule 4(1): a period in years ends on the last day of the month when it has no such day.
    assert renewal.term_expiry(date(2024, 2, 29), 1) == date(2029, 2, 28)


def test_the_due_date_and_grace_end_follow_rule_4_4_the_reminder_does_not(ref):
    dates = renewal.renewal_dates(ref, REGISTERED, 1)
    assert dates.expiry == date(2027, 3, 7)  # a Sunday: the term ends on it
    assert dates.due == date(2027, 3, 8)  # the fee may still be paid on Monday (Rule 4(4))
    # Rule 24(1)(c): six months after the expiry, Tuesday 7 September 2027.
    assert dates.grace_end == date(2027, 9, 7)
    assert dates.reminder_on == date(2026, 9, 7)  # Rule 23: six months before
    assert dates.counts_from == date(2026, 12, 7)  # Rule 24(1)(d): three months before


def test_the_grace_period_is_after_the_due_date_up_to_its_end(ref):
    assert not renewal.in_grace_period(ref, REGISTERED, 1, date(2027, 3, 8))
    assert renewal.in_grace_period(ref, REGISTERED, 1, date(2027, 3, 9))
    assert renewal.in_grace_period(ref, REGISTERED, 1, date(2027, 9, 7))
    assert not renewal.in_grace_period(ref, REGISTERED, 1, date(2027, 9, 8))


@pytest.mark.parametrize(
    "party, years, third_renewal",
    [
        ("CH", 15, False),  # no declaration: the minimum of Article 17(3)(a)
        ("AZ", 15, False),  # declared 15
        ("AL", 25, True),  # declared 25 (Article 17(3)(c))
    ],
)
def test_a_party_is_renewable_only_within_its_maximum(ref, party, years, third_renewal):
    on = date(2026, 12, 7)
    assert renewal.max_years(ref, party, on) == years
    assert renewal.renewable_for(ref, party, on, 2)  # the third term ends at 15 years
    assert renewal.renewable_for(ref, party, on, 3) is third_renewal


def test_renewal_fees_itemised_basic_standard_and_individual(ref):
    # Schedule of Fees Part III: basic 200 + 17 per additional design; standard designation fee
    # at renewal 21 + 1; Japan's individual renewal fee 493 per design (from 1 March 2024).
    lines, total = renewal.renewal_fees(
        ref, date(2027, 3, 1), designs=3, parties=["CH", "JP"], renewal=1, in_grace=False
    )
    amounts = [(line.kind, line.party, line.amount) for line in lines]
    assert amounts == [
        ("renewal_basic", None, Decimal("200.00")),
        ("renewal_additional_designs", None, Decimal("34.00")),
        ("renewal_standard_designation", "CH", Decimal("21.00")),
        ("renewal_standard_designation", "CH", Decimal("2.00")),
        ("renewal_individual_designation", "JP", Decimal("1479.00")),
    ]
    assert total == Decimal("1736.00")


@pytest.mark.parametrize(
    "renewal_number, on, amount",
    [
        (1, date(2025, 9, 1), "230.00"),  # Korea from 1 August 2025
        (1, date(2025, 7, 1), "260.00"),  # before
        (2, date(2026, 1, 1), "544.00"),
        (3, date(2026, 1, 1), "628.00"),
    ],
)
def test_an_individual_fee_by_renewal_number_and_date(ref, renewal_number, on, amount):
    lines, _ = renewal.renewal_fees(
        ref, on, designs=1, parties=["KR"], renewal=renewal_number, in_grace=False
    )
    assert lines[-1].party == "KR" and lines[-1].amount == Decimal(amount)


def test_the_grace_period_adds_the_surcharge_marked_unconfirmed(ref):
    lines, total = renewal.renewal_fees(
        ref, date(2027, 4, 1), designs=1, parties=["CH"], renewal=1, in_grace=True
    )
    assert lines[-1].kind == "renewal_surcharge"
    assert lines[-1].confidence == "U"  # 100 CHF is an inference: staff see it as such
    assert total == Decimal("321.00")


def test_an_individual_fee_party_without_data_says_so_at_zero(ref):
    lines, _ = renewal.renewal_fees(
        ref,
        date(2027, 4, 1),
        designs=1,
        parties=["US"],
        renewal=1,
        in_grace=False,
        individual_parties=frozenset({"US"}),
    )
    assert lines[-1].amount == 0 and "no fee data" in lines[-1].explanation
