"""Properties of the fee calculation that hold for any application (hypothesis)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hague_portal.hague.document import (
    Application,
    Design,
    Entitlement,
    Priority,
    Publication,
    Reproduction,
)
from hague_portal.hague.fees import calculate_fees

# Dates on either side of every change in the fee data.
DATES = (
    date(2019, 6, 1),
    date(2023, 12, 31),
    date(2024, 1, 1),
    date(2024, 3, 31),
    date(2024, 4, 1),
    date(2025, 1, 18),
    date(2025, 1, 19),
    date(2025, 7, 31),
    date(2025, 8, 1),
)
ENTITLEMENTS = ("CH", "KH", "OA", "US", "DE")  # KH and OA: LDC applicants
CLASSES = ("02", "06", "06-01", "11", "32")
SPECIAL = ("US", "MX", "IL", "KR", "OA", "CN", "HU", "UZ", "XX")


def _design(number: int, locarno: str, views: int) -> Design:
    reproductions = tuple(Reproduction(number=f"{number}.{v}") for v in range(1, views + 1))
    return Design(number=number, product="chair", locarno=locarno, reproductions=reproductions)


@st.composite
def applications(draw, codes: tuple[str, ...]) -> Application:
    locarno = draw(st.sampled_from(CLASSES))
    views = draw(st.lists(st.integers(0, 6), max_size=12))
    parties = draw(st.lists(st.sampled_from(codes + SPECIAL), max_size=12))
    return Application(
        filing_date=draw(st.sampled_from(DATES)),
        entitlement=Entitlement(nationality=(draw(st.sampled_from(ENTITLEMENTS)),)),
        designations=tuple(parties),
        designs=tuple(_design(n, locarno, v) for n, v in enumerate(views, start=1)),
        description=" ".join(["word"] * draw(st.integers(0, 160))) or None,
        priorities=draw(st.sampled_from(((), (Priority("CH", "1", date(2019, 1, 2)),)))),
        publication=draw(
            st.sampled_from(
                (Publication(), Publication("immediate"), Publication("deferred", 6))
                + (Publication("deferred", 30),)
            )
        ),
        fee_reductions=draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "US": st.sampled_from(("small", "micro")),
                    "IL": st.booleans(),
                    "MX": st.booleans(),
                    "JP": st.just(True),
                },
            )
        ),
    )


def totals(calc) -> tuple[Decimal, Decimal, Decimal]:
    return calc.total_due_at_filing, calc.total_due_later, calc.total


def _add_design(app: Application) -> Application:
    locarno = app.designs[0].locarno if app.designs else "06"
    return replace(app, designs=(*app.designs, _design(len(app.designs) + 1, locarno, 0)))


def _add_reproduction(app: Application, index: int) -> Application:
    if not app.designs:
        return replace(app, designs=(_design(1, "06", 1),))
    designs = list(app.designs)
    target = designs[index % len(designs)]
    extra = Reproduction(number=f"{target.number}.{len(target.reproductions) + 1}")
    designs[index % len(designs)] = replace(target, reproductions=(*target.reproductions, extra))
    return replace(app, designs=tuple(designs))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_adding_a_design_never_lowers_any_total(ref, data):
    app = data.draw(applications(tuple(p.code for p in ref.parties())))
    before, after = calculate_fees(app, ref), calculate_fees(_add_design(app), ref)
    assert all(b <= a for b, a in zip(totals(before), totals(after), strict=True))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), index=st.integers(0, 99))
def test_adding_a_reproduction_never_lowers_any_total(ref, data, index):
    app = data.draw(applications(tuple(p.code for p in ref.parties())))
    before, after = calculate_fees(app, ref), calculate_fees(_add_reproduction(app, index), ref)
    assert all(b <= a for b, a in zip(totals(before), totals(after), strict=True))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_us_micro_costs_no_more_than_small_and_small_no_more_than_standard(ref, data):
    app = data.draw(applications(tuple(p.code for p in ref.parties())))
    app = replace(app, designations=(*app.designations, "US"))

    def with_status(status):
        reductions = {k: v for k, v in app.fee_reductions.items() if k != "US"}
        if status:
            reductions["US"] = status
        return totals(calculate_fees(replace(app, fee_reductions=reductions), ref))

    micro, small, standard = with_status("micro"), with_status("small"), with_status(None)
    assert all(m <= s <= d for m, s, d in zip(micro, small, standard, strict=True))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_totals_equal_the_sum_of_the_lines(ref, data):
    calc = calculate_fees(data.draw(applications(tuple(p.code for p in ref.parties()))), ref)
    assert calc.total_due_at_filing == sum(x.amount for x in calc.lines if x.due == "filing")
    assert calc.total_due_later == sum(x.amount for x in calc.lines if x.due == "later")
    assert {x.due for x in calc.lines} <= {"filing", "later"}


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_amount_is_a_non_negative_decimal_with_two_places(ref, data):
    calc = calculate_fees(data.draw(applications(tuple(p.code for p in ref.parties()))), ref)
    amounts = [calc.total_due_at_filing, calc.total_due_later]
    amounts += [a for x in calc.lines for a in (x.unit_amount, x.amount)]
    for value in amounts:
        assert isinstance(value, Decimal)
        assert value >= 0
        assert value.as_tuple().exponent == -2
    assert all(x.amount == x.unit_amount * x.quantity for x in calc.lines)
