"""The International Designs Bulletin in a browser (issue 22): a visitor, not signed in,
searches it for a published registration, opens it and sees its reproductions; axe finds no
WCAG A/AA violation on the way (nor a page wider than a phone)."""

import re

import pytest
from playwright.sync_api import expect

from hague_portal.bulletin.models import BulletinEntry
from hague_portal.register import services

from ..register.conftest import register_application
from .test_accessibility import Audit


@pytest.fixture
def published(alice, erik, reference):
    """Alice's registration published at once (Rule 17(1)(i)): 2 designs, 1 view each."""
    registration = register_application(alice, erik, publication={"mode": "immediate"})
    services.registrations_publish(today=registration.publication_date)
    registration.refresh_from_db()
    assert registration.published_on is not None
    return registration


def test_a_visitor_finds_a_registration_and_sees_its_reproductions(page, published):
    audit = Audit(page)
    audit.visit("/bulletin/", "the Bulletin")
    page.get_by_label("Holder").fill("atelier")
    page.get_by_label("Locarno class").fill("06-01")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 entry found")
    audit.check("search results")

    page.get_by_role("link", name=published.number).click()
    heading = f"International registration {published.number}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    images = page.get_by_role("img", name=re.compile(r"^Reproduction \d\.\d"))
    expect(images).to_have_count(2)
    for image in images.all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0  # the thumbnail was served
    audit.check("the registration")

    issue = BulletinEntry.objects.get(registration=published).issue
    page.get_by_role("link", name=issue.label, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("International Designs Bulletin")
    audit.check("its issue")
    audit.assert_clean()


def test_a_bad_search_says_what_is_wrong_at_the_field(page, published):
    audit = Audit(page)
    page.goto("/bulletin/")
    page.get_by_label("Locarno class").fill("chairs")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("Give a Locarno class as two digits")).to_be_visible()
    audit.check("search with an error")
    audit.assert_clean()
