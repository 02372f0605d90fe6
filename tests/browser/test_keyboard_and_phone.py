"""Keyboard, focus and phone (issue 12, WCAG 2.2 AA): a skip link first on every page that lands
on the content (on a wizard step, the form's first field one Tab later), focus on the error
summary after a failed save and in the new row after "Save and add another", a visible focus
indicator, and on a 390 px phone the checks panel reachable from the top of a step."""

import re

import pytest
from playwright.sync_api import Page, expect

from hague_portal.filings.services import draft_create
from hague_portal.filings.steps import STEPS

from ..filings.conftest import fill
from .conftest import sign_in
from .test_accessibility import axe_violations

PHONE = {"width": 390, "height": 844}
# The form's first control: a field, or on a step with nothing to type, its link or button.
FIRST_FIELD = """form => [...form.querySelectorAll('input, select, textarea, button, a[href]')]
    .find(e => e.type !== 'hidden' && !e.disabled && e.offsetParent !== null && e.tabIndex >= 0)"""


def tabs_to_first_field(page: Page) -> int:
    """Tab presses from page load until the focus is on the step form's first field (Enter on
    the skip link does not count); 99 when it never gets there in ten."""
    first = page.locator("form[data-step]").evaluate_handle(FIRST_FIELD)
    for presses in range(1, 11):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", first):
            return presses
        if page.evaluate("document.activeElement.classList.contains('skip-link')"):
            page.keyboard.press("Enter")
    return 99


def test_the_skip_link_is_the_first_stop_and_leads_to_the_main_content(page, live_server):
    page.goto("/fees/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_on_every_wizard_step_the_first_field_is_two_tabs_from_page_load(page, alice, reference):
    draft = fill(draft_create(user=alice), alice)
    sign_in(page, alice)
    for step in (s.key for s in STEPS if s.key not in ("reproductions", "fees", "review")):
        page.goto(f"/applications/{draft.id}/steps/{step}/")
        page.wait_for_load_state("networkidle")
        assert tabs_to_first_field(page) <= 2, step


def test_a_failed_save_puts_the_focus_on_the_error_summary(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/designs/")
    page.get_by_label("Product of design 1").fill("Chair")
    page.get_by_label("Locarno class of design 1").fill("@@")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()


def test_save_and_add_another_design_puts_the_focus_in_the_new_row(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/designs/")
    page.get_by_label("Product of design 1").fill("Chair")
    page.get_by_role("button", name="Save and add another design").click()
    expect(page.get_by_label("Product of design 1")).to_have_value("Chair")
    expect(page.get_by_label("Product of design 2")).to_be_focused()


def test_save_and_add_another_creator_puts_the_focus_in_the_new_row(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/creators/")
    new_row = page.locator("[data-new-row]").first
    new_row.locator("input[type=text]").first.fill("Carla Creator")
    page.get_by_role("button", name="Save and add another").click()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    expect(page.get_by_role("group", name="Creator 1")).to_have_count(1)
    first_field = page.locator("[data-new-row]").first.locator("input:not([type=hidden])").first
    expect(first_field).to_be_focused()


def test_the_focused_control_has_a_visible_outline(page, live_server):
    page.goto("/")
    for _ in range(6):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
        )
        assert outline[0] != "none" and outline[1] >= 2, outline


def test_on_a_phone_the_checks_are_one_link_from_the_top_of_a_step(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.set_viewport_size(PHONE)
    page.goto(f"/applications/{draft.id}/steps/designs/")
    link = page.get_by_role("link", name=re.compile(r"^Checks: \d+ errors?$"))
    expect(link).to_be_in_viewport()
    link.click()
    expect(page.locator("#checks-panel")).to_be_focused()
    expect(page.get_by_role("heading", name="Checks", exact=True)).to_be_in_viewport()
    # The link follows the panel when autosave or a save redraws it.
    page.evaluate(
        "document.querySelectorAll('#draft-panel details[data-severity=error]')"
        ".forEach(group => group.remove())"
    )
    expect(link.or_(page.get_by_test_id("checks-link"))).to_have_text(
        re.compile(r"^Checks: no (errors|problems found)$")
    )


def test_on_a_phone_the_workbench_shows_one_card_per_application(page, alice, reference):
    from hague_portal.filings.services import draft_create as create

    create(user=alice)
    sign_in(page, alice)
    page.set_viewport_size(PHONE)
    page.reload()
    table = page.get_by_test_id("applications")
    expect(table).to_have_class(re.compile(r"\btable-stacked\b"))
    expect(table.get_by_role("row").filter(has_text="Draft")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []  # the cards keep the table's roles and headers


def test_on_a_phone_a_wizard_step_and_its_menu_have_no_violations(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.set_viewport_size(PHONE)
    page.goto(f"/applications/{draft.id}/steps/applicants/")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Toggle navigation").click()
    expect(
        page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Workbench")
    ).to_be_visible()
    assert axe_violations(page) == []


def test_the_language_switcher_is_at_the_top_of_every_page_and_fits_a_phone(page, live_server):
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header.get_by_label("Language")).to_be_in_viewport()
    header.get_by_label("Language").select_option("fr")
    header.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Passer au contenu principal")).to_be_attached()
    expect(header.get_by_role("button", name="Changer de langue")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_on_a_laptop_the_menu_of_a_firm_member_fits_in_every_language(page, fiona, language):
    # The address book made the bar one link longer: in French and Spanish it ran off the screen.
    sign_in(page, fiona, totp=True)
    header = page.get_by_role("banner")
    header.get_by_label("Language").select_option(language)
    header.get_by_role("button", name=re.compile("language|langue|idioma", re.I)).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    nav = page.get_by_role("navigation", name=re.compile("."))
    for width in (1200, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        sign_out = nav.first.locator("form[action$='logout/'] button")
        expect(sign_out).to_be_in_viewport()
