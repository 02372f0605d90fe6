"""Time limits counted from the priority date (item 13) and the deferment period (item 17)."""

from __future__ import annotations

import calendar
from datetime import date

PRIORITY_MONTHS = 6  # Paris Convention Art 4C(1) for designs; Guide, item 13


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (Paris Convention periods)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def priority_deadline(ref, priority_date: date) -> date:
    """Last day to file claiming this priority: six months, extended to the next day the
    International Bureau is open when it ends on a closed day (Paris Convention Art 4C(3))."""
    return ref.ib_next_working_day(add_months(priority_date, PRIORITY_MONTHS))


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
