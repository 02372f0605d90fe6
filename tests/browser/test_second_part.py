"""The second part of the US individual fee (Rule 12(3)), in a real Chromium (issue 22): the
holder pays it by card from the application's page (a declined card first, said at the card
field), and sees it paid; a second part not paid in time shows the US cancelled on the page
and on the workbench."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from hague_portal.accounts.models import Office
from hague_portal.register import services
from hague_portal.register.models import SecondPartStatus

from ..factories import UserFactory
from ..register.conftest import register_application
from ..register.helpers import designation, published, second_part_due
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def us_due(alice, erik, reference, no_broker):
    """Alice's registration designating CH, US and EM, published; the USPTO asked for the
    second part of its fee."""
    registration = published(register_application(alice, erik))
    office = Office.objects.create(party="US", name="United States Patent and Trademark Office")
    part = second_part_due(registration, UserFactory(email="olivia@uspto.example", office=office))
    return registration, part


def detail(registration) -> str:
    return reverse("submissions:detail", args=[registration.examination.submission.number])


def test_the_holder_pays_the_second_part_by_card_from_the_application_page(page, alice, us_due):
    registration, part = us_due
    sign_in(page, alice)
    page.goto(detail(registration))
    us = page.get_by_test_id("designation-US")
    expect(us.get_by_test_id("second-part-US")).to_contain_text(
        "Second part of the fee due: 1,150.00 CHF"
    )
    form = page.get_by_test_id("second-part-pay-US")
    form.get_by_label("Credit card").check()
    form.get_by_label("Card number").fill("4000 0000 0000 0002")
    form.get_by_role("button", name="Pay 1,150.00 CHF").click()
    # Declined: said at the card field on the pay page; nothing was charged.
    card = page.get_by_label("Card number")
    expect(card).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_text(re.compile("declined by the issuer"))).to_be_visible()
    card.fill("4242 4242 4242 4242")
    page.get_by_role("button", name="Pay 1,150.00 CHF").click()
    expect(page).to_have_url(re.compile(r"#protection$"))
    paid = page.get_by_test_id("second-part-US")
    expect(paid).to_have_attribute("data-status", "paid")
    expect(paid).to_contain_text("paid on")
    expect(page.get_by_text("Second part of the fee for US paid: 1,150.00 CHF.")).to_be_visible()
    assert designation(registration).second_part.status == SecondPartStatus.PAID


def test_a_second_part_not_paid_in_time_shows_the_us_cancelled(page, alice, us_due):
    registration, part = us_due
    services.second_parts_lapse(today=part.time_limit + timedelta(days=1))  # the beat's work
    sign_in(page, alice)
    page.goto(detail(registration))
    us = page.get_by_test_id("designation-US")
    expect(us).to_have_attribute("data-status", "cancelled")
    expect(us.get_by_test_id("designation-status")).to_have_text("Cancelled")
    expect(us).to_contain_text("the second part of the individual fee was not paid in time")
    page.goto("/")
    row = page.locator(f"tr[data-number='{registration.examination.submission.number}']")
    expect(row.get_by_test_id("protection")).to_contain_text("US cancelled")
    page.goto("/?protection=cancelled")
    expect(page.locator("tbody tr")).to_have_count(1)
