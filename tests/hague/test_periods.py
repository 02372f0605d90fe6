"""Periods counted from the priority date: the six-month priority period (item 13) and the
deferment limits (item 17), with the days the International Bureau is closed kept as data."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_checks import VALID  # tests/hague is a rootdir (no package)

from hague_portal.hague.checks import run_checks
from hague_portal.hague.document import Priority, Publication
from hague_portal.hague.periods import (
    deferment_limit,
    period_end,
    priority_deadline,
    time_limit,
)
from hague_portal.hague.reference import ReferenceData, read_reference_dir

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"


def claiming(priority_date, filing_date, **changes):
    priority = Priority("EM", "1", priority_date)
    return replace(VALID, priorities=(priority,), filing_date=filing_date, **changes)


def disregarded(app, ref):
    return [f for f in run_checks(app, ref) if f.code == "priority.disregarded"]


@pytest.mark.parametrize(
    ("priority_date", "filing_date", "deadline"),
    [
        # Guide, item 13; Paris Convention Art 4C(3): 6 September 2025 is a Saturday.
        pytest.param(date(2025, 3, 6), date(2025, 9, 8), date(2025, 9, 8), id="saturday"),
        # Jeûne genevois, Thursday 11 September 2025 (an ib_closed_days row).
        pytest.param(date(2025, 3, 11), date(2025, 9, 12), date(2025, 9, 12), id="jeune-genevois"),
        # Christmas (Thursday) 2025: the period runs on to Friday 26 December.
        pytest.param(date(2025, 6, 25), date(2025, 12, 26), date(2025, 12, 26), id="christmas"),
        # Good Friday 2026 (3 April) and Easter Monday (6 April) close four days in a row.
        pytest.param(date(2025, 10, 3), date(2026, 4, 7), date(2026, 4, 7), id="easter"),
    ],
)
def test_a_priority_period_ending_on_an_ib_closed_day_runs_to_the_next_working_day(
    ref, priority_date, filing_date, deadline
):
    assert priority_deadline(ref, priority_date) == deadline
    assert disregarded(claiming(priority_date, filing_date), ref) == []


def test_a_claim_filed_the_day_after_the_extended_period_is_disregarded(ref):
    # Guide, item 13: the extension is to the first working day only.
    findings = disregarded(claiming(date(2025, 3, 6), date(2025, 9, 9)), ref)
    assert len(findings) == 1
    assert "ended on 2025-09-08" in findings[0].message


def test_ib_closed_days_are_data_not_code():
    # Guide, item 13: without the Jeûne genevois row, 11 September 2025 is an ordinary Thursday.
    tables = read_reference_dir(REFERENCE_DIR)
    tables["ib_closed_days"] = [
        row for row in tables["ib_closed_days"] if row["day"] != "2025-09-11"
    ]
    without = ReferenceData.from_rows(**tables)
    assert len(disregarded(claiming(date(2025, 3, 11), date(2025, 9, 12)), without)) == 1


def test_every_closed_day_says_where_it_comes_from(ref):
    rows = ref.rows("ib_closed_days")
    assert {r.day.year for r in rows} >= {2024, 2025, 2026, 2027}
    assert all(r.source and r.confidence in ("C", "S", "U") for r in rows)


@pytest.mark.parametrize(
    ("priority_date", "months", "limit"),
    [
        # Guide, item 17: 30 months from a priority five months before filing leaves 25.
        pytest.param(date(2025, 4, 1), 30, 25, id="30-from-priority"),
        pytest.param(None, 30, 30, id="no-priority-30-from-filing"),
        # Denmark's 6 months, priority 2 months earlier: 4 months remain from filing.
        pytest.param(date(2025, 7, 1), 6, 4, id="dk-6-from-priority"),
    ],
)
def test_deferment_limits_count_from_the_priority_date(ref, priority_date, months, limit):
    assert deferment_limit(ref, [priority_date], date(2025, 9, 1), months) == limit


def test_a_deferment_of_26_months_after_a_5_month_old_priority_is_too_long(ref):
    # Guide, item 17; 99 Art 11(2): 30 months from the priority date.
    app = claiming(date(2025, 4, 1), date(2025, 9, 1), publication=Publication("deferred", 26))
    app = replace(app, designations=("EM",), claim=None, annexes=replace(app.annexes, I=()))
    found = [f for f in run_checks(app, ref) if f.code == "publication.deferment_too_long"]
    assert found and "at most 25 months" in found[0].message


@pytest.mark.parametrize(
    ("start", "period", "ends"),
    [
        # Rule 14(1) + Rule 4(4): an invitation of Monday 7 December 2026 gives three months to
        # Sunday 7 March 2027; the International Bureau is closed, so Monday 8 March.
        pytest.param(date(2026, 12, 7), {"months": 3}, date(2027, 3, 8), id="sunday"),
        # Three months from 4 December 2026 end on Thursday 4 March 2027: no extension.
        pytest.param(date(2026, 12, 4), {"months": 3}, date(2027, 3, 4), id="open-day"),
        # Rule 4(3): 30 November 2026 + 3 months has no 30 February, so 28 February 2027, a
        # Sunday: Monday 1 March.
        pytest.param(date(2026, 11, 30), {"months": 3}, date(2027, 3, 1), id="month-end-sunday"),
        # Saturday 26 December 2026 after Christmas (Friday 25, an ib_closed_days row).
        pytest.param(date(2026, 9, 25), {"months": 3}, date(2026, 12, 28), id="christmas"),
        # Good Friday 26 March 2027, Easter Monday 29 March 2027: four closed days in a row.
        pytest.param(date(2026, 12, 26), {"months": 3}, date(2027, 3, 30), id="easter"),
        # Rule 4(1): five years from 29 February 2024 end on 28 February 2029 (a Wednesday).
        pytest.param(date(2024, 2, 29), {"years": 5}, date(2029, 2, 28), id="leap-years"),
        # A period in days: seven days from Friday 11 December 2026 end on Friday 18 December.
        pytest.param(date(2026, 12, 11), {"days": 7}, date(2026, 12, 18), id="days"),
        # Eight days from Friday 18 December 2026 end on Saturday 26: carried to Monday 28.
        pytest.param(date(2026, 12, 18), {"days": 8}, date(2026, 12, 28), id="days-weekend"),
    ],
)
def test_a_time_limit_ending_on_a_closed_day_ends_on_the_next_open_day(ref, start, period, ends):
    assert time_limit(ref, start, **period) == ends
    assert not ref.ib_closed(ends)


def test_a_time_limit_is_never_earlier_than_its_period(ref):
    # Rule 4(4) only extends: every start date of 2026, every period an office uses.
    day = date(2026, 1, 1)
    while day.year == 2026:
        for period in ({"months": 3}, {"months": 6}, {"years": 5}, {"days": 7}):
            end = period_end(day, **period)
            limit = time_limit(ref, day, **period)
            assert end <= limit and not ref.ib_closed(limit)
            assert all(ref.ib_closed(end + timedelta(days=n)) for n in range((limit - end).days))
        day += timedelta(days=1)


def test_the_response_time_limit_of_rule_14_is_the_one_time_limit_function(ref):
    from hague_portal.hague.irregularities import response_time_limit

    assert response_time_limit(ref, date(2026, 12, 7)) == date(2027, 3, 8)
