"""Entitlement and designations: long lists of parties that a keyboard user can filter; plain
checkboxes underneath (issue 8)."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from .conftest import sign_in
from .helpers import field, save_and_continue


def step(draft, key) -> str:
    return f"/applications/{draft.id}/steps/{key}/"


def test_a_keyboard_user_filters_the_designations_and_ticks_japan(page, alice, reference):
    draft = draft_create(user=alice)
    draft.document = {**draft.document, "entitlement": {"establishment": ["CH"]}}
    draft.save()
    sign_in(page, alice)
    page.goto(step(draft, "designations"))
    expect(page.get_by_role("heading", name="Intergovernmental organizations")).to_be_visible()
    box = page.get_by_label("Find a party by name or code")
    box.fill("jap")
    expect(page.get_by_label(re.compile(r"\(JP\)$"))).to_be_visible()
    expect(page.get_by_label(re.compile(r"\(CH\)$"))).to_be_hidden()
    expect(page.get_by_text("1 shown")).to_be_visible()
    box.press("Enter")  # stays on the page: Enter in the filter does not submit the step
    page.keyboard.press("Tab")
    expect(page.get_by_label(re.compile(r"\(JP\)$"))).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_text("Chosen: Japan (JP)")).to_be_visible()
    box.fill("")
    page.get_by_label(re.compile(r"\(EM\)$")).check()
    save_and_continue(page)
    assert set(Draft.objects.get(pk=draft.pk).document["designations"]) == {"JP", "EM"}


def test_item_3_is_on_the_entitlement_page_before_any_save(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(step(draft, "entitlement"))
    domicile = page.get_by_role("group", name="Domicile in")
    domicile.get_by_label("Find a party (domicile in)").fill("switz")
    domicile.get_by_label("Switzerland (CH)").check()
    page.get_by_role("group", name="National of").get_by_label("European Union (EM)").check()
    item_3 = field(page, "Applicant's Contracting Party (item 3)")
    expect(item_3).to_be_visible()
    item_3.fill("Europ")
    page.get_by_role("option", name="European Union (EM)").click()
    save_and_continue(page)
    assert Draft.objects.get(pk=draft.pk).document["applicant_contracting_party"] == "EM"
