"""After filing, as an applicant would try it (issue 8): the review says what the current
account debit will do, the application stays reachable from the workbench, and the fees left
due are paid on a pay page in the site layout, the wizard's choice preselected."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from hague_portal.filings.services import draft_create
from hague_portal.payments.models import CurrentAccount
from hague_portal.submissions.models import Submission

from ..filings.conftest import fill
from ..filings.helpers import add_reproductions
from ..submissions.conftest import make_draft, submit
from .conftest import sign_in


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


def test_an_account_short_of_the_fees_is_said_on_review_and_the_fees_are_paid_afterwards(
    page, violations, alice, reference, no_broker
):
    CurrentAccount.objects.create(
        number="10001", holder_name="Alice", owner_user=alice, balance=Decimal("10.00")
    )
    draft = fill(draft_create(user=alice), alice, payment={"method": "current_account"})
    add_reproductions(draft, designs=1, per_design=1, with_files=True)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/review/")

    plan = page.get_by_test_id("payment-plan")
    expect(plan).to_contain_text("10001 (Alice): balance 10.00 CHF — does not cover the fees")
    expect(plan).to_contain_text("the application is filed all the same")
    expect(page.get_by_label("WIPO current account to debit")).to_have_value(
        str(CurrentAccount.objects.get().pk)
    )
    page.get_by_label(re.compile("I confirm that this application")).check()
    page.get_by_role("button", name="Submit to the International Bureau").click()

    number = Submission.objects.get(draft=draft).number
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Application {number}")
    expect(
        page.get_by_text("The current account was not debited: the fees are due.")
    ).to_be_visible()

    # The way back: from the workbench, with what is due.
    page.get_by_role("link", name="Workbench").first.click()
    filed = page.get_by_test_id("applications").get_by_role("row").filter(has_text=number)
    expect(filed).to_contain_text("CHF due")
    filed.get_by_role("link", name=number).click()
    page.get_by_role("link", name="Pay the fees").click()

    # The pay page: in the site layout, the wizard's choice preselected; pay by transfer instead.
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    expect(page.get_by_label("WIPO current account", exact=True)).to_be_checked()
    page.get_by_label("Bank transfer").check()
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_text(re.compile(f"quoting the payment reference {number}-"))).to_be_visible()
    page.get_by_role("link", name="Workbench").first.click()
    expect(filed).to_contain_text("Payment in progress")
    assert violations == []


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


# Every word of a table cell or badge in <main>, as Range rectangles: a word wrapped inside itself
# ("Par ty", "filin g", "Don e") has two. Words split at spaces, hyphens and slashes only.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const box of document.querySelectorAll('main td, main th, main .badge')) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\/]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_on_a_desktop_screen_no_word_of_a_table_or_badge_is_cut_in_two(
    page, alice, reference, no_broker
):
    """The application's page (fees table, processing badges) and the workbench at 1280 px: a
    column is never narrower than its longest word (phones keep breaking long codes anywhere)."""
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, alice)
    for path in ("/", f"/submissions/{submission.number}/"):
        page.goto(path)
        expect(page.locator("main table").first).to_be_visible()
        assert page.evaluate(BROKEN_WORDS) == [], path
