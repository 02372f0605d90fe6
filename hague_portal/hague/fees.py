"""Fees of an international application, itemised in Swiss francs (Guide, "Payment of fees").

    calculate_fees(app, ref, *, on=None, today=None) -> FeeCalculation

`on` (the date whose Schedule of Fees and individual fees apply) defaults to the filing date,
else to `today`, else to today in Geneva; the clock is read only here, never deeper.

Every line carries `kind`, `party`, `quantity`, `unit_amount`, `amount` (= quantity x unit),
`due` ("filing" or "later"), a human `label`, an `explanation` of why it is charged (for the
public calculator) and the `confidence` of the reference row behind it. Line kinds:

    basic                   basic fee, one design (Schedule of Fees)
    additional_designs      basic fee, each additional design
    standard_designation    standard designation fee, one design / each additional (level 1-3)
    individual_designation  individual designation fee (Art 7(2)), in the layout the data gives
    designation             a designated party with no fee type in the data (amount 0)
    publication             publication fee, each reproduction
    description             description fee, each word beyond 100

What differs per party is data, never code: the fee type and level (`ref.fee_type`, which
also makes Korea's fee depend on the Locarno class, Guide footnote 7), the fee items present
for the party (first/additional, per design, per application, single/multiple deposit, two
parts), and the declarations `two_part_fee` (Rule 12(3)), `fee_reduction` (values: the
variants offered, e.g. "small", "micro", "reduced") and `fee_reduction_excluded_with_priority`.
Missing data never raises: it gives a line of amount 0 whose explanation says "no fee data".

Amounts are Decimals quantized to 0.01; `as_dict()` writes them as strings ("397.00") so that
JSON consumers keep them exact.

Part of the pure rules core: no Django, no ORM, no settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from .clock import geneva_today
from .document import Application
from .eligibility import applicant_entitlements, entitlement_parties, is_ldc_applicant

if TYPE_CHECKING:
    from .reference import FeeRow, FeeType, ReferenceData

CURRENCY = "CHF"
AT_FILING = "filing"
LATER = "later"

BASIC = "basic"
ADDITIONAL_DESIGNS = "additional_designs"
STANDARD = "standard_designation"
INDIVIDUAL = "individual_designation"
DESIGNATION = "designation"
PUBLICATION = "publication"
DESCRIPTION = "description"

CENT = Decimal("0.01")
FRANC = Decimal("1")
ZERO = Decimal("0.00")
LDC_RATE = Decimal("0.1")  # Guide, "Reduction of fees for applicants from LDCs": 10%
FREE_DESCRIPTION_WORDS = 100  # Schedule of Fees: 2 CHF per word beyond 100 (Guide, item 9)
STANDARD_PUBLICATION_MONTHS = 12  # Rule 17(1)(iii)
NO_FEE_DATA = "no fee data"

DEFAULT, LDC = "default", "ldc"
VARIANT_WORDS = {
    "reduced": "reduced",
    "small": "small entity",
    "micro": "micro entity",
    LDC: "LDC applicant",
}


# --- results -------------------------------------------------------------------------------


def money(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class FeeLine(NamedTuple):
    # A NamedTuple, not a frozen dataclass: as immutable, and about four times cheaper to build
    # (a calculation for 80 parties builds some 160 lines).
    kind: str
    party: str | None
    quantity: int
    unit_amount: Decimal
    amount: Decimal
    due: str  # "filing" | "later"
    label: str
    explanation: str
    confidence: str | None = None  # of the reference row: "C", "S", "U"; None: no data

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "party": self.party,
            "quantity": self.quantity,
            "unit_amount": str(self.unit_amount),
            "amount": str(self.amount),
            "due": self.due,
            "label": self.label,
            "explanation": self.explanation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class FeeCalculation:
    lines: tuple[FeeLine, ...]
    total_due_at_filing: Decimal
    total_due_later: Decimal
    schedule_date: date
    ldc_applicant: bool = False
    currency: str = CURRENCY

    @property
    def total(self) -> Decimal:
        return self.total_due_at_filing + self.total_due_later

    def as_dict(self) -> dict:
        """JSON-ready; amounts are strings with two decimals to keep Decimal exactness."""
        return {
            "currency": self.currency,
            "schedule_date": self.schedule_date.isoformat(),
            "ldc_applicant": self.ldc_applicant,
            "total_due_at_filing": str(self.total_due_at_filing),
            "total_due_later": str(self.total_due_later),
            "lines": [line.as_dict() for line in self.lines],
        }


# --- the facts of the application that fees depend on --------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    ref: ReferenceData
    on: date
    designs: int  # at least one: an application always pays for one design
    reproductions: int
    extra_words: int
    locarno_class: str | None
    ldc: bool
    priority_claimed: bool
    publication_later: bool
    reductions: dict
    index: _Index  # which fee rows the data holds (built once per ReferenceData)
    memo: dict  # Schedule of Fees rows looked up during this calculation


def _facts(app: Application, ref: ReferenceData, on: date) -> _Facts:
    return _Facts(
        ref=ref,
        on=on,
        designs=max(len(app.designs), 1),
        reproductions=sum(len(d.reproductions) for d in app.designs),
        extra_words=max(len((app.description or "").split()) - FREE_DESCRIPTION_WORDS, 0),
        locarno_class=_locarno_class(app),
        ldc=_ldc_applicant(app, ref, on),
        priority_claimed=bool(app.priorities),
        publication_later=_publication_deferred(app),
        reductions=app.fee_reductions or {},
        index=_index(ref),
        memo={},
    )


def _ldc_applicant(app: Application, ref: ReferenceData, on: date) -> bool:
    # Fast path: with no LDC (or mostly-LDC IGO) among the connections of item 2 the reduction
    # cannot apply; the full condition walks every designation to find the governing Acts.
    codes = {c for e in applicant_entitlements(app) for c in entitlement_parties(e)}
    codes.update(igo for c in tuple(codes) for igo in ref.igos_of(c))
    return any(ref.is_ldc(c, on) for c in codes) and is_ldc_applicant(app, ref, on)


def _locarno_class(app: Application) -> str | None:
    # Guide, item 8: all designs belong to one Locarno class; the checks flag a mix, fees use
    # the first design's class (it chooses Korea's fee, Guide footnote 7).
    head = (app.designs[0].locarno if app.designs else "").split("-")[0].strip()
    return head.zfill(2) if head.isdigit() and len(head) <= 2 else None


def _publication_deferred(app: Application) -> bool:
    # Rule 12(2); Guide, "Fees due": the publication fee is due later when publication is
    # deferred beyond the standard publication period of 12 months (Rules 16(3), 17(1)(iii)).
    months = app.publication.months
    return (
        app.publication.mode == "deferred"
        and months is not None
        and months > STANDARD_PUBLICATION_MONTHS
    )


# --- entry point ---------------------------------------------------------------------------


def calculate_fees(
    app: Application,
    ref: ReferenceData,
    *,
    on: date | None = None,
    today: date | None = None,
) -> FeeCalculation:
    """Every fee of the application, itemised; never raises on a well-formed document."""
    on = on or app.filing_date or today or geneva_today()
    facts = _facts(app, ref, on)
    lines = (*_bureau_lines(facts), *_designation_lines(facts, app.designations))
    return FeeCalculation(
        lines=lines,
        total_due_at_filing=_total(lines, AT_FILING),
        total_due_later=_total(lines, LATER),
        schedule_date=on,
        ldc_applicant=facts.ldc,
    )


def _total(lines: Iterable[FeeLine], due: str) -> Decimal:
    return money(sum((line.amount for line in lines if line.due == due), ZERO))


# --- fees of the International Bureau (Schedule of Fees) ------------------------------------


_BUREAU_FEES = (
    (BASIC, "basic_first", "Basic fee, one design"),
    (ADDITIONAL_DESIGNS, "basic_additional", "Basic fee, each additional design"),
    (PUBLICATION, "publication_reproduction", "Publication fee, each reproduction"),
    (DESCRIPTION, "description_word", "Description fee, each word beyond 100"),
)
_BUREAU_WHY = {
    BASIC: 'Schedule of Fees: basic fee for one design (Guide, "Fees due")',
    ADDITIONAL_DESIGNS: "Schedule of Fees: basic fee for each design after the first",
    PUBLICATION: 'Schedule of Fees: publication fee for each reproduction (Guide, "Fees due")',
    DESCRIPTION: "Schedule of Fees: the description has {n} words beyond the first 100 "
    "(Guide, item 9)",
}
_DEFERRED_WHY = (
    "; publication is deferred beyond 12 months, so this fee is paid later, before "
    'publication (Guide, "Fees due"; Rules 12(2), 16(3))'
)


def _bureau_lines(f: _Facts) -> list[FeeLine]:
    quantities = {
        BASIC: 1,
        ADDITIONAL_DESIGNS: f.designs - 1,
        PUBLICATION: f.reproductions,
        DESCRIPTION: f.extra_words,
    }
    return [
        _bureau_line(f, kind, item, quantities[kind], label)
        for kind, item, label in _BUREAU_FEES
        if quantities[kind] > 0  # nothing to pay, no line
    ]


def _bureau_line(f: _Facts, kind: str, item: str, quantity: int, label: str) -> FeeLine:
    why = _BUREAU_WHY[kind].format(n=quantity)
    due = AT_FILING
    if kind == PUBLICATION and f.publication_later:
        due, why = LATER, why + _DEFERRED_WHY
    return _reducible_line(f, kind, item, quantity, due, label, why, None, None)


def _reducible_line(f, kind, item, quantity, due, label, why, party, level) -> FeeLine:
    """A fee of the International Bureau or a standard designation fee: LDCs pay 10%."""
    row, unit, note = _schedule(f, item, level)
    if row is None:
        return _no_data(kind, party, quantity, due, label, why)
    if f.ldc:
        label += " (LDC applicant)"
    return _line(kind, party, quantity, unit, due, label, why + note, row.confidence)


def _schedule(f: _Facts, item: str, level: int | None) -> tuple[FeeRow | None, Decimal, str]:
    # Rule 12(1)(a)-(c): these amounts are the Schedule of Fees' ("*" rows), the same for every
    # party at a level, so each is looked up once per calculation.
    key = (item, level)
    if key not in f.memo:
        row = f.ref.fee(item, f.on, level=level)
        unit, note = (row.amount if row else ZERO), ""
        if row is not None and f.ldc:
            unit, note = _ldc_unit(f, item, level, row)
        f.memo[key] = (row, unit, note)
    return f.memo[key]


def _ldc_unit(f: _Facts, item: str, level: int | None, row: FeeRow) -> tuple[Decimal, str]:
    # Guide, "Reduction of fees for applicants from LDCs": 10% of the prescribed amount,
    # rounded to the nearest full figure, per amount. An explicit LDC row in the data wins.
    explicit = f.ref.fee(item, f.on, variant=LDC, level=level)
    if explicit is not None:
        return explicit.amount, f"; LDC applicant: reduced amount {explicit.amount} CHF"
    unit = (row.amount * LDC_RATE).quantize(FRANC, rounding=ROUND_HALF_UP)
    return unit, f"; LDC applicant: 10% of {row.amount} CHF, rounded to {unit} CHF"


# --- designation fees ----------------------------------------------------------------------


def _designation_lines(f: _Facts, designations: Iterable[str]) -> list[FeeLine]:
    lines: list[FeeLine] = []
    for party in dict.fromkeys(designations):  # each party once, in the order designated
        lines.extend(_party_lines(f, party))
    return lines


def _party_lines(f: _Facts, party: str) -> list[FeeLine]:
    by_class = _class_for(f, party, f.index.class_fee_types)
    fee_type = f.ref.fee_type(party, f.on, locarno_class=by_class)
    name = _name(f, party)
    if fee_type is None:
        why = f"{name}: no fee type (standard or individual) in force on {f.on}"
        return [_no_data(DESIGNATION, party, 1, AT_FILING, f"Designation fee, {name}", why)]
    if fee_type.fee_type == "standard":
        return _standard_lines(f, party, name, fee_type)
    return _individual_lines(f, party, name)


def _name(f: _Facts, party: str) -> str:
    known = f.ref.party(party)
    return known.name if known else party


def _class_note(f: _Facts, fee_type: FeeType) -> str:
    # Guide, footnote 7: Korea's designation fee depends on the Locarno class of the designs.
    if fee_type.locarno_classes:
        return f" for designs in Locarno class {f.locarno_class} (Guide, footnote 7)"
    return ""


def _standard_lines(f: _Facts, party: str, name: str, fee_type: FeeType) -> list[FeeLine]:
    level = fee_type.level
    head = f"Standard designation fee (level {level}), {name}"
    why = f"Rule 12(1)(c): {name} receives the standard designation fee at level {level}"
    why += _class_note(f, fee_type)

    def charge(item: str, quantity: int, part: str) -> FeeLine:
        label = f"{head}, {part}"
        return _reducible_line(f, STANDARD, item, quantity, AT_FILING, label, why, party, level)

    lines = [charge("standard_first", 1, "one design")]
    if f.designs > 1:
        lines.append(charge("standard_additional", f.designs - 1, "each additional design"))
    return lines


# --- individual designation fees (Art 7(2) 1999 Act) ----------------------------------------


@dataclass(frozen=True, slots=True)
class _Party:
    f: _Facts
    code: str
    name: str
    variants: tuple[str, ...]  # tried in order; the first with a row wins
    claimed: str | None  # the reduced variant allowed by item 18 and the declarations
    note: str  # why a claimed reduction applies or not

    def find(self, item: str) -> tuple[FeeRow | None, str]:
        present = _variants_present(self.f, self.code, item)
        by_class = _class_for(self.f, (self.code, item), self.f.index.by_class)
        for variant in (v for v in self.variants if v in present):
            row = self.f.ref.fee(
                item, self.f.on, party=self.code, variant=variant, locarno_class=by_class
            )
            if row is not None:
                return row, variant
        return None, DEFAULT

    def has(self, item: str) -> bool:
        # The layout is the one the data gives the party on any date; an amount not in force
        # on the filing date then shows as "no fee data" rather than as another layout.
        return bool(_variants_present(self.f, self.code, item))

    def line(self, item: str, quantity: int, part: str, *, due: str = AT_FILING) -> FeeLine:
        label = f"Individual designation fee, {self.name}, {part}"
        row, variant = self.find(item)
        why = f"Art 7(2) 1999 Act: {self.name} receives an individual designation fee"
        if row is None:
            return _no_data(INDIVIDUAL, self.code, quantity, due, label, why)
        if variant != DEFAULT:
            label += f" ({VARIANT_WORDS.get(variant, variant)})"
        return _line(
            INDIVIDUAL,
            self.code,
            quantity,
            row.amount,
            due,
            label,
            why + self.note + _variant_note(self, variant),
            row.confidence,
        )


@dataclass(frozen=True, slots=True)
class _Index:
    """What the fee data holds, whatever the date: built once per (immutable) ReferenceData."""

    variants: dict[tuple[str, str], frozenset[str]]  # (party, item) -> variants with rows
    by_class: frozenset[tuple[str, str]]  # (party, item) with class-specific rows
    class_fee_types: frozenset[str]  # parties whose fee type depends on the class (fn 7)


_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


def _index(ref: ReferenceData) -> _Index:
    index = _INDEXES.get(ref)
    if index is None:
        index = _INDEXES[ref] = _build_index(ref)
    return index


def _build_index(ref: ReferenceData) -> _Index:
    variants: dict[tuple[str, str], set[str]] = {}
    for row in ref.rows("fees"):
        variants.setdefault((row.party, row.item), set()).add(row.variant)
    return _Index(
        variants={key: frozenset(found) for key, found in variants.items()},
        by_class=frozenset((r.party, r.item) for r in ref.rows("fees") if r.locarno_classes),
        class_fee_types=frozenset(
            r.party for r in ref.rows("party_fee_types") if r.locarno_classes
        ),
    )


def _variants_present(f: _Facts, party: str, item: str) -> frozenset[str]:
    """The variants of `item` the data has for `party` (else for "*"), on any date."""
    variants = f.index.variants
    return variants.get((party, item)) or variants.get(("*", item), frozenset())


def _class_for(f: _Facts, key: str | tuple[str, str], classes: frozenset) -> str | None:
    # Only rows restricted to Locarno classes need the class; skipping it elsewhere saves
    # parsing the class code for every party (measured: a third of the calculation).
    return f.locarno_class if key in classes else None


def _variant_note(p: _Party, variant: str) -> str:
    if variant == LDC:
        return "; LDC applicant: the party's reduced amount for LDCs applies"
    if p.claimed and variant == DEFAULT:
        words = VARIANT_WORDS.get(p.claimed, p.claimed)
        return f"; no {words} amount in the data for this fee, the full amount applies"
    return ""


def _individual_lines(f: _Facts, party: str, name: str) -> list[FeeLine]:
    p = _individual_party(f, party, name)
    for layout in _LAYOUTS:
        lines = layout(p)
        if lines is not None:
            return lines
    label = f"Individual designation fee, {name}"
    why = f"Art 7(2) 1999 Act: {name} receives an individual designation fee"
    return [_no_data(INDIVIDUAL, party, 1, AT_FILING, label, why)]


def _individual_party(f: _Facts, party: str, name: str) -> _Party:
    claimed, note = _claimed_variant(f, party, name)
    # Guide, "Reduction of fees for applicants from LDCs": a party's own LDC amount (if it
    # declared one, e.g. OAPI) comes first; then a reduction claimed in item 18.
    variants = tuple(dict.fromkeys(v for v in (LDC if f.ldc else None, claimed, DEFAULT) if v))
    return _Party(f, party, name, variants, claimed, note)


def _claimed_variant(f: _Facts, party: str, name: str) -> tuple[str | None, str]:
    """Item 18: the reduced amount claimed for the party, if its declarations allow it."""
    claimed = f.reductions.get(party)
    if not claimed:
        return None, ""
    variant = "reduced" if claimed is True else str(claimed)
    words = VARIANT_WORDS.get(variant, variant)
    offered = {d.value for d in f.ref.declarations(party, f.on, "fee_reduction")}
    if variant not in offered:
        return None, f"; {name} offers no {words} amount (item 18), the full amount applies"
    if f.priority_claimed and f.ref.declaration(
        party, "fee_reduction_excluded_with_priority", f.on
    ):
        # Guide, item 18 (Israel): no reduction if the application contains a priority claim.
        return (
            None,
            f"; {name} grants no reduction when priority is claimed (Guide, item 18)"
            ", the full amount applies",
        )
    return variant, f"; {words} amount claimed in item 18 (Guide, item 18)"


def _two_parts(p: _Party) -> list[FeeLine] | None:
    # Rule 12(3): the fee is in two parts; only the first is paid with the application, the
    # second after the Office's notice of allowance (Guide, "Fees due").
    if p.f.ref.declaration(p.code, "two_part_fee", p.f.on) is None:
        return None
    # Without an amount per additional design the first part is one amount per application.
    per_design = p.has("individual_part1_additional")
    first = "first part, one design" if per_design else "first part"
    lines = [p.line("individual_part1_first", 1, first)]
    if per_design and p.f.designs > 1:
        additional = "first part, each additional design"
        lines.append(p.line("individual_part1_additional", p.f.designs - 1, additional))
    lines.append(p.line("individual_part2", 1, "second part", due=LATER))
    return lines


def _first_and_additional(p: _Party) -> list[FeeLine] | None:
    if not p.has("individual_first"):
        return None
    lines = [p.line("individual_first", 1, "one design")]
    if p.f.designs > 1:  # a missing amount gives a "no fee data" line
        lines.append(p.line("individual_additional", p.f.designs - 1, "each additional design"))
    return lines


def _per_design(p: _Party) -> list[FeeLine] | None:
    if not p.has("individual_per_design"):
        return None
    return [p.line("individual_per_design", p.f.designs, "each design")]


def _per_application(p: _Party) -> list[FeeLine] | None:
    # China: "for each application" as printed on WIPO's individual-fee page.
    if not p.has("individual_per_application"):
        return None
    return [p.line("individual_per_application", 1, "each application")]


def _deposit(p: _Party) -> list[FeeLine] | None:
    # OAPI: a single deposit is one design, a multiple deposit more than one (flat amount).
    if not (p.has("individual_single_deposit") or p.has("individual_multiple_deposit")):
        return None
    if p.f.designs == 1:
        return [p.line("individual_single_deposit", 1, "single deposit (one design)")]
    return [p.line("individual_multiple_deposit", 1, "multiple deposit")]


_LAYOUTS = (_two_parts, _first_and_additional, _per_design, _per_application, _deposit)


# --- line builders -------------------------------------------------------------------------


def _line(kind, party, quantity, unit, due, label, why, confidence) -> FeeLine:
    unit, amount, arithmetic = _price(unit, quantity)
    return FeeLine(
        kind=kind,
        party=party,
        quantity=quantity,
        unit_amount=unit,
        amount=amount,
        due=due,
        label=label,
        explanation=why + arithmetic,
        confidence=confidence,
    )


@lru_cache(maxsize=4096)
def _price(unit: Decimal, quantity: int) -> tuple[Decimal, Decimal, str]:
    # Pure and called with few distinct values (a handful of amounts, 1..100 designs): cached.
    unit = money(unit)
    return unit, money(unit * quantity), f": {quantity} x {unit} CHF."


def _no_data(kind, party, quantity, due, label, why) -> FeeLine:
    # Unknown data must not block a filing: show the line at 0 so staff can fill the gap.
    return FeeLine(
        kind=kind,
        party=party,
        quantity=quantity,
        unit_amount=ZERO,
        amount=ZERO,
        due=due,
        label=label,
        explanation=f"{why}; {NO_FEE_DATA}: amount shown as 0 until the reference data has it.",
        confidence=None,
    )
