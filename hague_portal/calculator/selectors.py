"""Reads behind the public fee calculator: choices from the reference data and a comparison of
designation sets, each priced by the rules core (no fee logic here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hague_portal.hague.clock import geneva_today
from hague_portal.hague.document import (
    Application,
    Design,
    Entitlement,
    Priority,
    Publication,
    Reproduction,
)
from hague_portal.hague.fees import LATER, FeeCalculation, FeeLine, calculate_fees
from hague_portal.hague.reference import ReferenceData
from hague_portal.hague.wording import names_declaring

CALCULATOR_PRODUCT = "Product"  # a minimal application: products do not affect fees


@dataclass(frozen=True, slots=True)
class PricedSet:
    key: str  # "A", "B" or "C"
    designations: tuple[str, ...]
    fees: FeeCalculation
    difference: Decimal  # total minus set A's total


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    label: str
    explanation: str
    due_later: bool
    unconfirmed: bool  # the reference row behind it is unconfirmed (confidence "U")
    amounts: tuple[Decimal | None, ...]  # one per set; None: not charged in that set


@dataclass(frozen=True, slots=True)
class FeeComparison:
    sets: tuple[PricedSet, ...]
    rows: tuple[ComparisonRow, ...]
    schedule_date: date
    ldc_applicant: bool


def party_choices(ref: ReferenceData, on: date | None = None) -> list[tuple[str, str]]:
    """Every Contracting Party, sorted by name, labelled with its fee type on `on`."""
    on = on or geneva_today()
    by_class = {row.party for row in ref.rows("party_fee_types") if row.locarno_classes}
    language = get_language()
    return [
        (
            p.code,
            f"{p.name_in(language)} ({p.code}): "
            f"{_fee_type_label(ref, p.code, on, p.code in by_class)}",
        )
        for p in ref.parties(language)
    ]


def _fee_type_label(ref: ReferenceData, code: str, on: date, by_class: bool) -> str:
    fee_type = ref.fee_type(code, on)
    if fee_type is None:
        label = _("fee type unknown")
    elif fee_type.fee_type == "standard":
        label = _("standard fee, level {level}").format(level=fee_type.level)
    else:
        label = _("individual fee")
    # Guide, footnote 7: the Republic of Korea's fee type depends on the Locarno class.
    return (
        _("{fee_type}, depends on the Locarno class").format(fee_type=label) if by_class else label
    )


def locarno_choices(ref: ReferenceData) -> list[tuple[str, str]]:
    classes = (c for c in ref.rows("locarno") if c.level == "class")
    language = get_language()
    return [
        (c.code, f"{c.code}: {c.title_in(language)}") for c in sorted(classes, key=lambda c: c.code)
    ]


def calculator_application(*, inputs: dict, designations: tuple[str, ...]) -> Application:
    """The least application the fees depend on, built from the calculator's inputs."""
    return Application(
        filing_date=inputs.get("filing_date"),
        entitlement=Entitlement(establishment=_codes(inputs.get("entitlement"))),
        designations=designations,
        designs=_designs(inputs["designs"], inputs["reproductions"], inputs["locarno_class"]),
        description=" ".join(["word"] * inputs["description_words"]) or None,
        publication=_publication(inputs),
        fee_reductions=_fee_reductions(inputs, designations),
        priorities=_priorities(inputs),
    )


def _priorities(inputs: dict) -> tuple[Priority, ...]:
    # Only whether priority is claimed changes a fee (Guide, item 18: Israel), not its details:
    # a claim dated the day before filing stands for it.
    if not inputs.get("priority_claimed"):
        return ()
    filing = inputs.get("filing_date") or geneva_today()
    return (Priority(office="", number="", date=filing - timedelta(days=1)),)


def _codes(code: str | None) -> tuple[str, ...]:
    return (code,) if code else ()


def _designs(count: int, reproductions: int, locarno: str | None) -> tuple[Design, ...]:
    # Spread the reproductions over the designs, at least one each (A.I. Section 405).
    per_design, extra = divmod(reproductions, count)
    return tuple(
        Design(
            number=n,
            product=CALCULATOR_PRODUCT,
            locarno=locarno or None,
            reproductions=tuple(
                Reproduction(number=f"{n}.{view}")
                for view in range(1, per_design + (n <= extra) + 1)
            ),
        )
        for n in range(1, count + 1)
    )


def _publication(inputs: dict) -> Publication:
    if inputs["publication"] == "deferred":
        return Publication(mode="deferred", months=inputs["deferment_months"])
    return Publication(mode=inputs["publication"])


def _fee_reductions(inputs: dict, designations: tuple[str, ...]) -> dict[str, str | bool]:
    # Item 18: only for a designated party, as the formality checks require. In the document
    # a plain "reduced" fee is `true`; entity sizes are named ("small", "micro").
    claimed = inputs.get("fee_reductions", {})
    return {
        party: True if value == "reduced" else value
        for party, value in claimed.items()
        if party in designations
    }


def priority_matters(ref: ReferenceData, on: date | None = None) -> str:
    """The names of the parties whose fee reduction a priority claim excludes ("" if none)."""
    return names_declaring(ref, "fee_reduction_excluded_with_priority", on or geneva_today())


def reduction_choices(ref: ReferenceData, on: date | None = None):
    """(code, name, declared values) of every party offering a reduced designation fee."""
    on = on or geneva_today()
    language = get_language()
    names = {
        code: ref.party(code).name_in(language)
        for code in ref.parties_declaring("fee_reduction", on)
    }
    return [
        (
            code,
            names[code],
            tuple(d.value for d in ref.declarations(code, on, "fee_reduction")),
        )
        for code in sorted(names, key=names.get)
    ]


def fee_comparison(*, inputs: dict, sets: dict[str, tuple[str, ...]], ref) -> FeeComparison:
    """Each designation set priced by `calculate_fees`, lined up row by row."""
    calculations = {
        key: calculate_fees(calculator_application(inputs=inputs, designations=parties), ref)
        for key, parties in sets.items()
    }
    first = next(iter(calculations.values()))
    return FeeComparison(
        sets=tuple(
            PricedSet(key, sets[key], fees, fees.total - first.total)
            for key, fees in calculations.items()
        ),
        rows=_rows(list(calculations.values())),
        schedule_date=first.schedule_date,
        ldc_applicant=first.ldc_applicant,
    )


def _rows(calculations: list[FeeCalculation]) -> tuple[ComparisonRow, ...]:
    # The same fee in two sets (e.g. the basic fee, or EM in both) shares one row.
    lines: dict[tuple, FeeLine] = {}
    for fees in calculations:
        for line in fees.lines:
            lines.setdefault(_key(line), line)
    amounts = [{_key(line): line.amount for line in fees.lines} for fees in calculations]
    return tuple(
        ComparisonRow(
            label=line.label,
            explanation=line.explanation,
            due_later=line.due == LATER,
            unconfirmed=line.confidence == "U",
            amounts=tuple(per_set.get(key) for per_set in amounts),
        )
        for key, line in lines.items()
    )


def _key(line: FeeLine) -> tuple:
    return (line.kind, line.party, line.label)
