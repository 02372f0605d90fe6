"""A first-time applicant files a one-design application from the workbench in at most 25 clicks
(issue 20). Every click on a button, link, radio button, checkbox or suggestion counts; typing and
choosing files do not. If this fails, cut clicks (sensible defaults), do not raise the limit."""

import re

from playwright.sync_api import expect

from hague_portal.filings.models import Draft, DraftStatus

from .conftest import sign_in
from .helpers import expect_step, field, image_files, row

MAX_CLICKS = 25


class Clicks:
    """Each click of the test goes through here and is counted."""

    def __init__(self, page):
        self.page, self.made = page, []

    def __call__(self, locator, what: str) -> None:
        locator.click()
        self.made.append(what)

    def save(self, step: str) -> None:
        url = self.page.url
        self(self.page.get_by_role("button", name="Save and continue"), f"save {step}")
        expect(self.page).not_to_have_url(url)
        expect(self.page.locator("[data-error-summary]")).to_have_count(0)

    def choose(self, scope, label: str, name: str) -> None:
        box = field(scope, label).and_(scope.locator("input"))
        box.fill(name[:4])  # typing
        self(scope.get_by_role("option", name=name, exact=True), f"suggestion {name}")


def test_a_first_time_applicant_files_one_design_in_at_most_25_clicks(page, alice, reference):
    sign_in(page, alice)
    click = Clicks(page)
    click(page.get_by_role("button", name="New application"), "New application")
    nav = page.get_by_role("navigation", name="Sections of the application")
    click(nav.get_by_role("link", name="Applicants and correspondence"), "Applicants")

    expect_step(page, "Applicants")
    applicant = row(page, "applicant")
    field(applicant, "Name").fill("Applicant, Alice")
    click(applicant.get_by_label("a natural person"), "natural person")
    field(applicant, "Street and number").fill("Bahnhofstrasse 1")
    field(applicant, "Town or city").fill("Zurich")
    field(applicant, "Postcode").fill("8001")
    click.choose(applicant, "Country", "Switzerland")
    click.save("applicants")

    expect_step(page, "Entitlement")
    click(page.get_by_role("group", name="Domicile in").get_by_label("Switzerland (CH)"), "CH")
    click.save("entitlement")

    expect_step(page, "Representative")
    click.save("representative")

    expect_step(page, "Designations")
    click(page.get_by_label(re.compile(r"\(EM\)$")), "EM")
    click.save("designations")

    expect_step(page, "Designs")
    page.get_by_label("Product of design 1").fill("chair")
    page.get_by_label("Locarno class of design 1").fill("06-01")
    click.save("designs")

    expect_step(page, "Reproductions")
    page.get_by_label("Image files").set_input_files(image_files(1))  # choosing files
    click(page.get_by_role("button", name="Upload"), "upload")
    design_1 = page.get_by_role("list", name="Reproductions of design 1")
    expect(design_1.locator("li[data-id]")).to_have_count(1)
    click.save("reproductions")

    # The sections that do not concern this application: on with one click each.
    while "Fees and payment" not in page.get_by_role("heading", level=1).inner_text():
        click.save(page.get_by_role("heading", level=1).inner_text())

    click(page.get_by_label("Credit card"), "card")
    click.save("fees")

    expect_step(page, "Review")
    page.get_by_label("Signature").fill("/Alice Applicant/")
    click(page.get_by_label(re.compile("I confirm that this application")), "confirm")
    click(page.get_by_role("button", name="Sign and submit"), "submit")

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Pay the fees of"))
    page.get_by_label("Card number").fill("4242424242424242")
    click(page.get_by_role("button", name=re.compile(r"^Pay ")), "pay")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt for payment")
    assert Draft.objects.get(created_by=alice).status == DraftStatus.SUBMITTED
    print(f"{len(click.made)} clicks: {click.made}")
    assert len(click.made) <= MAX_CLICKS, click.made
