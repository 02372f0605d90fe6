"""The Bulletin's entries, written from the Register's events (Rule 26(1)): one per published
fact, in the issue of its week, written once however often the delivery runs."""

from datetime import date

import pytest

from hague_portal.bulletin.models import BulletinEntry, BulletinIssue, EntryKind
from hague_portal.bulletin.services import entry_record, issue_for, issue_friday, issue_number
from hague_portal.events.models import Event
from hague_portal.register import services

from .conftest import PUBLISHED


@pytest.mark.parametrize(
    "day, label, dated",
    [
        (date(2023, 4, 7), "2023/14", date(2023, 4, 7)),  # CONF: edition 14/2023, 7 April 2023
        (date(2027, 1, 5), "2027/02", date(2027, 1, 8)),  # Tuesday: that week's Friday
        (date(2027, 1, 10), "2027/02", date(2027, 1, 8)),  # Sunday: still that week
        (date(2027, 1, 11), "2027/03", date(2027, 1, 15)),  # Monday: the next issue
        (date(2026, 12, 28), "2027/01", date(2027, 1, 1)),  # the week's Friday is in 2027
        (date(2026, 12, 25), "2026/52", date(2026, 12, 25)),
        (date(2027, 12, 31), "2027/53", date(2027, 12, 31)),  # a year with 53 Fridays
        (date(2028, 1, 3), "2028/01", date(2028, 1, 7)),
    ],
)
def test_an_entry_goes_in_the_issue_dated_the_friday_of_its_week(db, day, label, dated):
    issue = issue_for(day)
    assert (issue.label, issue.dated) == (label, dated)
    assert issue_friday(day).weekday() == 4 and issue_number(dated) == issue.number
    assert issue_for(day).pk == issue.pk  # made once


def test_publication_writes_the_registration_entry_with_its_snapshot(published):
    entry = BulletinEntry.objects.get(kind=EntryKind.REGISTRATION)
    assert entry.issue.label == "2027/02" and entry.date == PUBLISHED
    assert entry.number == published.number and entry.registration_date == date(2026, 1, 5)
    assert entry.holder_name == "Atelier Doe SARL" and "Paris" in entry.holder_address
    assert entry.parties == ["CH", "EM", "US"]
    assert [(d["number"], d["product"], d["locarno"]) for d in entry.designs] == [
        (1, "chair model 1", "06-01"),
        (2, "chair model 2", "06-01"),
    ]
    views = entry.designs[0]["reproductions"]
    assert [v["number"] for v in views] == ["1.1"] and len(views[0]["sha256"]) == 64
    assert entry.classes == " 06 06-01 " and entry.parties_text == " CH EM US "


def test_the_entry_is_written_once_however_often_its_delivery_runs(published):
    event = Event.objects.get(kind="registration.published")
    first = BulletinEntry.objects.get(event=event)
    assert entry_record(event=event) == first
    assert BulletinEntry.objects.count() == 1
    assert BulletinIssue.objects.count() == 1


def test_nothing_before_the_publication_date(registered):
    services.registrations_publish(today=date(2027, 1, 4))
    assert not BulletinEntry.objects.exists() and not BulletinIssue.objects.exists()


def _refuse(published, olivia, today):
    return services.refusal_notify(
        designation=published.designations.get(party="US"),
        by=olivia,
        designs=[2],
        grounds="Lacks novelty.",
        provisions="35 U.S.C. 171",
        review_time_limit=date(2027, 6, 1),
        review_authority="PTAB",
        today=today,
    )


def test_an_offices_decisions_go_in_the_issue_of_the_week_they_were_recorded(published, olivia):
    us = published.designations.get(party="US")
    _refuse(published, olivia, date(2027, 2, 1))
    services.refusal_withdraw(designation=us, by=olivia, designs=[2], today=date(2027, 3, 3))
    services.grant_state(designation=us, by=olivia, today=date(2027, 4, 9))
    found = {
        e.kind: (e.issue.label, e.party, e.date, e.details)
        for e in BulletinEntry.objects.exclude(kind=EntryKind.REGISTRATION)
    }
    # Rule 26(1)(ii): the refusal without its grounds, saying a review is possible.
    assert found == {
        EntryKind.REFUSAL: (
            "2027/06",
            "US",
            date(2027, 2, 1),
            {"designs": [2], "review_possible": True},
        ),
        EntryKind.REFUSAL_WITHDRAWN: (
            "2027/10",
            "US",
            date(2027, 3, 3),
            {"designs": [2], "remaining_refused": []},
        ),
        EntryKind.GRANT: (
            "2027/15",
            "US",
            date(2027, 4, 9),
            {"designs": [], "remaining_refused": []},
        ),
    }
    refusal = BulletinEntry.objects.get(kind=EntryKind.REFUSAL)
    assert refusal.parties_text == " US " and "Lacks novelty" not in str(refusal.details)


def test_a_cancellation_for_an_unpaid_second_part_is_published(published, olivia):
    us = published.designations.get(party="US")
    services.second_part_due(designation=us, by=olivia, today=date(2027, 3, 1))
    services.second_parts_lapse(today=date(2027, 6, 2))
    entry = BulletinEntry.objects.get(kind=EntryKind.CANCELLATION)
    assert (entry.issue.label, entry.party, entry.date) == ("2027/23", "US", date(2027, 6, 2))
    assert entry.details == {"designs": [], "reason": "second_part_unpaid"}


def test_protection_at_the_end_of_the_period_is_not_a_bulletin_entry(published):
    services.designations_protect(today=date(2027, 7, 6))
    assert list(BulletinEntry.objects.values_list("kind", flat=True)) == [EntryKind.REGISTRATION]
