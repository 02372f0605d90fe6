"""Alice files a complete application for the EU, Japan and the US in the browser."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from hague_portal.filings.models import Draft, DraftStatus

from ..filings.sample_files import pdf
from .conftest import sign_in
from .helpers import (
    assign_to_design,
    choose,
    expect_step,
    field,
    go_to_section,
    image_files,
    row,
    save_and_continue,
    side_panel,
    upload_in_one_request,
)

PRODUCTS = ("chair", "table", "lamp")


def fill_address(scope):
    field(scope, "Street and number").fill("Unter den Linden 1")
    field(scope, "Town or city").fill("Berlin")
    field(scope, "Postcode").fill("10117")
    choose(scope, "Country", "Germany")


def test_an_applicant_files_a_complete_application_for_em_jp_and_us(page, alice, reference):
    sign_in(page, alice)
    page.get_by_role("button", name="New application").click()
    go_to_section(page, "Applicants and correspondence")

    expect_step(page, "Applicants")
    applicant = row(page, "applicant")
    field(applicant, "Name").fill("Applicant, Alice")
    applicant.get_by_label("a natural person").check()
    fill_address(applicant)
    field(applicant, "E-mail address").fill("alice@example.test")
    save_and_continue(page)

    expect_step(page, "Entitlement")
    domicile = page.get_by_role("group", name="Domicile in")
    domicile.get_by_label("Germany (DE)").check()
    domicile.get_by_label("European Union (EM)").check()
    # Two 1999 Act parties in item 2: item 3 is on the page already, to say which one.
    choose(page, "Applicant's Contracting Party (item 3)", "Germany (DE)")
    save_and_continue(page)

    expect_step(page, "Representative")
    save_and_continue(page)

    expect_step(page, "Designations")
    for code in ("EM", "JP", "US"):
        page.get_by_label(re.compile(rf"\({code}\)$")).check()
    save_and_continue(page)

    expect_step(page, "Designs")
    for number, product in enumerate(PRODUCTS, start=1):
        page.get_by_label(f"Product of design {number}").fill(product)
        page.get_by_label(f"Locarno class of design {number}").fill("06-01")
        if number < len(PRODUCTS):
            page.get_by_role("button", name="Save and add another design").click()
            expect(page.get_by_label(f"Product of design {number + 1}")).to_be_visible()
    save_and_continue(page)

    expect_step(page, "Reproductions")
    upload_in_one_request(page, image_files(8))
    results = page.get_by_role("status").filter(has_text="Upload results")
    expect(results.get_by_text("accepted")).to_have_count(8)
    pool = page.get_by_role("list", name="Unassigned reproductions")
    expect(pool.locator("li[data-id]")).to_have_count(8)
    for left, design in enumerate((1, 1, 1, 2, 2, 2, 3, 3), start=1):
        card = pool.locator("li[data-id]").first
        assign_to_design(card, design)
        expect(pool.locator("li[data-id]")).to_have_count(8 - left)  # htmx swapped the list
    expect(pool).to_have_count(0)
    for design, count in ((1, 3), (2, 3), (3, 2)):
        grid = page.get_by_role("list", name=f"Reproductions of design {design}")
        expect(grid.locator("li[data-id]")).to_have_count(count)
    for position in range(8):
        card = page.locator("li[data-id]").nth(position)
        code, legend = ("1", "Perspective view") if position % 2 else ("2", "Front view")
        card.get_by_label("Legend", exact=True).select_option(code)
        card.get_by_role("button", name="Save legend").click()
        expect(page.locator("li[data-id]").nth(position).locator("h3")).to_contain_text(legend)
    go_to_section(page, "Description")

    expect_step(page, "Description")
    page.get_by_label("Description").fill("Three pieces of furniture of one family.")
    save_and_continue(page)

    expect_step(page, "Creators")
    creator = row(page, "creator")
    field(creator, "Name of the creator").fill("Applicant, Alice")
    fill_address(creator)
    save_and_continue(page)

    expect_step(page, "Claim")
    page.get_by_label("Claim").fill("The ornamental design for a chair as shown and described.")
    save_and_continue(page)

    expect_step(page, "Priority")
    priority = row(page, "priority")
    choose(priority, "Office of the earlier filing", "Germany")
    field(priority, "Filing number").fill("402025000123")
    field(priority, "Filing date").fill((date.today() - timedelta(days=60)).isoformat())
    field(priority, "WIPO DAS access code").fill("A1B2")
    save_and_continue(page)

    expect_step(page, "Exhibition")
    save_and_continue(page)
    expect_step(page, "Exception to lack of novelty")
    save_and_continue(page)
    expect_step(page, "Main or principal design")
    save_and_continue(page)
    expect_step(page, "Publication")
    save_and_continue(page)

    expect_step(page, "Fee reductions")
    page.get_by_label("micro entity").check()
    save_and_continue(page)

    expect_step(page, "Annexes")
    page.get_by_role("link", name="Upload or manage annex documents").click()
    annex_i = page.get_by_role("form", name=re.compile("Annex I: oath"))
    annex_i.get_by_label("PDF file").set_input_files(
        {"name": "declaration.pdf", "mimeType": "application/pdf", "buffer": pdf()}
    )
    annex_i.get_by_label("Creator").fill("Applicant, Alice")
    annex_i.get_by_role("radio").first.check()
    annex_i.get_by_label("Signature").fill("/Alice Applicant/")
    annex_i.get_by_role("button", name="Add document").click()
    expect(page.get_by_text("declaration.pdf was added.")).to_be_visible()
    annex_iv = page.get_by_role("form", name=re.compile("Annex IV"))
    annex_iv.get_by_label("PDF file").set_input_files(
        {"name": "micro-entity.pdf", "mimeType": "application/pdf", "buffer": pdf()}
    )
    annex_iv.get_by_label("Signature").fill("/Alice Applicant/")
    annex_iv.get_by_role("button", name="Add document").click()
    expect(page.get_by_text("micro-entity.pdf was added.")).to_be_visible()
    go_to_section(page, "Fees and payment")

    expect_step(page, "Fees and payment")
    page.get_by_label("Credit card").check()
    save_and_continue(page)

    expect_step(page, "Review")
    page.get_by_label("Signature").fill("/Alice Applicant/")
    page.get_by_label("the applicant").check()
    expect(side_panel(page).get_by_role("heading", name="Checks")).to_be_visible()
    expect(page.get_by_test_id("why-not")).to_have_count(0)
    # The review shows the whole application and says what the payment will do (issue 8).
    expect(page.get_by_role("link", name="Change Designations")).to_be_visible()
    expect(page.get_by_role("img", name="Reproduction 1.1")).to_be_visible()
    expect(page.get_by_test_id("payment-plan")).to_contain_text("credit card")
    # One irreversible click, signing and submitting (issue 20): not without the confirmation,
    # said at its field, the signature typed kept.
    page.get_by_role("button", name="Sign and submit to the International Bureau").click()
    expect(page.get_by_text("Tick this box to confirm before submitting.")).to_be_visible()
    expect(page.get_by_label("Signature")).to_have_value("/Alice Applicant/")
    expect(page.get_by_label("the applicant")).to_be_checked()
    assert Draft.objects.get(created_by=alice).status == DraftStatus.DRAFT
    page.get_by_label(re.compile("I confirm that this application")).check()
    page.get_by_role("button", name="Submit to the International Bureau").click()

    # Card chosen in the wizard: the pay page opens with it preselected.
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Pay the fees of"))
    expect(page.get_by_label("Credit card")).to_be_checked()
    page.get_by_label("Card number").fill("4242424242424242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt for payment")
    draft = Draft.objects.get(created_by=alice)
    assert draft.status == DraftStatus.SUBMITTED
    number = draft.submission.number

    # The way back: the workbench lists it, paid, and links to its page.
    page.get_by_role("link", name="Workbench").first.click()
    filed = page.get_by_test_id("applications").get_by_role("row").filter(has_text=number)
    expect(filed).to_contain_text("Paid")
    filed.get_by_role("link", name=number).click()
    # The confirmation: the receipt of the International Bureau with the application number.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Application {number}")
