"""Fees of an international application, worked out by hand from the Guide and the data.

Guide = WIPO Guide, "How to submit an international application - e-filing or form DM/1"
(/work/shared/reference/hague-guide-dm1.txt): "Fees due", items 9, 17 and 18, "Reduction of
fees for applicants from LDCs", "Individual designation fee payable in two parts", footnote 7.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hague_portal.hague.document import (
    Application,
    Design,
    Entitlement,
    Priority,
    Publication,
    Reproduction,
)
from hague_portal.hague.fees import calculate_fees
from hague_portal.hague.reference import ReferenceData, read_reference_dir

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"

ON = date(2025, 9, 1)  # KR 143, US part two 1150, IL 117 / 70
SWISS = Entitlement(nationality=("CH",))
CAMBODIAN = Entitlement(nationality=("KH",))  # an LDC bound by the 1999 Act


def application(
    *,
    designs: int = 1,
    reproductions: int = 0,
    locarno: str = "06-01",
    designations: tuple[str, ...] = (),
    on: date | None = ON,
    entitlement: Entitlement = SWISS,
    **kwargs,
) -> Application:
    return Application(
        filing_date=on,
        entitlement=entitlement,
        designations=designations,
        designs=tuple(_design(n, locarno, reproductions) for n in range(1, designs + 1)),
        **kwargs,
    )


def _design(number: int, locarno: str, reproductions: int) -> Design:
    views = tuple(Reproduction(number=f"{number}.{v}") for v in range(1, reproductions + 1))
    return Design(number=number, product="chair", locarno=locarno, reproductions=views)


def lines_of(calc, kind, party=None):
    return [line for line in calc.lines if line.kind == kind and line.party == party]


def amount(calc, kind, party=None, due=None) -> Decimal:
    return sum(
        (line.amount for line in lines_of(calc, kind, party) if due in (None, line.due)),
        Decimal(0),
    )


# --- basic fee (Guide, "Fees due"; Schedule of Fees) ------------------------------------------


def test_basic_fee_for_one_design_is_397(ref):
    calc = calculate_fees(application(), ref)
    assert [line.kind for line in calc.lines] == ["basic"]
    assert calc.total_due_at_filing == 397
    assert calc.lines[0].label == "Basic fee, one design"
    assert calc.lines[0].unit_amount == Decimal("397.00")


@pytest.mark.parametrize(
    ("on", "unit"),
    [
        (date(2023, 12, 31), 19),  # before the Hague Union Assembly's increase
        (date(2024, 1, 1), 50),  # 43rd session (2023): 50 from 2024-01-01
    ],
)
def test_each_additional_design_costs_19_until_2023_and_50_from_2024(ref, on, unit):
    calc = calculate_fees(application(designs=3, on=on), ref)
    (line,) = lines_of(calc, "additional_designs")
    assert (line.quantity, line.unit_amount) == (2, unit)
    assert calc.total_due_at_filing == 397 + unit * 2


def test_an_application_without_designs_pays_the_basic_fee_only(ref):
    calc = calculate_fees(application(designs=0, designations=("DE",)), ref)
    assert calc.total_due_at_filing == 397 + 42
    assert not lines_of(calc, "additional_designs")


# --- standard designation fees (Rule 12(1)(c)) ------------------------------------------------


@pytest.mark.parametrize(
    ("party", "first", "additional"),
    [
        ("DE", 42, 2),  # level one (default)
        ("GE", 60, 20),  # level two
        ("VN", 90, 50),  # level three
    ],
)
def test_standard_designation_fee_per_level(ref, party, first, additional):
    calc = calculate_fees(application(designs=3, designations=(party,)), ref)
    assert amount(calc, "standard_designation", party) == first + additional * 2
    assert calc.total_due_at_filing == 397 + 50 * 2 + first + additional * 2


def test_standard_designation_lines_say_level_and_design(ref):
    calc = calculate_fees(application(designs=2, designations=("VN",)), ref)
    labels = [line.label for line in lines_of(calc, "standard_designation", "VN")]
    assert labels == [
        "Standard designation fee (level 3), Viet Nam, one design",
        "Standard designation fee (level 3), Viet Nam, each additional design",
    ]


@pytest.mark.parametrize(
    ("on", "kind", "expected"),
    [
        (date(2024, 3, 31), "individual_designation", 47 + 11 * 2),  # individual until then
        (date(2024, 4, 1), "standard_designation", 60 + 20 * 2),  # level two (WIPO news 2024)
    ],
)
def test_hungary_moves_from_individual_fee_to_level_two_on_2024_04_01(ref, on, kind, expected):
    calc = calculate_fees(application(designs=3, designations=("HU",), on=on), ref)
    assert [line.kind for line in calc.lines if line.party == "HU"] == [kind, kind]
    assert amount(calc, kind, "HU") == expected


# --- individual designation fees (Art 7(2) 1999 Act) ------------------------------------------


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ("CA", 350 * 3),  # each design
        ("EM", 59 * 3),
        ("JP", 373 * 3),
        ("RU", 107 + 22 * 2),  # first design / each additional
        ("KG", 129 + 64 * 2),
        ("TM", 518 + 32 * 2),
        ("CN", 497),  # "for each application", as printed on WIPO's page
    ],
)
def test_individual_designation_fee_in_the_party_layout(ref, party, expected):
    calc = calculate_fees(application(designs=3, designations=(party,)), ref)
    assert amount(calc, "individual_designation", party) == expected
    assert calc.total_due_at_filing == 397 + 50 * 2 + expected


@pytest.mark.parametrize(
    ("designs", "expected", "label"),
    [
        (1, 73, "single deposit (one design)"),  # OAPI: single deposit = one design
        (2, 110, "multiple deposit"),  # multiple deposit = more than one design, flat
        (5, 110, "multiple deposit"),
    ],
)
def test_oapi_fee_depends_on_single_or_multiple_deposit(ref, designs, expected, label):
    calc = calculate_fees(application(designs=designs, designations=("OA",)), ref)
    (line,) = lines_of(calc, "individual_designation", "OA")
    assert line.amount == expected
    assert line.label.endswith(label)


# --- fees in two parts: Mexico and the United States (Rule 12(3)) -----------------------------


def test_us_fee_first_part_at_filing_second_part_later(ref):
    calc = calculate_fees(application(designations=("US",)), ref)
    first, second = lines_of(calc, "individual_designation", "US")
    assert (first.due, first.amount, first.label) == (
        "filing",
        1150,
        "Individual designation fee, United States of America, first part",
    )
    assert (second.due, second.amount) == ("later", 1150)
    assert calc.total_due_at_filing == 397 + 1150
    assert calc.total_due_later == 1150


def test_us_second_part_follows_the_date(ref):
    # Second part 683 for dates 2023-05-01..2025-01-18 (WIPO individual-fee page).
    calc = calculate_fees(application(designations=("US",), on=date(2024, 6, 1)), ref)
    assert calc.total_due_later == 683


@pytest.mark.parametrize(
    ("status", "part", "words"),
    [("small", 460, "small entity"), ("micro", 230, "micro entity")],
)
def test_us_small_and_micro_entity_amounts(ref, status, part, words):
    app = application(designations=("US",), fee_reductions={"US": status})
    calc = calculate_fees(app, ref)
    first, second = lines_of(calc, "individual_designation", "US")
    assert (
        first.label == f"Individual designation fee, United States of America, first part ({words})"
    )
    assert calc.total_due_at_filing == 397 + part
    assert calc.total_due_later == part


def test_mexico_first_part_per_design_second_part_later(ref):
    calc = calculate_fees(application(designs=3, designations=("MX",)), ref)
    assert amount(calc, "individual_designation", "MX", due="filing") == 98 + 3 * 2
    assert amount(calc, "individual_designation", "MX", due="later") == 283
    assert calc.total_due_at_filing == 397 + 50 * 2 + 98 + 3 * 2


def test_mexico_reduced_amounts_when_claimed_in_item_18(ref):
    app = application(designs=3, designations=("MX",), fee_reductions={"MX": True})
    calc = calculate_fees(app, ref)
    assert amount(calc, "individual_designation", "MX", due="filing") == 49 + 1 * 2
    assert amount(calc, "individual_designation", "MX", due="later") == 141
    assert all("(reduced)" in line.label for line in lines_of(calc, "individual_designation", "MX"))


# --- Israel: reduction, excluded with a priority claim (Guide, item 18) -----------------------

PRIORITY = Priority(office="CH", number="123", date=date(2025, 3, 1))


def test_israel_reduced_fee_when_claimed(ref):
    app = application(designs=2, designations=("IL",), fee_reductions={"IL": True})
    assert amount(calculate_fees(app, ref), "individual_designation", "IL") == 70 * 2


def test_israel_reduction_does_not_apply_with_a_priority_claim(ref):
    # Guide, item 18: "The fee reduction does not apply if the international application
    # contains a priority claim."
    app = application(
        designs=2, designations=("IL",), fee_reductions={"IL": True}, priorities=(PRIORITY,)
    )
    (line,) = lines_of(calculate_fees(app, ref), "individual_designation", "IL")
    assert line.amount == 117 * 2
    assert "priority" in line.explanation


def test_a_reduction_the_party_does_not_offer_is_ignored(ref):
    app = application(designations=("JP",), fee_reductions={"JP": True})
    (line,) = lines_of(calculate_fees(app, ref), "individual_designation", "JP")
    assert line.amount == 373
    assert "full amount" in line.explanation


# --- Korea: the Locarno class chooses the fee (Guide, footnote 7) -----------------------------


@pytest.mark.parametrize("locarno", ["01", "02-01", "03", "05", "09", "11", "19"])
def test_korea_pays_level_three_for_partial_examination_classes(ref, locarno):
    calc = calculate_fees(application(designs=3, locarno=locarno, designations=("KR",)), ref)
    assert amount(calc, "standard_designation", "KR") == 90 + 50 * 2
    assert "footnote 7" in calc.lines[-1].explanation


@pytest.mark.parametrize(
    ("on", "unit"),
    [(date(2025, 7, 31), 162), (date(2025, 8, 1), 143)],
)
def test_korea_pays_its_individual_fee_for_other_classes(ref, on, unit):
    calc = calculate_fees(application(designs=3, designations=("KR",), on=on), ref)
    assert amount(calc, "individual_designation", "KR") == unit * 3


# --- LDC applicants (Guide, "Reduction of fees for applicants from LDCs") ---------------------


def test_ldc_applicant_pays_ten_percent_rounded_per_amount(ref):
    app = application(designs=2, reproductions=1, designations=("DE", "GE"), entitlement=CAMBODIAN)
    calc = calculate_fees(app, ref)
    assert calc.ldc_applicant
    assert amount(calc, "basic") == 40  # 10% of 397 = 39.7 -> 40
    assert amount(calc, "additional_designs") == 5  # 10% of 50
    assert amount(calc, "publication") == 2 * 2  # 10% of 17 = 1.7 -> 2, two reproductions
    assert amount(calc, "standard_designation", "DE") == 4 + 0  # 4.2 -> 4 ; 0.2 -> 0
    assert amount(calc, "standard_designation", "GE") == 6 + 2  # level two 60 / 20
    assert calc.total_due_at_filing == 40 + 5 + 2 * 2 + 4 + 0 + 6 + 2


def test_ldc_explicit_rows_win_over_the_computed_ten_percent(ref):
    # 2023: additional design 19 -> the Schedule's LDC amount 2 ; OAPI declared 8 / 12 itself
    # (10% would give 7 / 11).
    app = application(designs=2, designations=("OA",), entitlement=CAMBODIAN, on=date(2023, 12, 31))
    calc = calculate_fees(app, ref)
    assert amount(calc, "additional_designs") == 2
    assert amount(calc, "individual_designation", "OA") == 12
    assert calc.total_due_at_filing == 40 + 2 + 12


def test_ldc_reduction_leaves_other_individual_fees_alone(ref):
    app = application(designations=("JP",), entitlement=CAMBODIAN)
    assert amount(calculate_fees(app, ref), "individual_designation", "JP") == 373


# --- publication and description (Guide, "Fees due", items 9 and 17) --------------------------


def test_publication_fee_is_17_per_reproduction(ref):
    calc = calculate_fees(application(designs=2, reproductions=3), ref)
    (line,) = lines_of(calc, "publication")
    assert (line.quantity, line.amount, line.due) == (2 * 3, 17 * 6, "filing")


@pytest.mark.parametrize(
    ("months", "due"),
    [(12, "filing"), (13, "later"), (30, "later")],
)
def test_publication_fee_is_due_later_when_deferred_beyond_12_months(ref, months, due):
    app = application(reproductions=2, publication=Publication(mode="deferred", months=months))
    calc = calculate_fees(app, ref)
    (line,) = lines_of(calc, "publication")
    assert line.due == due
    assert calc.total_due_at_filing + calc.total_due_later == 397 + 17 * 2


def test_description_fee_is_2_per_word_beyond_100(ref):
    calc = calculate_fees(application(description="word " * 130), ref)
    (line,) = lines_of(calc, "description")
    assert (line.quantity, line.amount) == (30, 30 * 2)
    assert not lines_of(calculate_fees(application(description="word " * 100), ref), "description")


# --- robustness, dates and output --------------------------------------------------------------


def test_unknown_party_gives_a_zero_line_saying_no_fee_data(ref):
    calc = calculate_fees(application(designations=("XX",)), ref)
    (line,) = [line for line in calc.lines if line.party == "XX"]
    assert line.amount == 0
    assert "no fee data" in line.explanation


def test_missing_additional_design_amount_gives_a_zero_line(ref):
    # Uzbekistan: the per-additional-design amount was cut off in the source (hague-facts §2.2).
    calc = calculate_fees(application(designs=3, designations=("UZ",)), ref)
    first, additional = lines_of(calc, "individual_designation", "UZ")
    assert first.amount == 262
    assert (additional.quantity, additional.amount) == (2, 0)
    assert "no fee data" in additional.explanation


def test_on_overrides_the_filing_date_and_today_stands_in_for_a_missing_one(ref):
    app = application(designs=2, on=None)
    assert calculate_fees(app, ref, today=date(2023, 6, 1)).total_due_at_filing == 397 + 19
    assert calculate_fees(app, ref, on=date(2024, 6, 1)).schedule_date == date(2024, 6, 1)


def test_every_line_explains_itself_and_totals_add_up(ref):
    app = application(
        designs=3,
        reproductions=2,
        designations=("DE", "US", "OA", "CN", "XX"),
        description="w " * 120,
    )
    calc = calculate_fees(app, ref)
    assert all(line.label and line.explanation for line in calc.lines)
    assert all(line.amount == line.unit_amount * line.quantity for line in calc.lines)
    assert calc.total_due_at_filing == sum(x.amount for x in calc.lines if x.due == "filing")
    assert calc.total_due_later == sum(x.amount for x in calc.lines if x.due == "later")


def test_as_dict_writes_amounts_as_strings_with_two_decimals(ref):
    data = calculate_fees(application(designations=("US",)), ref).as_dict()
    assert data["currency"] == "CHF"
    assert data["schedule_date"] == "2025-09-01"
    assert data["total_due_at_filing"] == "1547.00"  # 397 + 1150
    assert data["total_due_later"] == "1150.00"
    assert data["lines"][0] == {
        "kind": "basic",
        "party": None,
        "quantity": 1,
        "unit_amount": "397.00",
        "amount": "397.00",
        "due": "filing",
        "label": "Basic fee, one design",
        "explanation": data["lines"][0]["explanation"],
        "confidence": "C",
    }


# --- behaviour follows the data, not the party code -------------------------------------------


def test_a_two_part_fee_follows_the_declaration_whoever_makes_it():
    # Give Japan a Rule 12(3) declaration and two-part amounts: no code names a party.
    rows = read_reference_dir(REFERENCE_DIR)
    rows["declarations"].append({"party": "JP", "kind": "two_part_fee", "confidence": "U"})
    for item, amount_ in (("individual_part1_first", "100"), ("individual_part2", "200")):
        rows["fees"].append(
            {
                "item": item,
                "party": "JP",
                "variant": "default",
                "amount": amount_,
                "confidence": "U",
            }
        )
    calc = calculate_fees(application(designations=("JP",)), ReferenceData.from_rows(**rows))
    assert calc.total_due_at_filing == 397 + 100
    assert calc.total_due_later == 200


def test_shaky_amounts_carry_their_confidence(ref):
    calc = calculate_fees(application(designations=("DE", "GE")), ref)
    confidence = {line.party: line.confidence for line in calc.lines}
    assert confidence == {None: "C", "DE": "S", "GE": "C"}  # level one 42 / 2: secondary source
