"""The public fee calculator asks whether priority is claimed where a reduction depends on it."""

import re

from playwright.sync_api import expect


def _total_due_at_filing(page):
    return page.locator("tr:has(th:text-is('Total due at filing')) td").first


def test_israels_reduction_disappears_when_priority_is_claimed(page, live_server, reference):
    # Guide, items 13 and 18: Israel grants no reduced fee if a priority is claimed.
    query = "designs=1&reproductions=1&locarno_class=06&filing_date=2025-09-01&set_a=IL"
    page.goto(f"{live_server.url}/fees/?{query}")
    page.get_by_label("Israel: fee reduction").select_option("reduced")
    page.get_by_role("button", name="Calculate fees").click()
    # basic 397 + 1 reproduction 17 + Israel reduced 70 per design
    expect(_total_due_at_filing(page)).to_have_text(re.compile(r"484\.00"))

    page.get_by_label("The application claims priority (item 13)").check()
    page.get_by_role("button", name="Calculate fees").click()
    # Israel's full fee, 117
    expect(_total_due_at_filing(page)).to_have_text(re.compile(r"531\.00"))
    expect(
        page.get_by_text("Israel grants no fee reduction when priority is claimed")
    ).to_be_visible()
