"""The time-limits page and the calendar feed once registered (issue 22): each refusal
period's end, each time limit for a review set by a refusal, each second part's time limit."""

from datetime import date

from django.urls import reverse

from hague_portal.portfolio.ical import calendar_ics
from hague_portal.portfolio.selectors_deadlines import deadlines_page, deadlines_window

from .helpers import published, refuse, second_part_due

FEBRUARY = date(2027, 2, 1)


def whats(deadlines) -> list[tuple[date, str]]:
    """The time limits of issue 22 (the renewal's, issue 23, run from the registration:
    tests/portfolio/test_renewals_bulk.py)."""
    return [(d.on, d.what) for d in deadlines if not d.uid.startswith("renewal-")]


def test_nothing_runs_before_publication(registered, alice):
    listed = deadlines_page(user=alice, page=1, today=date(2026, 12, 1)).deadlines
    assert whats(listed) == []
    # Only the renewal, due at the expiry five years on, and the end of its grace period.
    assert [d.on for d in listed] == [date(2031, 1, 6), date(2031, 7, 7)]


def test_each_refusal_period_end_once_published(registered, alice):
    published(registered)
    found = whats(deadlines_page(user=alice, page=1, today=FEBRUARY).deadlines)
    assert found == [
        (
            date(2027, 7, 5),
            "End of the refusal period of CH (Rule 18(1)): without a refusal, protection",
        ),
        (
            date(2027, 7, 5),
            "End of the refusal period of EM (Rule 18(1)): without a refusal, protection",
        ),
        (
            date(2028, 1, 5),
            "End of the refusal period of US (Rule 18(1)): without a refusal, protection",
        ),
    ]


def test_a_refusal_sets_the_time_limit_for_a_review_and_a_second_part_its_own(
    registered, alice, olivia
):
    registration = published(registered)
    refuse(registration, olivia)
    part = second_part_due(registration, olivia)
    found = whats(deadlines_page(user=alice, page=1, today=FEBRUARY).deadlines)
    assert (
        date(2027, 5, 3),
        "Time limit for a review of the refusal by US (Rule 18(2)(b))",
    ) in found
    assert (
        part.time_limit,
        "Pay the second part of the individual fee for US (Rule 12(3)(c))",
    ) in found
    # US no longer awaits: its refusal period is no time limit of the holder's any more.
    assert not any("refusal period of US" in what for _, what in found)


def test_a_paid_second_part_leaves_the_list(registered, alice, olivia):
    from hague_portal.register import services

    registration = published(registered)
    part = second_part_due(registration, olivia)
    services.second_part_pay(
        second_part=part, user=alice, method="card", card_number="4242424242424242",
        today=date(2027, 3, 2),
    )  # fmt: skip
    found = whats(deadlines_page(user=alice, page=1, today=FEBRUARY).deadlines)
    assert not any("second part" in what for _, what in found)


def test_the_calendar_feed_carries_them(registered, alice, olivia):
    registration = published(registered)
    refuse(registration, olivia)
    ics = calendar_ics(deadlines_window(user=alice, today=FEBRUARY), host="portal.test").decode()
    assert "DTSTART;VALUE=DATE:20270503" in ics
    assert "DTSTART;VALUE=DATE:20270705" in ics
    assert f"UID:review-{registration.designations.get(party='US').pk}@portal.test" in ics


def test_others_see_none_of_them(registered, charlie):
    published(registered)
    assert deadlines_page(user=charlie, page=1, today=FEBRUARY).deadlines == []


def test_the_page_links_each_to_its_application(client, registered, alice, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    client.force_login(alice)
    html = client.get(reverse("portfolio:deadlines")).content.decode()
    assert "Pay the second part of the individual fee for US (Rule 12(3)(c))" in html
