"""A first-time applicant meets no dead end (issue 20): a declined card says so and offers to try
again or pay another way, the pay page asks only for what the chosen method needs."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from hague_portal.payments.models import CurrentAccount, Payment, PaymentStatus

from ..submissions.conftest import make_draft, submit
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


def test_a_declined_card_says_so_and_the_fees_are_paid_with_another_card(
    page, alice, reference, no_broker
):
    submission = submit(make_draft(alice), alice)
    CurrentAccount.objects.create(
        number="10001", holder_name="Alice", owner_user=alice, balance=Decimal("10.00")
    )
    sign_in(page, alice)
    page.goto(f"/submissions/{submission.number}/pay/")

    account = page.get_by_label("Current account", exact=True)
    page.get_by_label("WIPO current account", exact=True).check()
    expect(account).to_be_visible()
    page.get_by_label("Credit card").check()
    expect(account).to_be_hidden()  # nothing to choose for a card
    page.get_by_label("Card number").fill("4000 0000 0000 0002")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Your card was declined: nothing was charged."
    )
    expect(page.get_by_text("The card was declined by the issuer.")).to_be_visible()
    expect(page.get_by_label("Credit card")).to_be_checked()
    expect(page.get_by_label("Card number")).to_have_value("4000 0000 0000 0002")
    expect(page.get_by_text(submission.fees_sha256[:12])).to_have_count(0)

    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt for payment")
    assert Payment.objects.filter(status=PaymentStatus.PAID).count() == 1


def test_the_current_account_method_asks_for_the_account_at_its_field(
    page, alice, reference, no_broker
):
    submission = submit(make_draft(alice), alice)
    sign_in(page, alice)
    page.goto(f"/submissions/{submission.number}/pay/")
    page.get_by_label("WIPO current account", exact=True).check()
    expect(page.get_by_label("Card number")).to_be_hidden()
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    # The server's message stays at the field, which is shown for this method.
    expect(page.get_by_text("Choose the current account to debit.")).to_be_visible()
    expect(page.get_by_label("Current account", exact=True)).to_be_visible()


def test_with_one_design_the_images_go_to_it_and_unassigned_ones_stop_the_step(
    page, alice, reference
):
    from hague_portal.filings.services import draft_create

    from ..filings.conftest import fill
    from .helpers import image_files

    one = fill(draft_create(user=alice), alice, designs=1)
    sign_in(page, alice)
    page.goto(f"/applications/{one.id}/reproductions/")
    page.get_by_label("Image files").set_input_files(image_files(1))
    page.get_by_role("button", name="Upload").click()  # sent by reproductions.js
    design_1 = page.get_by_role("list", name="Reproductions of design 1")
    expect(design_1.locator("li[data-id]")).to_have_count(1)
    page.get_by_role("button", name="Save and continue").click()
    expect(page).not_to_have_url(re.compile("/reproductions/"))

    two = fill(draft_create(user=alice), alice, designs=2)
    page.goto(f"/applications/{two.id}/reproductions/")
    page.get_by_label("Image files").set_input_files(image_files(1))
    page.get_by_role("button", name="Upload").click()
    pool = page.get_by_role("list", name="Unassigned reproductions")
    expect(pool.locator("li[data-id]")).to_have_count(1)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#upload-results")).to_contain_text(
        "1 image is not assigned to a design yet"
    )
    expect(page).to_have_url(re.compile("/reproductions/"))


def test_on_a_phone_the_applicants_step_shows_one_applicant_and_whole_badges(
    page, alice, reference
):
    from hague_portal.filings.services import draft_create

    from ..filings.conftest import fill
    from .test_after_filing import BROKEN_WORDS

    draft = fill(draft_create(user=alice), alice)  # every step "Complete"
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/applicants/")
    expect(page.get_by_role("group", name=re.compile("^Applicant"))).to_have_count(1)
    nav = page.get_by_role("navigation", name="Sections of the application")
    expect(nav.locator(".badge").filter(has_text="Complete").first).to_be_attached()
    assert page.evaluate(BROKEN_WORDS) == []
    page.get_by_role("button", name="Add another applicant").click()
    expect(page.get_by_role("group", name="Add another applicant (optional)")).to_be_visible()
