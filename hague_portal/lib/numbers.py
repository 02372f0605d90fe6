"""Amounts of money as the reader's language writes them: one function for every page, letter,
e-mail and PDF, so that a fee table never prints `397.00` beside `515,00 CHF` (issue 20).

English "1,234.50", French "1 234,50", Spanish "1 234,50" (Django's formats for the active
language, grouping forced as for the calculator). Records that programs read (the API, CSV
exports, the audit trail's summary) keep their plain "1234.50".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format


def amount_text(value, currency: str = "") -> str:
    """`value` (a Decimal, int or the string of one, as the JSON of a fee calculation holds it)
    to the centime in the active language, followed by `currency` when given. A value that is
    no number is returned as it came."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return "" if value is None else str(value)
    if not number.is_finite():
        return str(value)
    text = number_format(number.quantize(Decimal("0.01")), 2, force_grouping=True)
    return f"{text} {currency}" if currency else text
