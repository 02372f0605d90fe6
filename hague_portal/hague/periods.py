"""Periods and time limits: the one place a date the portal computes from another is counted.

Rule 4(1)-(3) of the Common Regulations: a period in years or months ends in the later year or
month on the day of the same number as the day it started from, or on the last day of that month
when it has no such day; a period in days ends on the last day counted.
Rule 4(4): a period that ends on a day the International Bureau is not open to the public ends
instead on the first following day on which it is open. Every time limit the portal states
(invitations under Rule 14(1), priority under Article 4C of the Paris Convention, and those still
to come: refusal periods, renewals) is `time_limit(...)`; the days the Bureau is closed are
reference data (`ib_closed_days`, plus every Saturday and Sunday), read through `ref`.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PRIORITY_MONTHS = 6  # Paris Convention Art 4C(1) for designs; Guide, item 13


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (Paris Convention periods)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The last day of a period counted from `start` (Rule 4(1)-(3)), before any extension."""
    return add_months(start, 12 * years + months) + timedelta(days=days)


def time_limit(ref, start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The last day to act: the period's end, or the first following day the International
    Bureau is open when it ends on a day it is closed (Rule 4(4))."""
    return ref.ib_next_working_day(period_end(start, years=years, months=months, days=days))


def priority_deadline(ref, priority_date: date) -> date:
    """Last day to file claiming this priority: six months, extended to the next day the
    International Bureau is open when it ends on a closed day (Paris Convention Art 4C(3))."""
    return time_limit(ref, priority_date, months=PRIORITY_MONTHS)


def priority_valid(ref, priority_date: date, filing_date: date) -> bool:
    return priority_date < filing_date <= priority_deadline(ref, priority_date)


def deferment_start(ref, priority_dates, filing_date: date) -> date:
    """Deferment runs from the earliest valid priority date, else the filing date
    (99 Art 11(1)-(2); Rule 16(1); Guide, item 17); a disregarded priority does not count."""
    valid = [d for d in priority_dates if d and priority_valid(ref, d, filing_date)]
    return min(valid, default=filing_date)


def deferment_limit(ref, priority_dates, filing_date: date, months: int) -> int:
    """The longest deferment, in months from the filing date, that stays within `months`
    of the filing or priority date (Guide, item 17: the period counts from the priority date)."""
    end = add_months(deferment_start(ref, priority_dates, filing_date), months)
    limit = months
    while limit > 0 and add_months(filing_date, limit) > end:
        limit -= 1
    return limit
