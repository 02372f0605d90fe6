"""Bob, a representative, starts a draft for ACME, meets errors and fixes them from the side panel."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft

from ..filings.conftest import fill
from ..filings.sample_files import image_bytes, jpeg
from .conftest import sign_in
from .helpers import (
    choose_client,
    expect_step,
    save_and_continue,
    side_panel,
    upload_in_one_request,
)

MISSING_REPRODUCTION = re.compile(r"^Reproductions: Add at least one reproduction")
DESCRIPTION_FINDING = re.compile(r"China requires a brief description")
LONG_LEGEND = "Perspective view from above showing the folded backrest"  # 55 characters


def test_a_representative_fixes_the_errors_by_following_the_side_panel(page, bob, acme, reference):
    sign_in(page, bob, totp=True)
    choose_client(page, acme)
    page.get_by_role("button", name="New application").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    draft = Draft.objects.get(client=acme)
    # Every section but the ones under test answered already (a Swiss applicant, EM and CH).
    fill(draft, bob, designs=1)

    page.goto(f"/applications/{draft.id}/steps/designations/")
    page.get_by_label(re.compile(r"\(CN\)$")).check()
    save_and_continue(page)
    panel = side_panel(page)
    expect(panel.get_by_role("link", name=DESCRIPTION_FINDING)).to_be_visible()

    # The reproductions (Rule 7(3)(iv); not an item of the Guide, whose item 10 is the legends):
    # follow the finding to the reproductions page and upload a batch there.
    panel.get_by_role("link", name=MISSING_REPRODUCTION).first.click()
    expect_step(page, "Reproductions")
    page.get_by_label("Add them to").select_option("1")
    png_named_tif = image_bytes("PNG", size=(1000, 800), dpi=(300, 300))
    upload_in_one_request(
        page,
        [
            {"name": "front.jpg", "mimeType": "image/jpeg", "buffer": jpeg()},
            {"name": "side.tif", "mimeType": "image/tiff", "buffer": png_named_tif},
        ],
    )
    results = page.get_by_role("status").filter(has_text="Upload results")
    expect(results.locator("li", has_text="front.jpg")).to_contain_text("accepted")
    refused = results.locator("li", has_text="side.tif")
    expect(refused).to_contain_text("refused")
    expect(refused).to_contain_text(re.compile("PNG", re.I))
    design_1 = page.get_by_role("list", name="Reproductions of design 1")
    expect(design_1.locator("li[data-id]")).to_have_count(1)
    expect(design_1).to_contain_text("front.jpg")
    expect(page.get_by_role("list", name="Unassigned reproductions")).to_have_count(0)

    # A free-text legend (code 00) over 50 characters: refused at the field, input kept.
    card = design_1.locator("li[data-id]").first
    card.get_by_label("Legend", exact=True).select_option("00")
    card.get_by_label(re.compile("^Own legend")).fill(LONG_LEGEND)
    card.get_by_role("button", name="Save legend").click()
    error = card.get_by_role("alert")
    expect(error).to_contain_text("Legend text is limited to 50 characters (you typed 55)")
    legend_text = card.get_by_label(re.compile("^Own legend"))
    expect(legend_text).to_have_value(LONG_LEGEND)
    expect(legend_text).to_have_attribute("aria-invalid", "true")
    legend_text.fill("Folded backrest, view from above")
    card.get_by_role("button", name="Save legend").click()
    expect(card.get_by_role("alert")).to_have_count(0)
    expect(card.locator("h3")).to_contain_text("Folded backrest, view from above")

    # Item 9: the finding's link lands on the Description step, at the field.
    panel = side_panel(page)
    expect(panel.get_by_role("link", name=MISSING_REPRODUCTION)).to_have_count(0)
    expect(panel.get_by_role("link", name=re.compile(r"^Item 10\b"))).to_have_count(0)
    panel.get_by_role("link", name=DESCRIPTION_FINDING).click()
    expect_step(page, "Description")
    expect(page).to_have_url(re.compile(r"/steps/description/#id_description$"))
    page.get_by_label("Description").fill("A chair with a folding backrest.")
    page.get_by_role("button", name="Save and exit").click()
    expect(page.get_by_role("heading", name="Workbench")).to_be_visible()

    go_back_to(page, draft)
    expect(side_panel(page).get_by_role("link", name=DESCRIPTION_FINDING)).to_have_count(0)
    assert Draft.objects.get(pk=draft.pk).document["description"]


def go_back_to(page, draft):
    page.goto(f"/applications/{draft.id}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
