"""The wizard's JavaScript as a person meets it: autosave, the live side panel, Save and continue."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from ..filings.conftest import fill
from .conftest import sign_in
from .helpers import side_panel


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


def test_the_fee_panel_follows_a_ticked_designation_before_saving(page, alice, reference):
    # Item 7 / Rule 12: each designated party adds its fee; the panel shows it as ticked.
    draft = _open_step(page, alice, "designations", designations=["EM"])
    before = _due_at_filing(page)
    page.get_by_label(re.compile(r"\(CH\)$")).check()
    expect(side_panel(page).get_by_test_id("panel-preview")).to_contain_text("not yet saved")
    expect(side_panel(page).locator("dt:has-text('Due at filing') + dd")).not_to_have_text(before)
    assert Draft.objects.get(pk=draft.pk).document["designations"] == ["EM"]
