"""Designation fees: standard (Rule 12(1)(c)) and individual (Art 7(2)), with reductions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import gettext, language
from .facts import _class_for, _Facts, _variants_present
from .results import (
    AT_FILING,
    DEFAULT,
    DESIGNATION,
    INDIVIDUAL,
    LATER,
    LDC,
    STANDARD,
    FeeLine,
    _line,
    _no_data,
    _not_computable,
    variant_words,
)
from .schedule import _reducible_line

if TYPE_CHECKING:
    from ..reference import FeeRow, FeeType

# --- designation fees ----------------------------------------------------------------------


def _designation_lines(f: _Facts, designations: Iterable[str]) -> list[FeeLine]:
    lines: list[FeeLine] = []
    for party in dict.fromkeys(designations):  # each party once, in the order designated
        lines.extend(_party_lines(f, party))
    return lines


def _party_lines(f: _Facts, party: str) -> list[FeeLine]:
    by_class = _class_for(f, party, f.index.class_fee_types)
    if party in f.index.class_fee_types and by_class is None:
        return [_class_missing(f, party)]
    fee_type = f.ref.fee_type(party, f.on, locarno_class=by_class)
    name = _name(f, party)
    if fee_type is None:
        why = gettext("{name}: no fee type (standard or individual) in force on {date}").format(
            name=name, date=f.on
        )
        return [_no_data(DESIGNATION, party, 1, AT_FILING, _designation_label(name), why)]
    if fee_type.fee_type == "standard":
        return _standard_lines(f, party, name, fee_type)
    return _individual_lines(f, party, name)


def _class_missing(f: _Facts, party: str) -> FeeLine:
    # Guide, footnote 7: the fee type depends on the Locarno class, which item 8 does not make
    # compulsory; without it the fee is unknown, not an irregularity.
    name = _name(f, party)
    why = gettext(
        "{name}: the designation fee depends on the Locarno class of the designs (Guide, "
        "footnote 7); indicate the class in item 8 to compute it"
    ).format(name=name)
    return _not_computable(DESIGNATION, party, AT_FILING, _designation_label(name), why)


def _designation_label(name: str) -> str:
    return gettext("Designation fee, {name}").format(name=name)


def _name(f: _Facts, party: str) -> str:
    known = f.ref.party(party)
    return known.name_in(language()) if known else party


def _class_note(f: _Facts, fee_type: FeeType) -> str:
    # Guide, footnote 7: Korea's designation fee depends on the Locarno class of the designs.
    if fee_type.locarno_classes:
        note = gettext(" for designs in Locarno class {locarno_class} (Guide, footnote 7)")
        return note.format(locarno_class=f.locarno_class)
    return ""


def _standard_lines(f: _Facts, party: str, name: str, fee_type: FeeType) -> list[FeeLine]:
    level = fee_type.level
    head = gettext("Standard designation fee (level {level}), {name}").format(
        level=level, name=name
    )
    why = gettext(
        "Rule 12(1)(c): {name} receives the standard designation fee at level {level}"
    ).format(name=name, level=level)
    why += _class_note(f, fee_type)

    def charge(item: str, quantity: int, part: str) -> FeeLine:
        label = f"{head}, {part}"
        return _reducible_line(f, STANDARD, item, quantity, AT_FILING, label, why, party, level)

    lines = [charge("standard_first", 1, gettext("one design"))]
    if f.designs > 1:
        lines.append(
            charge("standard_additional", f.designs - 1, gettext("each additional design"))
        )
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
        label = f"{_individual_label(self.name)}, {part}"
        row, variant = self.find(item)
        why = _individual_why(self.name)
        if row is None:
            return _no_data(INDIVIDUAL, self.code, quantity, due, label, why)
        if variant != DEFAULT:
            label += f" ({variant_words(variant)})"
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


def _variant_note(p: _Party, variant: str) -> str:
    if variant == LDC:
        return gettext("; LDC applicant: the party's reduced amount for LDCs applies")
    if p.claimed and variant == DEFAULT:
        note = gettext("; no {variant} amount in the data for this fee, the full amount applies")
        return note.format(variant=variant_words(p.claimed))
    return ""


def _individual_label(name: str) -> str:
    return gettext("Individual designation fee, {name}").format(name=name)


def _individual_why(name: str) -> str:
    return gettext("Art 7(2) 1999 Act: {name} receives an individual designation fee").format(
        name=name
    )


def _individual_lines(f: _Facts, party: str, name: str) -> list[FeeLine]:
    p = _individual_party(f, party, name)
    for layout in _LAYOUTS:
        lines = layout(p)
        if lines is not None:
            return lines
    label, why = _individual_label(name), _individual_why(name)
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
    words = variant_words(variant)
    offered = {d.value for d in f.ref.declarations(party, f.on, "fee_reduction")}
    if variant not in offered:
        note = gettext("; {name} offers no {variant} amount (item 18), the full amount applies")
        return None, note.format(name=name, variant=words)
    if f.priority_claimed and f.ref.declaration(
        party, "fee_reduction_excluded_with_priority", f.on
    ):
        # Guide, item 18 (Israel): no reduction if the application contains a priority claim.
        note = gettext(
            "; {name} grants no reduction when priority is claimed (Guide, item 18), the full "
            "amount applies"
        )
        return None, note.format(name=name)
    note = gettext("; {variant} amount claimed in item 18 (Guide, item 18)")
    return variant, note.format(variant=words)


def _two_parts(p: _Party) -> list[FeeLine] | None:
    # Rule 12(3): the fee is in two parts; only the first is paid with the application, the
    # second after the Office's notice of allowance (Guide, "Fees due").
    if p.f.ref.declaration(p.code, "two_part_fee", p.f.on) is None:
        return None
    # Without an amount per additional design the first part is one amount per application.
    per_design = p.has("individual_part1_additional")
    first = gettext("first part, one design") if per_design else gettext("first part")
    lines = [p.line("individual_part1_first", 1, first)]
    if per_design and p.f.designs > 1:
        additional = gettext("first part, each additional design")
        lines.append(p.line("individual_part1_additional", p.f.designs - 1, additional))
    lines.append(p.line("individual_part2", 1, gettext("second part"), due=LATER))
    return lines


def _first_and_additional(p: _Party) -> list[FeeLine] | None:
    if not p.has("individual_first"):
        return None
    lines = [p.line("individual_first", 1, gettext("one design"))]
    if p.f.designs > 1:  # a missing amount gives a "no fee data" line
        additional = gettext("each additional design")
        lines.append(p.line("individual_additional", p.f.designs - 1, additional))
    return lines


def _per_design(p: _Party) -> list[FeeLine] | None:
    if not p.has("individual_per_design"):
        return None
    return [p.line("individual_per_design", p.f.designs, gettext("each design"))]


def _per_application(p: _Party) -> list[FeeLine] | None:
    # China: "for each application" as printed on WIPO's individual-fee page.
    if not p.has("individual_per_application"):
        return None
    return [p.line("individual_per_application", 1, gettext("each application"))]


def _deposit(p: _Party) -> list[FeeLine] | None:
    # OAPI: a single deposit is one design, a multiple deposit more than one (flat amount).
    if not (p.has("individual_single_deposit") or p.has("individual_multiple_deposit")):
        return None
    if p.f.designs == 1:
        return [p.line("individual_single_deposit", 1, gettext("single deposit (one design)"))]
    return [p.line("individual_multiple_deposit", 1, gettext("multiple deposit"))]


_LAYOUTS = (_two_parts, _first_and_additional, _per_design, _per_application, _deposit)
