"""The workbench as a representative uses it (issue 10): tabs with counts (fetched after the
page), search, the Irregularity tab with its time limit, the export links keeping the filters,
and the time limits with a calendar link; without a CSP violation. Screenshots of each view are
written to /tmp/shots/h4-*.png for the reviewer."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hague_portal.filings.services import draft_save_step

from ..portfolio.conftest import a_draft, a_filed, an_invitation
from .conftest import sign_in

SHOTS = Path("/tmp/shots")


@pytest.fixture
def violations(page):
    seen: list[str] = []
    page.on(
        "console",
        lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"h4-{name}.png"), full_page=True)


@pytest.fixture
def portfolio(bob, acme, erik, reference, no_broker):
    lamp = {"designs": [{"number": 1, "product": "table lamp", "locarno": "26-05"}]}
    lamp_draft = a_draft(bob, client=acme, reference="ACME-LAMP")
    draft_save_step(
        draft=lamp_draft, user=bob, step="designs", seen_version=lamp_draft.version, data=lamp
    )
    a_draft(bob, client=acme, reference="ACME-CHAIR")
    irregular = an_invitation(a_filed(bob, client=acme, reference="ACME-IRR"), by=erik, days=20)
    a_filed(bob, client=acme, status="registered", reference="ACME-REG")
    return irregular.examination.submission


def test_a_representative_finds_searches_and_follows_time_limits_on_the_workbench(
    page, violations, bob, portfolio
):
    sign_in(page, bob, totp=True)
    tabs = page.get_by_test_id("tabs")
    expect(tabs.get_by_role("link", name=re.compile(r"Irregularity\s+1"))).to_be_visible()
    expect(tabs.get_by_role("link", name=re.compile(r"All\s+4"))).to_be_visible()
    expect(page.get_by_test_id("applications").get_by_role("row")).to_have_count(5)
    shot(page, "workbench")

    page.get_by_label("Search").fill("lamp")
    page.get_by_role("button", name="Apply").click()
    rows = page.get_by_test_id("applications").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("ACME-LAMP")
    expect(tabs.get_by_role("link", name=re.compile(r"All\s+1"))).to_be_visible()
    expect(page.get_by_test_id("export-csv")).to_have_attribute("href", re.compile("q=lamp"))
    shot(page, "search")

    page.get_by_role("link", name="Clear").click()
    tabs.get_by_role("link", name=re.compile("Irregularity")).click()
    row = page.get_by_test_id("applications").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Action needed")
    expect(row).to_contain_text("20 days left")
    expect(row).to_contain_text(portfolio.number)
    shot(page, "irregular")

    page.get_by_role("link", name="Time limits").first.click()
    expect(page.get_by_test_id("deadlines")).to_contain_text(portfolio.number)
    page.get_by_role("button", name="Make a calendar link").click()
    message = page.get_by_role("status").filter(has_text="calendar link")
    url = re.search(r"(http\S+\.ics)", message.inner_text())[1]
    feed = page.request.get(url)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VEVENT" in feed.text()
    shot(page, "deadlines")
    assert violations == []
