"""Entitlement, designations and the fee calculator: long lists of parties that a keyboard user
filters and ticks in a few key presses (issues 8 and 20); plain checkboxes underneath."""

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
    expect(page.get_by_text("1 party matches")).to_be_visible()
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


def presses_to_focus(page, target, *, most: int = 20) -> int:
    """Key presses from page load until `target` has the focus: Tab, and Enter on the skip
    link; `most + 1` when it never gets there."""
    presses = 0
    while presses < most:
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.classList.contains('skip-link')"):
            page.keyboard.press("Enter")
            presses += 1
        elif target.evaluate("el => el === document.activeElement"):
            return presses
    return most + 1


def test_a_keyboard_user_ticks_a_nationality_in_a_few_presses(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(step(draft, "entitlement"))
    national = page.get_by_role("group", name="National of")
    box = national.get_by_label("Find a party (national of)")
    # The other lists before it are one Tab stop each, not one per party (239 before issue 20).
    presses = presses_to_focus(page, box)
    page.keyboard.type("switz")
    expect(page.get_by_text("1 party matches")).to_be_visible()
    page.keyboard.press("Tab")  # to the first match
    switzerland = national.get_by_label("Switzerland (CH)")
    expect(switzerland).to_be_focused()
    page.keyboard.press("Space")
    presses += 2
    expect(switzerland).to_be_checked()
    expect(national.get_by_text("Chosen: Switzerland (CH)")).to_be_visible()
    assert presses <= 9, presses  # Tab, Enter (skip link), 5 Tabs, the text, Tab, Space
    # Down arrow from the box also reaches the first match; Escape gives the whole list back.
    box.fill("germ")
    box.press("ArrowDown")
    expect(national.get_by_label("Germany (DE)")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(national.get_by_label("France (FR)")).to_be_visible()
    save_and_continue(page)
    assert Draft.objects.get(pk=draft.pk).document["entitlement"]["nationality"] == ["CH"]


def test_a_party_is_found_by_its_name_in_another_language(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(step(draft, "entitlement"))
    national = page.get_by_role("group", name="National of")
    national.get_by_label("Find a party (national of)").fill("allemagne")
    expect(national.get_by_label("Germany (DE)")).to_be_visible()
    expect(national.get_by_label("France (FR)")).to_be_hidden()


def test_the_fee_calculator_sets_are_filtered_and_ticked_by_keyboard(page, live_server, reference):
    page.goto("/fees/")
    set_a = page.get_by_role("group", name=re.compile("Designation set A"))
    box = set_a.get_by_role("searchbox")
    box.fill("japan")
    expect(set_a.get_by_text(re.compile(r"^1 party matches$"))).to_be_visible()
    box.press("Tab")
    japan = set_a.get_by_label(re.compile(r"Japan"))
    expect(japan).to_be_focused()
    page.keyboard.press("Space")
    expect(japan).to_be_checked()
    expect(page.locator("#fee-results")).to_contain_text("Japan")


def test_without_javascript_the_party_lists_are_plain_checkboxes(
    browser, live_server, alice, reference
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(step(draft, "entitlement"))
    national = page.get_by_role("group", name="National of")
    expect(national.get_by_role("searchbox")).to_have_count(0)
    switzerland = national.get_by_label("Switzerland (CH)")
    switzerland.focus()
    page.keyboard.press("Space")
    expect(switzerland).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    assert Draft.objects.get(pk=draft.pk).document["entitlement"]["nationality"] == ["CH"]
    context.close()
