"""Renewal of an international registration (Article 17 of the 1999 Act; Rules 23 and 24), as
plain functions over the reference data: the terms and their expiry, the renewal window and the
grace period, which parties may still be renewed, and the itemised renewal fees.

- Article 17(1)-(2): the first term is five years from the date of the international
  registration; it is renewable for further terms of five years.
- Article 17(3): each party protects at least 15 years (1999 Act; 10 under the 1960 Act), or the
  longer maximum it declared (reference data: `max_protection_years`).
- Rule 23: an unofficial reminder six months before each expiry.
- Rule 24(1)(c): the fees are due on the expiry date, and may still be paid within six months
  after it with the surcharge (the grace period); Rule 24(1)(d): a payment made more than three
  months before the expiry counts as made three months before it.
- Rule 4(4) applies to every time limit through `periods.time_limit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .fees.results import ZERO, FeeLine, _line, _no_data
from .i18n import gettext
from .periods import add_months, period_end, time_limit

TERM_YEARS = 5
GRACE_MONTHS = 6  # Rule 24(1)(c)
REMINDER_MONTHS = 6  # Rule 23
EARLY_MONTHS = 3  # Rule 24(1)(d)
MINIMUM_YEARS = {"1999": 15, "1960": 10}  # Article 17(3)(a) of the 1999 Act; 1960 Act Art 11

RENEWAL_BASIC = "renewal_basic"
RENEWAL_ADDITIONAL = "renewal_additional_designs"
RENEWAL_STANDARD = "renewal_standard_designation"
RENEWAL_INDIVIDUAL = "renewal_individual_designation"
RENEWAL_SURCHARGE = "renewal_surcharge"
DUE_AT_RENEWAL = "renewal"


@dataclass(frozen=True, slots=True)
class RenewalDates:
    term: int  # the term that ends: 1 is the first five years
    expiry: date  # the end of the term: the renewal is due on it (Rule 24(1)(c))
    due: date  # the last day to pay without surcharge (Rule 4(4) applied)
    grace_end: date  # the last day to pay with the surcharge (Rule 24(1)(c), Rule 4(4))
    reminder_on: date  # Rule 23: six months before the expiry
    counts_from: date  # Rule 24(1)(d): an earlier payment counts as made on this day


def term_expiry(registration_date: date, term: int) -> date:
    """The end of the `term`-th five-year term (Article 17(1)-(2))."""
    return period_end(registration_date, years=TERM_YEARS * term)


def grace_end(ref, expiry: date) -> date:
    """The last day to renew a term ending on `expiry`, with the surcharge: six months after it
    (Rule 24(1)(c)), the next day the International Bureau is open if it is closed (Rule 4(4))."""
    return time_limit(ref, expiry, months=GRACE_MONTHS)


def renewal_dates(ref, registration_date: date, term: int) -> RenewalDates:
    expiry = term_expiry(registration_date, term)
    return RenewalDates(
        term=term,
        expiry=expiry,
        due=time_limit(ref, expiry),
        grace_end=grace_end(ref, expiry),
        reminder_on=add_months(expiry, -REMINDER_MONTHS),
        counts_from=add_months(expiry, -EARLY_MONTHS),
    )


def current_term(registration_date: date, on: date) -> int:
    """The term running on `on` (1 for the first five years), counting a term as running until
    its expiry date inclusive."""
    term = 1
    while term_expiry(registration_date, term) < on:
        term += 1
    return term


def in_grace_period(ref, registration_date: date, term: int, paid_on: date) -> bool:
    dates = renewal_dates(ref, registration_date, term)
    return dates.due < paid_on <= dates.grace_end


def max_years(ref, party: str, on: date, act: str = "1999") -> int:
    """The longest protection the party gives, in years from the registration date: its
    declaration under Article 17(3)(c), else the Act's minimum."""
    declared = ref.declaration(party, "max_protection_years", on)
    minimum = MINIMUM_YEARS.get(act, MINIMUM_YEARS["1999"])
    return max(int(declared.value), minimum) if declared else minimum


def renewable_for(ref, party: str, on: date, term: int, act: str = "1999") -> bool:
    """May the registration be renewed for `party` at the end of `term`? Only while the next
    term stays within the party's maximum duration (Article 17(3))."""
    return TERM_YEARS * (term + 1) <= max_years(ref, party, on, act)


def _individual_rows(ref, party: str, on: date, renewal: int) -> dict[str, object]:
    rows = {}
    for item in (
        "renewal_individual_per_design",
        "renewal_individual_first",
        "renewal_individual_additional",
    ):
        # Article 7(2): the amount may depend on the renewal's number (level), or not (blank).
        row = ref.fee(item, on, party=party, level=renewal) or ref.fee(item, on, party=party)
        if row is not None and row.party == party:
            rows[item] = row
    return rows


