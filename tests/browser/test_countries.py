"""Country fields: an accessible autocomplete over a native select (issue 8). A keyboard user
types part of a name and picks it; without JavaScript the select itself works."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from ..factories import PASSWORD
from .conftest import sign_in
from .helpers import field, row


def applicants_url(draft) -> str:
    return f"/applications/{draft.id}/steps/applicants/"


def country(draft) -> str:
    doc = Draft.objects.get(pk=draft.pk).document
    return doc["applicants"][0].get("address", {}).get("country")


def test_a_keyboard_user_types_swit_and_picks_switzerland_which_is_stored_as_ch(
    page, alice, reference
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(applicants_url(draft))
    applicant = row(page, "applicant")
    box = field(applicant, "Country")
    box.press_sequentially("swit")
    expect(applicant.get_by_role("option", name="Switzerland", exact=True)).to_be_visible()
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Switzerland")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Entitlement"))).to_be_visible()
    assert country(draft) == "CH"

    page.goto(applicants_url(draft))  # back again: the name is shown, not the code
    expect(field(row(page, "applicant"), "Country")).to_have_value("Switzerland")


def test_without_javascript_the_country_is_a_plain_select(browser, live_server, alice, reference):
    draft = draft_create(user=alice)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(alice.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()
        page.goto(applicants_url(draft))
        select = field(row(page, "applicant"), "Country")
        expect(select).to_have_js_property("tagName", "SELECT")
        select.select_option(label="Switzerland")
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", level=1, name=re.compile("Entitlement"))).to_be_visible()
        assert country(draft) == "CH"
    finally:
        context.close()
