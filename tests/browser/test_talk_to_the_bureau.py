"""Talking to the International Bureau (issue 22), in a real Chromium: the applicant writes
about the application with a PDF attached (an empty message is refused at its field and the
typed subject kept), an examiner answers in the admin with the second factor, and the answer
reaches the applicant's inbox and the application's page. And the applicant withdraws an
application, confirming with its number."""

import re

import pytest
from playwright.sync_api import expect

from hague_portal.correspondence.models import Message
from hague_portal.examination import services
from hague_portal.examination.models import ExaminationStatus

from ..examination.admin_helpers import staff_in
from ..filings.sample_files import pdf
from ..submissions.conftest import make_draft, submit
from .conftest import TIMEOUT_MS, sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def filed(alice, reference, no_broker):
    submission = submit(make_draft(alice, designs=1, views=1), alice)
    services.examination_checks_done(submission=submission)
    return submission


@pytest.fixture
def examiner(transactional_db):
    return staff_in("Examiner", "emma@wipo.test", "Emma Examiner")


@pytest.fixture
def staff_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1400, "height": 1000}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_a_message_with_an_attachment_is_answered_into_the_inbox(
    page, staff_page, alice, examiner, filed
):
    sign_in(page, alice)
    page.goto(f"/submissions/{filed.number}/")
    page.get_by_role("link", name="Write to the International Bureau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write to the International Bureau")
    page.get_by_label("Subject").fill("Priority document")
    page.get_by_role("button", name="Send the message").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Message: Write the message: it is empty.")
    expect(page.get_by_label("Subject")).to_have_value("Priority document")
    assert not Message.objects.exists()

    page.get_by_label("Message", exact=True).fill("Must the priority document be sent again?")
    page.get_by_label("Attachments (optional)").set_input_files(
        {"name": "priority.pdf", "mimeType": "application/pdf", "buffer": pdf()}
    )
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_role("status").filter(has_text="Message sent")).to_be_visible()
    thread = page.get_by_test_id("thread")
    expect(thread.get_by_test_id("message")).to_have_count(1)
    expect(thread).to_contain_text("Must the priority document be sent again?")
    expect(thread.get_by_role("link", name="priority.pdf")).to_be_visible()

    sign_in(staff_page, examiner, totp=True)
    staff_page.goto("/admin/correspondence/thread/")
    staff_page.get_by_role("link", name=filed.number).click()
    expect(staff_page.get_by_test_id("thread")).to_contain_text("Must the priority document")
    expect(staff_page.get_by_label("Subject")).to_have_value("Re: Priority document")
    staff_page.get_by_label("Message", exact=True).fill("No: the copy you filed is enough.")
    staff_page.get_by_role("button", name="Send the answer").click()
    expect(staff_page.get_by_text("Answer sent")).to_be_visible()

    page.goto("/inbox/")
    page.get_by_role("link", name=re.compile("Answer from the International Bureau")).click()
    expect(page.get_by_text("No: the copy you filed is enough.")).to_be_visible()
    page.goto(f"/submissions/{filed.number}/")
    messages = page.get_by_test_id("thread").get_by_test_id("message")
    expect(messages).to_have_count(2)
    expect(messages.last).to_contain_text("International Bureau")
    expect(messages.last).to_contain_text("No: the copy you filed is enough.")


def test_the_applicant_withdraws_an_application_confirming_with_its_number(page, alice, filed):
    sign_in(page, alice)
    page.goto(f"/submissions/{filed.number}/")
    page.get_by_test_id("withdraw").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("it will not be registered")
    page.get_by_label("Type the application number to confirm").fill("WIPO000000")
    page.get_by_role("button", name="Withdraw this application").click()
    expect(page.locator(".invalid-feedback, .text-danger").first).to_contain_text(
        f"Type {filed.number}, the number of this application"
    )
    page.get_by_label("Type the application number to confirm").fill(filed.number)
    page.get_by_role("button", name="Withdraw this application").click()
    expect(page.get_by_role("status").filter(has_text="is withdrawn")).to_be_visible()
    expect(page.get_by_test_id("examination-status")).to_contain_text("Withdrawn")
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("[data-step=withdrawn]")).to_contain_text("Withdrawn by the applicant")
    expect(page.get_by_test_id("withdraw")).to_have_count(0)
    filed.examination.refresh_from_db()
    assert filed.examination.status == ExaminationStatus.WITHDRAWN
