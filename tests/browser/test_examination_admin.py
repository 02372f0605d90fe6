"""An examiner of the Examiner group (not a superuser) works an application from the admin queue
in a real Chromium (issue 9): the kind's template fills the message (static JS, no inline script),
the irregularity is raised, the invitation sent, and the page shows both."""

import re

import pytest
from playwright.sync_api import expect

from hague_portal.examination import services
from hague_portal.examination.models import ExaminationStatus
from hague_portal.notifications.models import Notification, NotificationKind

from ..examination.admin_helpers import staff_in
from ..submissions.conftest import make_draft, submit
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def examiner(transactional_db):
    return staff_in("Examiner", "emma@wipo.test", "Emma Examiner")


@pytest.fixture
def under_examination(alice, reference, no_broker):
    submission = submit(make_draft(alice, designs=2, views=1), alice)
    services.examination_checks_done(submission=submission)
    return submission


@pytest.fixture
def script_errors(page):
    seen: list[str] = []
    page.on(
        "console",
        lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def test_an_examiner_raises_from_the_kinds_template_and_sends_the_invitation(
    page, examiner, under_examination, script_errors
):
    number = under_examination.number
    sign_in(page, examiner, totp=True)
    page.goto("/admin/examination/examination/")
    expect(page.get_by_role("heading", name="Examination queue")).to_be_visible()
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Application {number}")).to_be_visible()
    expect(page.get_by_text("Atelier Doe SARL").first).to_be_visible()

    kind = page.get_by_label("Kind")
    message = page.get_by_label("Message to the applicant")
    kind.select_option("fees")
    page.get_by_label("Amount missing (CHF)").fill("50.00")
    expect(message).to_have_value(re.compile(r"fall short of the fees due by 50\.00 CHF"))
    page.get_by_label("Amount missing (CHF)").fill("")
    kind.select_option("product")
    page.get_by_label("Design 2").check()
    expect(message).to_have_value(re.compile(r"product\(s\) for design 2 is not clear"))
    expect(page.get_by_label("DM/1 item")).to_have_value("8")  # the Guide: item 8
    page.get_by_role("button", name="Raise").click()
    expect(
        page.locator("li.success", has_text="Raised: Indication of the products")
    ).to_be_visible()

    expect(page.get_by_text("three months from today")).to_be_visible()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text(re.compile(r"Invitation 1 sent; the time limit is"))).to_be_visible()
    expect(page.get_by_role("link", name="Letter (PDF)")).to_be_visible()
    under_examination.examination.refresh_from_db()
    assert under_examination.examination.status == ExaminationStatus.IRREGULAR
    assert Notification.objects.filter(
        submission=under_examination, kind=NotificationKind.INVITATION
    ).exists()
    assert script_errors == []


def test_with_no_design_ticked_a_spanish_message_says_afectado(
    page, examiner, under_examination, script_errors
):
    # Issue 20: the script filled "concerned" in English into a Spanish letter.
    from hague_portal.submissions.models import Submission

    Submission.objects.filter(pk=under_examination.pk).update(
        document={**under_examination.document, "language": "es"}
    )
    sign_in(page, examiner, totp=True)
    page.goto(f"/admin/examination/examination/{under_examination.pk}/change/")
    page.get_by_label("Kind").select_option("product")
    expect(page.get_by_label("Message to the applicant")).to_have_value(
        re.compile(r"del dibujo o modelo afectado no es clara")
    )
    assert script_errors == []
