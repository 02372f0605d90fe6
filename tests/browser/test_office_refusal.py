"""The Office of a designated party notifies a refusal in a real Chromium (issue 22): its user
signs in with TOTP, lands on the registrations designating the US, refuses design 2 of Alice's
registration; Alice then finds the refusal in her inbox, with its grounds and the copy."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hague_portal.accounts.models import Office
from hague_portal.accounts.services import user_enrol_totp
from hague_portal.hague.clock import geneva_today
from hague_portal.register import services
from hague_portal.register.models import Registration

from ..conftest import TOTP_SECRET
from ..factories import UserFactory
from ..register.conftest import register_application
from .conftest import sign_in


@pytest.fixture
def no_broker(monkeypatch):
    from hague_portal.submissions import tasks

    monkeypatch.setattr(tasks.job_run_task, "apply_async", lambda args, **kw: None)


@pytest.fixture
def published(alice, erik, reference, no_broker):
    """Alice's registration of 2 designs designating CH, US and EM, published today (its
    publication date moved to today, so that the refusal period runs from now)."""
    registration = register_application(alice, erik)
    Registration.objects.filter(pk=registration.pk).update(publication_date=geneva_today())
    services.registrations_publish()
    registration.refresh_from_db()
    return registration


@pytest.fixture
def olivia(transactional_db):
    office = Office.objects.create(party="US", name="United States Patent and Trademark Office")
    user = UserFactory(email="olivia@uspto.example", full_name="Olivia Office", office=office)
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


def test_the_office_refuses_design_2_and_the_holder_reads_it_in_the_inbox(
    page, context, browser, live_server, published, olivia, alice
):
    sign_in(page, olivia, totp=True, home="Registrations designating your party")
    expect(page.locator("#nav-office")).to_be_visible()
    page.get_by_role("link", name=published.number).click()
    expect(page.get_by_text("chair model 2")).to_be_visible()
    page.get_by_role("link", name="Notify a refusal").click()

    page.get_by_label("Only the designs ticked below").check()
    page.get_by_label("2. chair model 2").check()
    page.get_by_label("Grounds of the refusal").fill("The design lacks novelty over US D900,001.")
    page.get_by_label("Provisions of the law relied on").fill("35 U.S.C. 171")
    review_by = geneva_today() + timedelta(days=90)
    page.get_by_label("Time limit for a request for review or appeal").fill(review_by.isoformat())
    page.get_by_label("Authority to which a request for review or appeal lies").fill(
        "USPTO, Patent Trial and Appeal Board"
    )
    page.get_by_role("button", name="Send the notification").click()
    expect(page.get_by_text("The refusal is recorded")).to_be_visible()
    expect(page.get_by_test_id("designation-status")).to_have_text("Refused")

    holder = browser.new_context(base_url=live_server.url).new_page()
    sign_in(holder, alice)
    holder.locator("#nav-inbox").click()
    title = f"Refusal by US: international registration {published.number}"
    notice = holder.get_by_role("link", name=title, exact=True)
    expect(notice).to_be_visible()
    expect(holder.get_by_role("link", name=f"Download the PDF of {title}")).to_be_visible()
    notice.click()
    expect(holder.get_by_text(re.compile("lacks novelty over US D900,001"))).to_be_visible()
    holder.context.close()


def test_the_offices_pages_have_no_accessibility_violations(page, published, olivia):
    from .test_accessibility import Audit

    audit = Audit(page)
    sign_in(page, olivia, totp=True, home="Registrations designating your party")
    audit.check("office: registrations")
    audit.visit(f"/office/registrations/{published.number}/", "office: registration")
    audit.visit(f"/office/registrations/{published.number}/refusal/", "office: refusal form")
    page.get_by_label("Only the designs ticked below").check()
    page.get_by_role("button", name="Send the notification").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    audit.check("office: refusal refused at its fields")
    audit.visit(f"/office/registrations/{published.number}/second-part/", "office: second part")
    audit.assert_clean()
