"""Focus after a save, in the flow a keyboard user follows (issue 20). "Save and continue" lands
on the next step at an address ending in `#step-form` (the skip link's target, kept by the
redirect); the browser would focus that form once the page has loaded. A failed save there still
puts the focus on the error summary, "Save and add another design" on the new row, and the
respond page on its error summary."""

import re

from playwright.sync_api import expect

from hague_portal.filings.services import draft_create

from ..filings.sample_files import jpeg
from .conftest import sign_in
from .test_respond_irregularity import invited, no_broker  # noqa: F401 (fixtures)


def test_a_failed_save_after_save_and_continue_focuses_the_error_summary(page, alice, reference):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/designs/#step-form")
    page.get_by_label("Product of design 1").fill("Chair")
    page.get_by_label("Locarno class of design 1").fill("@@")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state("load")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.wait_for_timeout(300)  # the browser's own move to the fragment comes after load
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")  # the summary's first link leads to the field in error
    expect(summary.locator("a[href='#id_designs-0-locarno']")).to_be_focused()


def test_save_and_add_another_design_after_save_and_continue_focuses_the_new_row(
    page, alice, reference
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/designs/#step-form")
    page.get_by_label("Product of design 1").fill("Chair")
    page.get_by_role("button", name="Save and add another design").click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    expect(page.get_by_label("Product of design 1")).to_have_value("Chair")
    expect(page.get_by_label("Product of design 2")).to_be_focused()


def test_the_respond_page_focuses_its_error_summary(page, alice, invited):  # noqa: F811
    sign_in(page, alice)
    page.goto(f"/submissions/{invited.number}/invitations/1/respond/")
    page.get_by_label("Replacement for reproduction 2.1").set_input_files(
        {"name": "low.jpg", "mimeType": "image/jpeg", "buffer": jpeg(dpi=(72, 72))}
    )
    page.get_by_role("button", name="Send the response").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Replacement for reproduction 2.1")
    expect(summary).to_be_focused()


def test_a_designs_field_in_error_is_marked_invalid_and_described_by_its_error(
    page, alice, reference
):
    draft = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(f"/applications/{draft.id}/steps/designs/")
    page.get_by_label("Product of design 1").fill("Chair")
    page.get_by_label("Locarno class of design 1").fill("@@")
    page.get_by_role("button", name="Save and continue").click()
    locarno = page.get_by_label("Locarno class of design 1")
    expect(locarno).to_have_attribute("aria-invalid", "true")
    help_text = page.locator("#designs-locarno-help").inner_text().strip()
    assert help_text
    expect(locarno).to_have_accessible_description(
        re.compile(rf"^{re.escape(help_text)}\s+Use the form \"06\" or \"06-01\"\.$")
    )
    product = page.get_by_label("Product of design 1")
    expect(product).not_to_have_attribute("aria-invalid", "true")
    expect(product).to_have_accessible_description(
        page.locator("#designs-product-help").inner_text().strip()
    )
