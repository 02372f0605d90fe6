"""The address book in the wizard (issue 20): save an applicant from one application, start a new
one and fill its applicant from the book."""

import re

from playwright.sync_api import expect

from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.services import entry_create
from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_create

from .conftest import sign_in
from .helpers import choose, field, row


def applicants(draft) -> str:
    return f"/applications/{draft.id}/steps/applicants/"


def test_an_applicant_saved_from_one_draft_fills_the_next(page, alice, reference):
    first = draft_create(user=alice)
    sign_in(page, alice)
    page.goto(applicants(first))
    page.get_by_role("button", name="Add another applicant").click()  # one form until asked
    new_row = row(page, "Add another applicant")
    field(new_row, "Name").fill("Nordic Chairs AB")
    new_row.get_by_label("a legal entity").check()
    field(new_row, "Town or city").fill("Malmö")
    choose(new_row, "Country", "Sweden")
    book = page.get_by_test_id("address-book")
    book.get_by_role("button", name="Save to address book (Applicant no. 2)").click()
    expect(page.get_by_text("Saved to the address book: Nordic Chairs AB.")).to_be_visible()
    assert Entry.objects.get(owner_user=alice).country == "SE"

    second = draft_create(user=alice)
    page.goto(applicants(second))
    page.get_by_role("button", name="Add another applicant").click()
    book = page.get_by_test_id("address-book")
    block = book.get_by_role("group", name="For Applicant no. 2")
    block.get_by_label("Search the address book").fill("nordic")
    block.get_by_label("Search the address book").press("Enter")  # searches, does not save
    block = page.get_by_test_id("address-book").get_by_role("group", name="For Applicant no. 2")
    expect(block.get_by_label(re.compile("Entries matching"))).to_have_value(
        str(Entry.objects.get().pk)
    )
    block.get_by_role("button", name="Fill from address book (Applicant no. 2)").click()
    expect(page.get_by_text("Filled in from the address book: Nordic Chairs AB.")).to_be_visible()
    filled = row(page, "Add another applicant")
    expect(field(filled, "Name")).to_have_value("Nordic Chairs AB")
    expect(field(filled, "Town or city")).to_have_value("Malmö")
    page.get_by_role("button", name="Save and continue").click()
    expect(page).not_to_have_url(re.compile(r"/applicants/$"))
    saved = Draft.objects.get(pk=second.pk).document["applicants"]
    assert [a["name"] for a in saved][-1] == "Nordic Chairs AB"
    assert saved[-1]["address"]["country"] == "SE" and saved[-1]["kind"] == "legal"


def test_the_address_book_pages_pass_axe_and_reflow(page, alice, reference):
    from .test_accessibility import Audit

    entry_create(
        owner={"owner_user": alice},
        kind="applicant",
        cleaned={"name": "Nordic Chairs AB", "kind": "legal", "city": "Malmö", "country": "SE"},
    )
    draft = draft_create(user=alice)
    sign_in(page, alice)
    audit = Audit(page)
    audit.visit("/address-book/", "address book")
    page.goto("/address-book/new/applicant")
    page.get_by_role("button", name="Save").click()
    audit.check("a refused entry")
    page.goto("/address-book/import")
    page.get_by_label(re.compile("CSV file")).set_input_files(
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"kind,name\nclient,X\n"}
    )
    page.get_by_role("button", name="Import").click()
    audit.check("a refused import")
    audit.visit(applicants(draft), "the applicants step with the address book")
    audit.assert_clean()
