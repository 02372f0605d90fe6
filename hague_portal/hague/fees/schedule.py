"""Fees of the International Bureau (Schedule of Fees): basic, publication, description."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..i18n import gettext, gettext_noop
from .facts import _Facts
from .results import (
    ADDITIONAL_DESIGNS,
    AT_FILING,
    BASIC,
    DESCRIPTION,
    FRANC,
    LATER,
    LDC,
    PUBLICATION,
    ZERO,
    FeeLine,
    _line,
    _no_data,
)

if TYPE_CHECKING:
    from ..reference import FeeRow

LDC_RATE = Decimal("0.1")  # Guide, "Reduction of fees for applicants from LDCs": 10%


# --- fees of the International Bureau (Schedule of Fees) ------------------------------------


_BUREAU_FEES = (
    # English labels and explanations, translated when a line is built.
    (BASIC, "basic_first", gettext_noop("Basic fee, one design")),
    (ADDITIONAL_DESIGNS, "basic_additional", gettext_noop("Basic fee, each additional design")),
    (PUBLICATION, "publication_reproduction", gettext_noop("Publication fee, each reproduction")),
    (DESCRIPTION, "description_word", gettext_noop("Description fee, each word beyond 100")),
)
_BUREAU_WHY = {
    BASIC: gettext_noop('Schedule of Fees: basic fee for one design (Guide, "Fees due")'),
    ADDITIONAL_DESIGNS: gettext_noop("Schedule of Fees: basic fee for each design after the first"),
    PUBLICATION: gettext_noop(
        'Schedule of Fees: publication fee for each reproduction (Guide, "Fees due")'
    ),
    DESCRIPTION: gettext_noop(
        "Schedule of Fees: the description has {n} words beyond the first 100 (Guide, item 9)"
    ),
}
_DEFERRED_WHY = gettext_noop(
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
        _bureau_line(f, kind, item, quantities[kind], gettext(label))
        for kind, item, label in _BUREAU_FEES
        if quantities[kind] > 0  # nothing to pay, no line
    ]


def _bureau_line(f: _Facts, kind: str, item: str, quantity: int, label: str) -> FeeLine:
    why = gettext(_BUREAU_WHY[kind]).format(n=quantity)
    due = AT_FILING
    if kind == PUBLICATION and f.publication_later:
        due, why = LATER, why + gettext(_DEFERRED_WHY)
    return _reducible_line(f, kind, item, quantity, due, label, why, None, None)


def _reducible_line(f, kind, item, quantity, due, label, why, party, level) -> FeeLine:
    """A fee of the International Bureau or a standard designation fee: LDCs pay 10%."""
    row, unit, note = _schedule(f, item, level)
    if row is None:
        return _no_data(kind, party, quantity, due, label, why)
    if f.ldc:
        label += gettext(" (LDC applicant)")
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
        note = gettext("; LDC applicant: reduced amount {amount} CHF")
        return explicit.amount, note.format(amount=explicit.amount)
    unit = (row.amount * LDC_RATE).quantize(FRANC, rounding=ROUND_HALF_UP)
    note = gettext("; LDC applicant: 10% of {amount} CHF, rounded to {unit} CHF")
    return unit, note.format(amount=row.amount, unit=unit)
