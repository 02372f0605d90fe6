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
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..clock import geneva_today
from ..document import Application
from .designation import _designation_lines
from .facts import FREE_DESCRIPTION_WORDS, STANDARD_PUBLICATION_MONTHS, _facts
from .results import (
    ADDITIONAL_DESIGNS,
    AT_FILING,
    BASIC,
    CENT,
    CURRENCY,
    DEFAULT,
    DESCRIPTION,
    DESIGNATION,
    FRANC,
    INDIVIDUAL,
    LATER,
    LDC,
    NO_FEE_DATA,
    NOT_COMPUTABLE,
    PUBLICATION,
    STANDARD,
    VARIANT_WORDS,
    ZERO,
    FeeCalculation,
    FeeLine,
    money,
)
from .schedule import LDC_RATE, _bureau_lines

if TYPE_CHECKING:
    from ..reference import ReferenceData

__all__ = [
    "ADDITIONAL_DESIGNS",
    "AT_FILING",
    "BASIC",
    "CENT",
    "CURRENCY",
    "DEFAULT",
    "DESCRIPTION",
    "DESIGNATION",
    "FRANC",
    "FREE_DESCRIPTION_WORDS",
    "FeeCalculation",
    "FeeLine",
    "INDIVIDUAL",
    "LATER",
    "LDC",
    "LDC_RATE",
    "NO_FEE_DATA",
    "NOT_COMPUTABLE",
    "PUBLICATION",
    "STANDARD",
    "STANDARD_PUBLICATION_MONTHS",
    "VARIANT_WORDS",
    "ZERO",
    "calculate_fees",
    "geneva_today",
    "money",
]


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
