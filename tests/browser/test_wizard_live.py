"""The wizard's JavaScript as a person meets it: autosave, the live side panel, Save and continue."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft, Reproduction
from hague_portal.filings.services import draft_create

from ..filings.conftest import fill
from .conftest import sign_in
from .helpers import image_files, side_panel, upload_in_one_request


def _open_step(page, user, step, **document):
    draft = draft_create(user=user, client=None)
    if document:
        draft = fill(draft, user, **document)
    sign_in(page, user)
    page.goto(f"/applications/{draft.id}/steps/{step}/")
    return draft


def _due_at_filing(page) -> str:
    panel = side_panel(page).get_by_test_id("fee-total")
    return panel.locator("dt:has-text('Due at filing') + dd").inner_text()


def test_typed_input_is_restored_after_a_reload_with_a_notice(page, alice, reference):
    _open_step(page, alice, "description")
    page.get_by_label(re.compile("Description")).first.fill("A chair with three legs")
    expect(page.get_by_text(re.compile("Draft of your input kept at"))).to_be_visible()
    page.reload()
    notice = page.get_by_test_id("restored")
    expect(notice).to_contain_text(re.compile(r"Restored unsaved input from \d\d:\d\d"))
    expect(page.get_by_label(re.compile("Description")).first).to_have_value(
        "A chair with three legs"
    )


def test_discarding_restored_input_shows_the_saved_version(page, alice, reference):
    draft = _open_step(page, alice, "description")
    page.get_by_label(re.compile("Description")).first.fill("Second thoughts")
    expect(page.get_by_text(re.compile("Draft of your input kept at"))).to_be_visible()
    page.reload()
    page.get_by_role("button", name="Discard unsaved input").click()
    expect(page.get_by_test_id("restored")).to_have_count(0)
    expect(page.get_by_label(re.compile("Description")).first).to_have_value("")
    assert "description" not in Draft.objects.get(pk=draft.pk).autosave


def test_a_failed_autosave_is_said_on_the_page(page, alice, reference):
    _open_step(page, alice, "description")
    page.route("**/autosave/", lambda route: route.fulfill(status=503, body="down"))
    page.get_by_label(re.compile("Description")).first.fill("Typed while the portal is down")
    alert = page.get_by_role("alert").filter(has_text="could not be kept automatically")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Save the page to keep your input")


def test_a_nul_character_is_refused_at_the_field_as_it_is_typed(page, alice, reference):
    _open_step(page, alice, "description")
    page.get_by_label(re.compile("Description")).first.fill("Pasted\x00 text")
    alert = page.get_by_role("alert").filter(has_text="not kept")
    expect(alert).to_contain_text("contains a NUL character")
    expect(page.locator("[data-autosave-field-error]")).to_contain_text("NUL character")


def test_the_fee_panel_follows_a_ticked_designation_before_saving(page, alice, reference):
    # Item 7 / Rule 12: each designated party adds its fee; the panel shows it as ticked.
    draft = _open_step(page, alice, "designations", designations=["EM"])
    before = _due_at_filing(page)
    page.get_by_label(re.compile(r"\(CH\)$")).check()
    expect(side_panel(page).get_by_test_id("panel-preview")).to_contain_text("not yet saved")
    expect(side_panel(page).locator("dt:has-text('Due at filing') + dd")).not_to_have_text(before)
    assert Draft.objects.get(pk=draft.pk).document["designations"] == ["EM"]


def test_a_restored_designation_counts_in_the_panel_after_a_reload(page, alice, reference):
    _open_step(page, alice, "designations", designations=["EM"])
    before = _due_at_filing(page)
    page.get_by_label(re.compile(r"\(CH\)$")).check()
    expect(page.get_by_text(re.compile("Draft of your input kept at"))).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("restored")).to_be_visible()
    expect(page.get_by_label(re.compile(r"\(CH\)$"))).to_be_checked()
    expect(side_panel(page).get_by_test_id("panel-preview")).to_contain_text("not yet saved")
    expect(side_panel(page).locator("dt:has-text('Due at filing') + dd")).not_to_have_text(before)


def test_a_design_typed_as_related_to_itself_is_refused_in_the_panel_and_leads_to_the_field(
    page, alice, reference
):
    # Guide, item 16 (Japan): the principal design is another design of this application or an
    # earlier one. The finding shows as it is typed, and its link puts the cursor in the field.
    _open_step(page, alice, "main-design", designs=2, designations=["EM", "CH", "JP"])
    page.get_by_label(re.compile("^Related designs")).fill("2:2")
    finding = side_panel(page).get_by_role("link", name=re.compile("declared related to itself"))
    expect(finding).to_contain_text("Item 16: Design 2 is declared related to itself")
    finding.click()
    expect(page.get_by_label(re.compile("^Related designs"))).to_be_focused()


OWN_LEGEND = "Left armrest seen from above, cushion removed ok"  # 48 characters (item 10: 50)


def _reproductions_page_with_one_image(page, user):
    draft = _open_step(page, user, "designs", designs=1)
    page.goto(f"/applications/{draft.id}/reproductions/")
    upload_in_one_request(page, image_files(1))
    return draft


def test_the_own_legend_box_shows_all_that_is_typed(page, alice, reference):
    _reproductions_page_with_one_image(page, alice)
    box = page.get_by_label(re.compile("^Own legend")).first
    box.fill(OWN_LEGEND)
    hidden = box.evaluate("el => el.scrollWidth - el.clientWidth")
    assert hidden <= 0, f"{hidden}px of the legend is hidden"


def test_save_and_continue_on_reproductions_saves_a_typed_legend_and_moves_on(
    page, alice, reference
):
    draft = _reproductions_page_with_one_image(page, alice)
    card = page.locator("li[data-id]").first
    card.get_by_label("Legend", exact=True).select_option("00")
    card.get_by_label(re.compile("^Own legend")).fill(OWN_LEGEND)
    page.get_by_role("button", name="Save and continue").click()
    expect(page).not_to_have_url(re.compile("/reproductions/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    reproduction = Reproduction.objects.get(draft=draft)
    assert (reproduction.legend_code, reproduction.legend_text) == ("00", OWN_LEGEND)


def test_save_and_continue_stays_when_a_typed_legend_is_refused(page, alice, reference):
    _reproductions_page_with_one_image(page, alice)
    card = page.locator("li[data-id]").first
    card.get_by_label("Legend", exact=True).select_option("00")
    card.get_by_label(re.compile("^Own legend")).fill("x" * 60)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert").filter(has_text="limited to 50 characters")).to_be_visible()
    expect(page).to_have_url(re.compile("/reproductions/"))
    expect(page.get_by_label(re.compile("^Own legend")).first).to_have_value("x" * 60)
