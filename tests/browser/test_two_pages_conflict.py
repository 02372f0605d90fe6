"""The same draft open in two pages: the second save is refused with what changed, input kept."""

from playwright.sync_api import expect

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from ..filings.conftest import fill
from .conftest import sign_in
from .helpers import expect_step


def test_saving_a_step_changed_in_another_page_shows_the_conflict_and_keeps_the_input(
    context, page, alice, reference
):
    draft = fill(draft_create(user=alice), alice, designs=1)
    sign_in(page, alice)
    designs_url = f"/applications/{draft.id}/steps/designs/"
    page_a, page_b = page, context.new_page()
    page_a.goto(designs_url)
    page_b.goto(designs_url)

    page_a.get_by_label("Product of design 1").fill("stool")
    page_a.get_by_role("button", name="Save and continue").click()
    expect_step(page_a, "Reproductions")  # saved: on to the next step

    page_b.get_by_label("Product of design 1").fill("armchair")
    page_b.get_by_label("Locarno class of design 1").fill("06-02")
    page_b.get_by_role("button", name="Save and continue").click()

    conflict = page_b.get_by_test_id("conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(
        "Designs: design 1 product changed from 'chair 1' to 'stool' (by alice@example.test"
    )
    expect(page_b.get_by_label("Product of design 1")).to_have_value("armchair")
    expect(page_b.get_by_label("Locarno class of design 1")).to_have_value("06-02")
    assert Draft.objects.get(pk=draft.pk).document["designs"][0]["product"] == "stool"
