"""The applicant replies to an invitation with a corrected reproduction (issue 9), in a real
Chromium: the application's page counts the time limit down, Respond opens the form, a bad image
is refused at its field, a good JPEG is sent, and the timeline shows the new revision."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hague_portal.examination import services
from hague_portal.examination.models import Response
from hague_portal.submissions.models import Submission

from ..filings.sample_files import jpeg
from ..submissions.conftest import make_draft, submit
from .conftest import sign_in

SHOTS = Path("/tmp/shots")


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def violations(page):
    """Content-Security-Policy reports and uncaught script errors (no inline script allowed)."""
    seen: list[str] = []
    page.on(
        "console",
        lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


@pytest.fixture
def invited(alice, erik, reference, no_broker) -> Submission:
    """Alice's application (2 designs, 2 views each), checked, with an invitation to replace the
    reproductions of design 2, sent through the services as an examiner does it."""
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    services.examination_checks_done(submission=submission)
    services.irregularity_raise(
        examination=submission.examination,
        by=erik,
        category="reproductions",
        message="",
        designs=[2],
    )
    services.invitation_send(examination=submission.examination, by=erik)
    return submission


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"h3-{name}.png"), full_page=True)


def test_the_applicant_replies_with_a_corrected_reproduction(page, violations, alice, invited):
    sign_in(page, alice)
    page.goto(f"/submissions/{invited.number}/")
    card = page.get_by_test_id("invitation-1")
    expect(card.get_by_test_id("countdown")).to_have_text(
        re.compile(r"^Respond by \d{1,2} \w+ \d{4} — (9[0-2]) days left$")
    )
    expect(card).to_contain_text("The reproduction(s) of design 2 cannot be reproduced")
    expect(page.get_by_test_id("examination-status")).to_contain_text("Irregularity")
    shot(page, "1-application")

    card.get_by_role("link", name="Respond").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Respond to invitation 1")

    # A 72-dpi image is refused at its field, as in the wizard; nothing is sent.
    replacement = page.get_by_label("Replacement for reproduction 2.1")
    replacement.set_input_files(
        {"name": "low.jpg", "mimeType": "image/jpeg", "buffer": jpeg(dpi=(72, 72))}
    )
    page.get_by_label("Message to the International Bureau (optional)").fill("New view 2.1.")
    page.get_by_label(re.compile("I confirm that this response is complete")).check()
    page.get_by_role("button", name="Send the response").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Replacement for reproduction 2.1")
    expect(summary).to_contain_text("choose the replacement files again")
    expect(page.get_by_label("Message to the International Bureau (optional)")).to_have_value(
        "New view 2.1."
    )
    shot(page, "2-refused")
    assert not Response.objects.exists()

    page.get_by_label("Replacement for reproduction 2.1").set_input_files(
        {"name": "view-2-1.jpg", "mimeType": "image/jpeg", "buffer": jpeg(size=(1200, 900))}
    )
    page.get_by_label(re.compile("I confirm that this response is complete")).check()
    shot(page, "3-respond")
    page.get_by_role("button", name="Send the response").click()

    response = Response.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Application {invited.number}")
    expect(page.get_by_role("status").filter(has_text="Response sent")).to_contain_text(
        f"Response sent: revision 1, SHA-256 {response.document_sha256}"
    )
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("[data-step=response]")).to_contain_text("Response sent: revision 1")
    expect(timeline.locator("[data-step=response]")).to_contain_text(response.document_sha256)
    expect(page.get_by_test_id("examination-status")).to_contain_text("Response received")
    expect(page.get_by_test_id("invitation-1").get_by_test_id("answered")).to_contain_text(
        "Your response was received"
    )
    shot(page, "4-sent")
    assert response.files[0]["number"] == "2.1"
    assert violations == []
