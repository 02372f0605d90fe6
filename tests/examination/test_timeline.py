"""The application's page after filing (issue 9): the status, the timeline (received → checks →
invitation and response → registered or abandoned → publication) with the time limit counting
down, the open irregularities with Respond for those who may file, and the history the applicant
may see; in a constant number of queries."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from hague_portal.examination import services
from hague_portal.examination.models import Examination
from hague_portal.examination.selectors import audit_events, examination_timeline
from hague_portal.hague.clock import GENEVA
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from tests.submissions.conftest import make_draft, submit


def geneva(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=GENEVA)


def invite(examination, by, category="description", **fields):
    fields.setdefault("parties", ["EM"] if category == "description" else [])
    services.irregularity_raise(
        examination=examination, by=by, category=category, message="", **fields
    )
    return services.invitation_send(examination=examination, by=by)


def kinds(submission, *, for_staff=False):
    steps = examination_timeline(submission=submission, for_staff=for_staff)
    return [(step.kind, step.state) for step in steps]


def reload(examination):
    return Examination.objects.select_related("submission").get(pk=examination.pk)


@pytest.fixture
def paid(filed, alice):
    account = CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )
    payment_create(
        submission=filed.submission,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )
    return account


def test_a_new_application_shows_received_and_the_checks_running(alice, media, reference_db):
    submission = submit(make_draft(alice, designs=1, views=1), alice)
    assert kinds(submission) == [
        ("received", "done"),
        ("checks", "current"),
        ("registered", "future"),
    ]


def test_under_examination_the_checks_are_done(filed):
    assert kinds(filed.submission) == [
        ("received", "done"),
        ("checks", "done"),
        ("registered", "future"),
    ]


def test_an_invitation_counts_its_time_limit_down_in_geneva_days(filed, erik):
    with time_machine.travel(geneva(date(2026, 11, 30)), tick=False):
        invite(filed, erik)
        steps = examination_timeline(submission=filed.submission, for_staff=False)
    invitation = steps[2]
    assert (invitation.kind, invitation.state) == ("invitation", "current")
    # Three months end on Sunday 28 February 2027: Rule 4(4) carries them to Monday 1 March.
    assert invitation.countdown == "Respond by 1 March 2027 — 91 days left"
    assert invitation.lines == ["Description (Article 5(2)) (item 9)"]
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        late = examination_timeline(submission=filed.submission, for_staff=False)[2]
    assert late.countdown == "Time limit 1 March 2027 — time limit passed"


def test_a_response_shows_its_revision_and_sha256(filed, erik, alice):
    invitation = invite(filed, erik)
    response = services.response_submit(
        invitation=invitation,
        user=alice,
        message="",
        document={**filed.submission.document, "description": "Chair."},
        files=[],
    )
    steps = examination_timeline(submission=filed.submission, for_staff=False)
    assert [s.kind for s in steps][:4] == ["received", "checks", "invitation", "response"]
    assert steps[3].title == "Response sent: revision 1"
    assert f"SHA-256 {response.document_sha256}" in steps[3].lines
    assert steps[2].state == "done" and not steps[2].countdown


def test_registered_shows_the_number_and_the_dates_then_publication(filed, paid, erik, alice):
    from hague_portal.examination.services.common import long_date
    from hague_portal.hague.clock import geneva_today
    from hague_portal.hague.periods import add_months

    invitation = invite(filed, erik)
    services.response_submit(
        invitation=invitation,
        user=alice,
        message="",
        document={**filed.submission.document, "description": "Chair."},
        files=[],
    )
    ids = invitation.irregularities.values_list("pk", flat=True)
    services.irregularities_accept(examination=filed, by=erik, irregularity_ids=ids)
    examination = services.examination_register(examination=reload(filed), by=erik)
    steps = examination_timeline(submission=filed.submission, for_staff=False)
    assert [s.kind for s in steps] == [
        "received",
        "checks",
        "invitation",
        "response",
        "irregularity",
        "registered",
        "publication",
    ]
    today = geneva_today()  # Article 10(2): the day the correction was received
    assert steps[-2].title == f"Registered: {examination.registration_number}"
    assert steps[-2].lines == [f"Date of the international registration: {long_date(today)}."]
    assert (steps[-1].title, steps[-1].state) == ("Publication", "future")
    assert steps[-1].lines == [
        f"International Designs Bulletin: {long_date(add_months(today, 12))}."
    ]


def test_abandoned_shows_the_refund(filed, paid, erik):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        invite(filed, erik, "reproductions", designs=[1])
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        services.examinations_lapse()
    examination = reload(filed)
    steps = examination_timeline(submission=filed.submission, for_staff=False)
    assert (steps[-1].kind, steps[-1].state) == ("abandoned", "failed")
    assert f"{examination.refund_amount} CHF refunded" in " ".join(steps[-1].lines)


def test_a_lapsed_article_5_2_irregularity_names_the_designation_deemed_not_made(filed, erik):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        invite(filed, erik, "description", parties=["EM"])
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        services.examinations_lapse()
    steps = examination_timeline(submission=filed.submission, for_staff=False)
    assert "designation" in [s.kind for s in steps]


def test_the_applicant_sees_only_its_part_of_the_audit_trail(filed, erik):
    services.examination_assign(examination=filed, examiner=erik, by=erik)
    staff = [e.kind for e in audit_events(submission=filed.submission, for_staff=True)]
    applicant = [e.kind for e in audit_events(submission=filed.submission, for_staff=False)]
    assert "examination.assigned" in staff
    assert "examination.assigned" not in applicant
    assert applicant == ["application.filed", "checks.done"]


def test_the_page_shows_the_countdown_the_irregularity_and_respond(client, alice, filed, erik):
    with time_machine.travel(geneva(date(2026, 11, 30)), tick=False):
        invite(filed, erik)
        client.force_login(alice)
        page = client.get(reverse("submissions:detail", args=[filed.submission.number]))
    html = page.content.decode()
    assert "Irregularity: awaiting the applicant&#x27;s response" in html
    assert "Respond by 1 March 2027 — 91 days left" in html
    assert "A designated Contracting Party requires a description" in html
    assert reverse("submissions:respond", args=[filed.submission.number, 1]) in html
    assert reverse("submissions:letter", args=[filed.submission.number, 1]) in html


def test_a_firm_viewer_sees_the_irregularities_without_respond(
    client, bob, vera, acme, erik, media, reference_db
):
    submission = submit(make_draft(bob, client=acme, designs=1, views=1), bob)
    services.examination_checks_done(submission=submission)
    invite(submission.examination, erik)
    client.force_login(vera)
    html = client.get(reverse("submissions:detail", args=[submission.number])).content.decode()
    assert "A designated Contracting Party requires a description" in html
    assert reverse("submissions:respond", args=[submission.number, 1]) not in html


def test_the_page_takes_as_many_queries_with_three_invitations_as_with_one(
    client, alice, filed, erik, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def invite_and_answer(category, parties):
        invitation = invite(filed, erik, category, parties=parties)
        services.response_submit(
            invitation=invitation,
            user=alice,
            message="",
            document=filed.submission.document,
            files=[],
        )

    url = reverse("submissions:detail", args=[filed.submission.number])
    client.force_login(alice)
    invite_and_answer("description", ["EM"])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    invite_and_answer("claim", ["EM"])
    invite_and_answer("product", [])
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_staff_read_the_whole_history_on_the_page_the_applicant_its_part(
    client, alice, erik, filed
):
    services.examination_assign(examination=filed, examiner=erik, by=erik)
    url = reverse("submissions:detail", args=[filed.submission.number])
    client.force_login(erik)
    staff_page = client.get(url).content.decode()
    assert "Assigned to" in staff_page
    assert reverse("submissions:respond", args=[filed.submission.number, 1]) not in staff_page
    client.force_login(alice)
    assert "Assigned to" not in client.get(url).content.decode()
