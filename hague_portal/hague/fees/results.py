"""What a fee calculation returns (`FeeLine`, `FeeCalculation`), its vocabulary and money."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from ..i18n import gettext, gettext_noop

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
NO_FEE_DATA = "no fee data"
NOT_COMPUTABLE = "cannot be computed"

DEFAULT, LDC = "default", "ldc"
VARIANT_WORDS = {  # English; translated on use (`variant_words`)
    "reduced": gettext_noop("reduced"),
    "small": gettext_noop("small entity"),
    "micro": gettext_noop("micro entity"),
    LDC: gettext_noop("LDC applicant"),
}


def variant_words(variant: str) -> str:
    """How a fee variant reads in a label or an explanation ("small entity")."""
    return gettext(VARIANT_WORDS[variant]) if variant in VARIANT_WORDS else variant


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
    explanation = gettext(
        "{why}; no fee data: amount shown as 0 until the reference data has it."
    ).format(why=why)
    return _zero_line(kind, party, quantity, due, label, explanation)


def _not_computable(kind, party, due, label, why) -> FeeLine:
    # A fee that depends on something the application does not say (e.g. the Locarno class,
    # Guide item 8, not compulsory): shown at 0 with what is missing, never guessed.
    explanation = gettext(
        "{why}; cannot be computed: amount shown as 0 until it is indicated."
    ).format(why=why)
    return _zero_line(kind, party, 1, due, label, explanation)


def _zero_line(kind, party, quantity, due, label, explanation) -> FeeLine:
    return FeeLine(
        kind=kind,
        party=party,
        quantity=quantity,
        unit_amount=ZERO,
        amount=ZERO,
        due=due,
        label=label,
        explanation=explanation,
        confidence=None,
    )