def renewal_fees(
    ref,
    on: date,
    *,
    designs: int,
    parties: list[str],
    renewal: int,
    in_grace: bool,
    individual_parties: frozenset[str] = frozenset(),
) -> tuple[list[FeeLine], Decimal]:
    """The itemised fees of renewing `designs` designs for `parties` (Rule 24(1)(a)-(c)): the
    basic fee (one design, then each additional one), for each party the standard designation
    fee or its individual fee, and the surcharge in the grace period. `renewal` is the renewal's
    number (1 at the end of the first term). `individual_parties`: the parties whose fee type
    is individual (their renewal amount may be missing from the data: a "no fee data" line)."""
    lines = _basic_lines(ref, on, designs)
    for party in parties:
        lines.extend(_party_lines(ref, on, party, designs, renewal, individual_parties))
    if in_grace:
        lines.append(_surcharge_line(ref, on))
    return lines, sum((line.amount for line in lines), ZERO)


def _fee_line(kind, party, quantity, row, label, why) -> FeeLine:
    return _line(kind, party, quantity, row.amount, DUE_AT_RENEWAL, label, why, row.confidence)


def _basic_lines(ref, on, designs) -> list[FeeLine]:
    why = gettext("Rule 24(1)(a)(i), basic renewal fee")
    first = ref.fee("renewal_basic_first", on)
    label = gettext("Basic renewal fee, one design")
    lines = [
        _fee_line(RENEWAL_BASIC, None, 1, first, label, why)
        if first
        else _no_data(RENEWAL_BASIC, None, 1, DUE_AT_RENEWAL, label, why)
    ]
    if designs > 1:
        more = ref.fee("renewal_basic_additional", on)
        label = gettext("Basic renewal fee, each additional design")
        lines.append(
            _fee_line(RENEWAL_ADDITIONAL, None, designs - 1, more, label, why)
            if more
            else _no_data(RENEWAL_ADDITIONAL, None, designs - 1, DUE_AT_RENEWAL, label, why)
        )
    return lines


def _party_lines(ref, on, party, designs, renewal, individual_parties) -> list[FeeLine]:
    rows = _individual_rows(ref, party, on, renewal)
    if rows:
        return _individual_lines(party, designs, renewal, rows)
    if party in individual_parties:
        why = gettext("Article 7(2), individual renewal fee of {party}").format(party=party)
        label = gettext("Individual renewal fee")
        return [_no_data(RENEWAL_INDIVIDUAL, party, 1, DUE_AT_RENEWAL, label, why)]
    return _standard_lines(ref, on, party, designs)


def _individual_lines(party, designs, renewal, rows) -> list[FeeLine]:
    why = gettext("Article 7(2), individual renewal fee of {party} (renewal {n})").format(
        party=party, n=renewal
    )
    if "renewal_individual_per_design" in rows:
        label = gettext("Individual renewal fee, each design")
        row = rows["renewal_individual_per_design"]
        return [_fee_line(RENEWAL_INDIVIDUAL, party, designs, row, label, why)]
    label = gettext("Individual renewal fee, one design")
    lines = [_fee_line(RENEWAL_INDIVIDUAL, party, 1, rows["renewal_individual_first"], label, why)]
    if designs > 1 and "renewal_individual_additional" in rows:
        label = gettext("Individual renewal fee, each additional design")
        row = rows["renewal_individual_additional"]
        lines.append(_fee_line(RENEWAL_INDIVIDUAL, party, designs - 1, row, label, why))
    return lines


def _standard_lines(ref, on, party, designs) -> list[FeeLine]:
    why = gettext("Rule 24(1)(a)(ii), standard designation fee at renewal ({party})").format(
        party=party
    )
    first, more = ref.fee("renewal_standard_first", on), ref.fee("renewal_standard_additional", on)
    label = gettext("Standard designation fee, one design")
    if first is None:
        return [_no_data(RENEWAL_STANDARD, party, 1, DUE_AT_RENEWAL, label, why)]
    lines = [_fee_line(RENEWAL_STANDARD, party, 1, first, label, why)]
    if designs > 1 and more is not None:
        label = gettext("Standard designation fee, each additional design")
        lines.append(_fee_line(RENEWAL_STANDARD, party, designs - 1, more, label, why))
    return lines


def _surcharge_line(ref, on) -> FeeLine:
    why = gettext("Rule 24(1)(c), renewal in the six months after the expiry")
    label = gettext("Surcharge for the grace period")
    row = ref.fee("renewal_surcharge", on)
    if row is None:
        return _no_data(RENEWAL_SURCHARGE, None, 1, DUE_AT_RENEWAL, label, why)
    return _fee_line(RENEWAL_SURCHARGE, None, 1, row, label, why)
