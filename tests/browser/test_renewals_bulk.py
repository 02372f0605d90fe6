"""Renewing several registrations with one payment from the workbench, in a real Chromium
(issue 23): the holder selects two of three registrations whose renewal window is open, sees
one itemised total, pays it by card, and each registration then shows renewed."""

import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from hague_portal.payments.models import Payment, PaymentPurpose
from hague_portal.register.models import Renewal

from ..register.conftest import geneva, register_application
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def three(alice, erik, reference, no_broker):
    return [register_application(alice, erik) for _ in range(3)]


def test_two_registrations_renewed_with_one_card_payment_from_the_workbench(page, alice, three):
    chosen, other = three[:2], three[2]
    with time_machine.travel(geneva(date(2030, 10, 1)), tick=True):  # the windows are open
        sign_in(page, alice)
        page.goto("/?tab=registered")
        for registration in three:
            row = page.locator(f"tr[data-number='{registration.examination.submission.number}']")
            expect(row.get_by_test_id("renewal")).to_contain_text("renewal due 6 January 2031")
        for registration in chosen:
            page.get_by_label(f"Select {registration.examination.submission.number}").check()
        page.get_by_test_id("renew-selected").click()

        expect(page.get_by_role("heading", name="Renew several registrations")).to_be_visible()
        quote = page.get_by_test_id("renewals-quote")
        for registration in chosen:
            expect(quote.locator(f"tbody[data-number='{registration.number}']")).to_contain_text(
                "307.00"
            )
        expect(quote.locator(f"tbody[data-number='{other.number}']")).to_have_count(0)
        expect(page.get_by_test_id("grand-total")).to_have_text("614.00")
        page.get_by_label("Credit card").check()
        page.get_by_label("Card number").fill("4242 4242 4242 4242")
        page.get_by_role("button", name="Pay 614.00 CHF and renew").click()

        expect(page.get_by_role("heading", name="Renewals paid")).to_be_visible()
        expect(page.get_by_text("2 registrations renewed with one payment.")).to_be_visible()
        paid = page.get_by_test_id("renewals-paid")
        for registration in chosen:
            expect(paid.locator(f"tr[data-number='{registration.number}']")).to_contain_text(
                "5 January 2036"
            )
        page.get_by_role("link", name="Back to the workbench").click()
        for registration in chosen:
            row = page.locator(f"tr[data-number='{registration.examination.submission.number}']")
            expect(row.get_by_test_id("renewal")).to_have_text(
                re.compile(r"renewed until 5 January 2036")
            )
        row = page.locator(f"tr[data-number='{other.examination.submission.number}']")
        expect(row.get_by_test_id("renewal")).to_contain_text("renewal due 6 January 2031")
    assert Payment.objects.filter(purpose=PaymentPurpose.RENEWAL).count() == 1
    assert Renewal.objects.count() == 2
