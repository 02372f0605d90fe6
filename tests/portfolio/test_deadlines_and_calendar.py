"""The time limits page and its calendar feed on a secret, revocable link; the own reference
edited in the wizard and carried to the workbench."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.hague.clock import geneva_today
from hague_portal.portfolio.ical import calendar_ics
from hague_portal.portfolio.models import CalendarToken
from hague_portal.portfolio.selectors_deadlines import Deadline

from ..filings.helpers import APPLICANT, formset, post_step
from .conftest import a_draft, a_filed, an_invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(bob, acme, erik, reference, media, no_broker):  # noqa: F811
    """Two ACME applications with open invitations (in 20 and in 70 days)."""
    later = an_invitation(a_filed(bob, client=acme), by=erik, days=70)
    sooner = an_invitation(a_filed(bob, client=acme), by=erik, days=20)
    return sooner, later


def test_the_time_limits_page_lists_open_invitations_soonest_first_with_days_left(
    client, vera, running
):
    sooner, later = running
    client.force_login(vera)
    html = client.get(reverse("portfolio:deadlines")).content.decode()
    first, second = (inv.examination.submission.number for inv in running)
    assert html.index(first) < html.index(second)
    assert "<td>20</td>" in html.replace('<td class="text-danger fw-semibold">', "<td>")
    assert "Reply to invitation 1" in html


def test_an_answered_invitation_is_no_longer_a_running_time_limit(client, bob, running):
    running[0].status = "answered"
    running[0].save(update_fields=["status"])
    client.force_login(bob)
    html = client.get(reverse("portfolio:deadlines")).content.decode()
    assert running[0].examination.submission.number not in html


def test_an_outsider_sees_no_time_limit_of_the_firm(client, charlie, running):
    client.force_login(charlie)
    assert (
        'data-testid="no-deadlines"' in client.get(reverse("portfolio:deadlines")).content.decode()
    )


def test_a_drafts_priority_claim_shows_the_paris_six_months(client, alice, reference):  # noqa: F811
    claimed = geneva_today() - timedelta(days=30)
    priority = {"office": "CH", "number": "123456", "date": claimed.isoformat(), "designs": []}
    a_draft(alice, priorities=[priority])
    client.force_login(alice)
    html = client.get(reverse("portfolio:deadlines")).content.decode()
    assert "File to claim priority of CH 123456" in html


def calendar_url(client, user) -> str:
    client.force_login(user)
    response = client.post(reverse("portfolio:calendar_reset"), follow=True)
    url = re.search(r"(http://testserver/calendar/[\w-]+\.ics)", response.content.decode())[1]
    client.logout()
    return url.removeprefix("http://testserver")


def test_the_calendar_link_serves_the_time_limits_without_signing_in(client, bob, running):
    url = calendar_url(client, bob)
    response = client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    limit = running[0].time_limit
    assert f"DTSTART;VALUE=DATE:{limit:%Y%m%d}\r\n" in body
    assert f"UID:invitation-{running[0].pk}@" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_resetting_the_link_stops_the_old_one_at_once(client, bob, running):
    old = calendar_url(client, bob)
    new = calendar_url(client, bob)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_stopping_the_link_removes_it(client, bob, running):
    url = calendar_url(client, bob)
    client.force_login(bob)
    client.post(reverse("portfolio:calendar_revoke"))
    client.logout()
    assert client.get(url).status_code == 404
    assert not CalendarToken.objects.filter(user=bob).exists()


def test_an_unknown_calendar_link_is_404(client, db):
    assert client.get(reverse("portfolio:calendar", args=["not-a-token"])).status_code == 404


def test_only_the_digest_of_the_calendar_token_is_stored(client, bob, running):
    url = calendar_url(client, bob)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in CalendarToken.objects.get(user=bob).token_sha256


def test_calendar_text_is_escaped_and_long_lines_folded():
    deadline = Deadline(
        on=geneva_today(),
        days_left=0,
        what="Reply; a very long explanation " * 5,
        number="WIPO000001",
        title="Chair, table",
        client="ACME",
        draft_id=None,
        uid="x",
    )
    body = calendar_ics([deadline], host="portal.test")
    lines = body.decode().split("\r\n")
    summary = [i for i, line in enumerate(lines) if line.startswith("SUMMARY:")][0]
    assert lines[summary + 1].startswith(" ")  # folded (RFC 5545 3.1)
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "Chair\\, table" in "".join(lines)  # escaped (RFC 5545 3.3.11)
    # What a calendar application reads back is the text as written.
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"WIPO000001: {deadline.what}"
    assert str(event["DESCRIPTION"]) == "Chair, table\nACME"
    assert event.decoded("DTSTART") == deadline.on


def test_the_wizard_edits_your_reference_and_the_workbench_lists_it(client, alice, reference):  # noqa: F811
    draft = a_draft(alice)
    client.force_login(alice)
    page = client.get(reverse("filings:step", args=[draft.id, "applicants"])).content.decode()
    assert "Your reference" in page
    data = {**formset("applicants", [APPLICANT], initial=1), "reference": "MY-FILE-77"}
    post_step(client, Draft.objects.get(pk=draft.pk), "applicants", data)
    draft.refresh_from_db()
    assert draft.document["reference"] == "MY-FILE-77"
    assert draft.reference == "MY-FILE-77"
    html = client.get(reverse("workbench"), {"reference": "file-77"}).content.decode()
    assert "<td>MY-FILE-77</td>" in html


@pytest.fixture
def many(bob, acme, erik, reference, media, no_broker):  # noqa: F811
    """ACME: three invitations (in 5, 20 and 20 days) and two drafts claiming priority."""
    invitations = [an_invitation(a_filed(bob, client=acme), by=erik, days=d) for d in (5, 20, 20)]
    for n, ago in ((1, 30), (2, 160)):  # the Paris period ends in ~5 months and ~20 days
        claimed = (geneva_today() - timedelta(days=ago)).isoformat()
        priority = {"office": "CH", "number": f"PR{n}", "date": claimed, "designs": []}
        a_draft(bob, client=acme, priorities=[priority])
    return invitations


def test_the_time_limits_come_a_page_at_a_time_in_order_without_repeats(bob, many):
    from hague_portal.portfolio.selectors_deadlines import deadlines_page

    whole = deadlines_page(user=bob, page=1, per_page=100)
    assert whole.count == 5 and whole.pages == 1
    days = [d.on for d in whole.deadlines]
    assert days == sorted(days)
    paged = []
    for number in (1, 2, 3):
        listed = deadlines_page(user=bob, page=number, per_page=2)
        assert listed.pages == 3 and listed.has_next == (number < 3)
        paged += listed.deadlines
    assert [d.uid for d in paged] == [d.uid for d in whole.deadlines]


def test_the_time_limits_page_has_pages_and_a_last_page_link(client, bob, many, monkeypatch):
    from hague_portal.portfolio import selectors_deadlines

    monkeypatch.setattr(selectors_deadlines, "DEADLINES_PER_PAGE", 2)
    client.force_login(bob)
    html = client.get(reverse("portfolio:deadlines")).content.decode()
    assert "Page 1 of 3" in html and "5 time limits." in html
    assert html.count("Reply to invitation") + html.count("File to claim priority") == 2
    last = client.get(reverse("portfolio:deadlines"), {"page": 3}).content.decode()
    assert "Page 3 of 3" in last and "File to claim priority of CH PR1" in last


def test_the_calendar_feed_holds_a_month_ago_to_two_years_ahead(client, bob, acme, erik, running):
    past = an_invitation(a_filed(bob, client=acme), by=erik, days=-20)
    too_old = an_invitation(a_filed(bob, client=acme), by=erik, days=-40)
    too_far = an_invitation(a_filed(bob, client=acme), by=erik, days=3 * 365)
    body = client.get(calendar_url(client, bob)).content.decode()
    uids = set(re.findall(r"UID:invitation-(\d+)@", body))
    assert uids == {str(inv.pk) for inv in (*running, past)}
    assert str(too_old.pk) not in uids and str(too_far.pk) not in uids


def test_the_time_limits_cost_the_same_queries_on_every_page(
    client, bob, many, django_assert_max_num_queries
):
    client.force_login(bob)
    client.get(reverse("portfolio:deadlines"))
    # session, user, membership, TOTP; calendar link; firms and shares (once: the visible drafts
    # are read once for every kind of time limit); claims, the Register's, the renewals'
    # (issue 23), per day, page
    with django_assert_max_num_queries(12):
        client.get(reverse("portfolio:deadlines"), {"page": 2})


@pytest.mark.parametrize(
    "what",
    [
        "x" * 73 + "\\;" + "y" * 80,  # an escape at the fold: never split from its backslash
        "Müller; Société générale, Zürich\n" * 4,  # non-ASCII: folded by octets
        "a,b;c\\d\r\ne" * 20,
        "",
    ],
)
def test_calendar_reads_back_any_text_as_written(what):
    deadline = Deadline(
        on=geneva_today(),
        days_left=0,
        what=what,
        number="WIPO000001",
        title="t",
        client="",
        draft_id=None,
        uid="x",
    )
    body = calendar_ics([deadline], host="portal.test")
    assert all(len(line.encode()) <= 75 for line in body.decode().split("\r\n"))
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    expected = what.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == f"WIPO000001: {expected}"
