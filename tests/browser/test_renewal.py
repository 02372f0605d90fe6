"""Renewing a registration in a real Chromium (issue 23): from the application's page, the
holder renews by card, a declined card first (said at the card field, the choice kept), then
a good one; the fees follow the choice of parties (htmx) and the new expiry is shown."""

import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from hague_portal.register.models import Renewal

from ..register.conftest import geneva, register_application
from ..register.helpers import published
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def due(alice, erik, reference, no_broker):
    """Alice's registration of 5 January 2026 (CH, EM, US), its first term ending on 5 January
    2031; the clock (the live server's too) a month before that day."""
    registration = published(register_application(alice, erik))
    with time_machine.travel(geneva(date(2030, 12, 1)), tick=True):
        yield registration


def test_the_holder_renews_by_card_after_a_declined_one(page, alice, due):
    sign_in(page, alice)
    page.goto(f"/submissions/{due.examination.submission.number}/")
    page.get_by_test_id("renewal-link").get_by_role("link", name="Renew").click()
    expect(page.get_by_test_id("renewal-window")).to_have_attribute("data-window", "open")
    expect(page.get_by_test_id("not-offered-US")).to_contain_text("no individual renewal fee")
    expect(page.get_by_test_id("renewal-total")).to_have_text("307.00 CHF")
    # Only CH: the fees follow at once (htmx), EM's individual fee gone.
    page.get_by_label("EM").uncheck()
    expect(page.get_by_test_id("renewal-total")).to_have_text("239.00 CHF")
    page.get_by_label("Credit card").check()
    page.get_by_label("Card number").fill("4000 0000 0000 0002")
    page.get_by_role("button", name="Pay and renew").click()
    card = page.get_by_label("Card number")
    expect(card).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_test_id("error-card_number")).to_contain_text("Nothing was charged")
    expect(page.get_by_label("CH")).to_be_checked()
    expect(page.get_by_label("EM")).not_to_be_checked()
    assert not Renewal.objects.exists()
    card.fill("4242 4242 4242 4242")
    page.get_by_role("button", name="Pay and renew").click()
    expect(page).to_have_url(re.compile(r"#protection$"))
    expect(page.get_by_text(re.compile("now expires on 5 January 2036 for CH"))).to_be_visible()
    assert Renewal.objects.get().parties == ["CH"]
