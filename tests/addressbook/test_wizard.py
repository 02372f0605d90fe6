"""The address book in the wizard without JavaScript (issue 20): a block is filled from an entry
(a copy, kept only when the step is saved) or saved as one; another's entry is never copied."""

import re

import pytest

from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.selectors import book_owner, books_of
from hague_portal.addressbook.services import entry_create
from hague_portal.filings.models import Draft

from ..filings.helpers import APPLICANT, formset, step_url

pytestmark = pytest.mark.django_db


def press(client, draft, key, data, **button):
    version = Draft.objects.get(pk=draft.pk).version
    return client.post(step_url(draft, key), {**data, "seen_version": version, **button})


def nordic(owner):
    cleaned = {
        "name": "Nordic Chairs AB",
        "kind": "legal",
        "email": "ip@nordic.test",
        "city": "Malmö",
        "country": "SE",
    }
    return entry_create(owner=owner, kind="applicant", cleaned=cleaned)


def test_fill_copies_an_entry_into_the_block_and_keeps_the_rest(client, alice, alice_draft):
    entry = nordic({"owner_user": alice})
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "applicants")).content.decode()
    assert "Fill from address book" in page and "Nordic Chairs AB" in page
    data = {
        **formset("applicants", [APPLICANT], extra_blank=1),
        "reference": "MY-REF",
        "book_entry-applicants-1": str(entry.pk),
    }
    response = press(client, alice_draft, "applicants", data, book_fill="applicants-1")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="applicants-1-name" value="Nordic Chairs AB"' in page
    assert 'value="ip@nordic.test"' in page and 'value="MY-REF"' in page
    assert 'name="applicants-0-name" value="Applicant, Alice"' in page
    assert "Save to keep it" in page
    assert Draft.objects.get(pk=alice_draft.pk).version == alice_draft.version  # not saved


def test_another_users_entry_is_not_copied(client, alice, charlie, alice_draft):
    theirs = nordic({"owner_user": charlie})
    client.force_login(alice)
    data = {**formset("applicants", [{}]), "book_entry-applicants-0": str(theirs.pk)}
    page = press(client, alice_draft, "applicants", data, book_fill="applicants-0")
    page = page.content.decode()
    assert "Nordic Chairs AB" not in page
    assert "Choose an entry of the address book" in page


def test_save_adds_a_filled_block_to_the_book(client, alice, alice_draft):
    client.force_login(alice)
    data = {**formset("applicants", [APPLICANT]), "book_owner-applicants-0": "me"}
    response = press(client, alice_draft, "applicants", data, book_save="applicants-0")
    assert response.status_code == 200
    entry = Entry.objects.get()
    assert (entry.owner_user, entry.kind, entry.name, entry.country) == (
        alice,
        "applicant",
        "Applicant, Alice",
        "CH",
    )
    assert entry.data["address"]["street"] == "Rue du Rhône 1"
    assert "Saved to the address book" in response.content.decode()


def test_a_block_with_errors_is_not_saved_and_says_why_at_the_field(client, alice, alice_draft):
    client.force_login(alice)
    rows = [{**APPLICANT, "name": "", "country": "Narnia"}]
    data = {**formset("applicants", rows), "book_owner-applicants-0": "me"}
    response = press(client, alice_draft, "applicants", data, book_save="applicants-0")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the applicant&#x27;s name." in page and "“Narnia” is not one" in page
    assert not Entry.objects.exists()


def test_a_firm_viewer_may_not_save_to_the_firms_book(vera, bob, bobs_firm):
    # What the wizard's "Save to" accepts: the firm's book is vera's to read, not to write.
    firm = f"firm-{bobs_firm.pk}"
    assert book_owner(user=vera, book=firm) is None
    assert book_owner(user=vera, book=firm, editable=False) == {"owner_firm": bobs_firm}
    assert book_owner(user=bob, book=firm) == {"owner_firm": bobs_firm}
    assert firm not in dict(books_of(user=vera, editable=True))


def test_search_narrows_a_blocks_entries(client, alice, alice_draft):
    nordic({"owner_user": alice})
    entry_create(
        owner={"owner_user": alice},
        kind="applicant",
        cleaned={"name": "Zebra Works", "kind": "legal", "country": "DE"},
    )
    client.force_login(alice)
    data = {**formset("applicants", [{}]), "book_q-applicants-0": "zebra"}
    page = press(client, alice_draft, "applicants", data, book_search="applicants-0")
    block = page.content.decode().split('data-book-block="applicants-0"')[1]
    assert "Zebra Works" in block and "Nordic Chairs AB" not in block


def test_the_representative_is_filled_from_the_firms_book(client, bob, bobs_firm, bob_draft):
    rep = entry_create(
        owner={"owner_firm": bobs_firm},
        kind="representative",
        cleaned={"name": "Bob & Partners", "email": "mail@bob.test", "country": "CH"},
    )
    client.force_login(bob)
    data = {"book_entry-representative": str(rep.pk)}
    page = press(client, bob_draft, "representative", data, book_fill="representative")
    page = page.content.decode()
    assert 'value="Bob &amp; Partners"' in page and 'value="mail@bob.test"' in page
    assert re.search(r'<input[^>]*name="appoint"[^>]*checked', page)


def test_creators_can_be_saved_without_their_designs(client, alice, alice_draft):
    client.force_login(alice)
    rows = [{"name": "Ada Lovelace", "designs": "1", "city": "London", "country": "GB"}]
    data = {**formset("creators", rows), "book_owner-creators-0": "me"}
    press(client, alice_draft, "creators", data, book_save="creators-0")
    entry = Entry.objects.get()
    assert (entry.kind, entry.name, "designs" in entry.data) == ("creator", "Ada Lovelace", False)
