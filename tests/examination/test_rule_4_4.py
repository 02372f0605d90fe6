"""Rule 4(4): a time limit that ends on a day the International Bureau is closed ends on the next
day it is open, wherever it is stated, counted or enforced.

The case of issue 19: an invitation sent on Monday 7 December 2026 gives three months (Rule 14(1))
to Sunday 7 March 2027; the time limit is Monday 8 March 2027. On that Monday the response is
still accepted and the hourly task does not consider the application abandoned.
"""

import io
import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from hague_portal.events.models import Event
from hague_portal.examination import services
from hague_portal.examination.models import ExaminationStatus, Response
from hague_portal.examination.selectors import examination_timeline
from hague_portal.hague.clock import GENEVA
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.reference.models import ClosedDay
from hague_portal.reference.selectors import reference_data_changed

S = ExaminationStatus
SENT = date(2026, 12, 7)  # a Monday
LIMIT = date(2027, 3, 8)  # three months end on Sunday 7 March 2027


def geneva(day: date, hour=10, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=GENEVA)


def invite(examination, by, category, **fields):
    services.irregularity_raise(
        examination=examination, by=by, category=category, message="", **fields
    )
    return services.invitation_send(examination=examination, by=by)


def pdf_text(field) -> str:
    reader = PdfReader(io.BytesIO(field.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def invited(filed, erik):
    """Alice's application, invited on Monday 7 December 2026 to add a description for EM."""
    with time_machine.travel(geneva(SENT), tick=False):
        invitation = invite(filed, erik, "description", parties=["EM"])
    return invitation


def test_the_invitation_states_the_extended_time_limit_and_why(invited):
    assert invited.time_limit == LIMIT
    text = pdf_text(invited.letter_pdf)
    assert "by 8 March 2027" in text
    assert "7 March 2027, a day on which the International Bureau is closed" in text
    assert "Rule 4(4)" in text
    notice = Notification.objects.get(kind=NotificationKind.INVITATION)
    assert "8 March 2027" in notice.body and "7 March 2027" not in notice.body


def test_on_the_extended_last_day_the_response_is_accepted(client, alice, invited, filed):
    url = reverse("submissions:respond", args=[filed.submission.number, invited.sequence])
    with time_machine.travel(geneva(LIMIT, 23, 30), tick=False):
        client.force_login(alice)
        page = client.get(url).content.decode()
        answer = client.post(url, {"description": "A chair with three legs.", "confirm": "on"})
    assert "time limit ended" not in page
    assert answer.status_code == 302
    assert Response.objects.filter(invitation=invited).count() == 1


def test_the_day_after_the_extended_last_day_the_response_is_refused(client, alice, invited):
    number = invited.examination.submission.number
    with time_machine.travel(geneva(date(2027, 3, 9), 0, 5), tick=False):
        client.force_login(alice)
        page = client.get(reverse("submissions:respond", args=[number, 1])).content.decode()
    assert "The time limit ended on 8 March 2027" in page


def test_the_hourly_task_lapses_the_irregularity_only_after_the_extended_day(filed, erik):
    with time_machine.travel(geneva(SENT), tick=False):
        invite(filed, erik, "reproductions", designs=[1])  # abandons on lapse (Rule 14(3))
    with time_machine.travel(geneva(date(2027, 3, 8), 0, 30), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 0)
    with time_machine.travel(geneva(date(2027, 3, 8), 23, 30), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 0)
    assert filed.__class__.objects.get(pk=filed.pk).status == S.IRREGULAR
    with time_machine.travel(geneva(date(2027, 3, 9), 0, 30), tick=False):
        assert services.examinations_lapse().abandoned == 1


def test_every_page_that_shows_the_time_limit_shows_the_extended_date(
    client, alice, invited, filed
):
    with time_machine.travel(geneva(date(2027, 3, 1)), tick=False):
        client.force_login(alice)  # a session of that day
        application = client.get(reverse("submissions:detail", args=[filed.submission.number]))
        workbench = client.get(reverse("workbench"))
        deadlines = client.get(reverse("portfolio:deadlines"))
        link = client.post(reverse("portfolio:calendar_reset"), follow=True).content.decode()
        feed = client.get(re.search(r"http://testserver(/calendar/[\w-]+\.ics)", link)[1])
    assert "Respond by 8 March 2027 — 7 days left" in application.content.decode()
    for page in (application, workbench, deadlines):
        html = page.content.decode()
        assert "8 March 2027" in html and "7 March 2027" not in html
    assert "DTSTART;VALUE=DATE:20270308\r\n" in feed.content.decode()


def test_a_closed_day_added_later_carries_a_running_time_limit_to_the_next_open_day(filed, erik):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        invitation = invite(filed, erik, "reproductions", designs=[1])
    assert invitation.time_limit == date(2027, 3, 1)  # a Monday, the Bureau open
    # The Bureau announces it will be closed that Monday (an office's data change, no code).
    ClosedDay.objects.create(
        day=date(2027, 3, 1), reason="Exceptional closure", confidence="C", source="IB notice"
    )
    reference_data_changed()
    with time_machine.travel(geneva(date(2027, 3, 2), 0, 30), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 0)
        steps = examination_timeline(submission=filed.submission, for_staff=False)
    invitation.refresh_from_db()
    assert invitation.time_limit == date(2027, 3, 2)
    assert invitation.irregularities.get().time_limit == date(2027, 3, 2)
    examination = filed.__class__.objects.get(pk=filed.pk)
    assert (examination.status, examination.time_limit) == (S.IRREGULAR, date(2027, 3, 2))
    event = Event.objects.get(submission=filed.submission, kind="time_limit.extended")
    assert event.applicant_visible
    assert any(
        "The International Bureau is closed on 1 March 2027, so the time limit ends on "
        "2 March 2027 (Rule 4(4))." in step.lines
        for step in steps
    )
    with time_machine.travel(geneva(date(2027, 3, 3), 0, 30), tick=False):
        assert services.examinations_lapse().abandoned == 1


def test_a_closed_day_removed_later_never_shortens_a_time_limit(filed, erik):
    # Three months from 25 September 2026 end on Christmas, Friday 25 December: Monday 28.
    with time_machine.travel(geneva(date(2026, 9, 25)), tick=False):
        invitation = invite(filed, erik, "reproductions", designs=[1])
    assert invitation.time_limit == date(2026, 12, 28)
    ClosedDay.objects.filter(day=date(2026, 12, 25)).delete()  # a correction of the data
    reference_data_changed()
    with time_machine.travel(geneva(date(2026, 12, 28), 0, 30), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 0)
    invitation.refresh_from_db()
    assert invitation.time_limit == date(2026, 12, 28)  # what the letter said stands
