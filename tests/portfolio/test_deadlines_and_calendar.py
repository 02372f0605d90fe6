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
