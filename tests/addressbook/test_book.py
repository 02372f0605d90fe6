"""The address book (issue 20): each user's, and each firm's shared by its members; viewers read,
admins and editors write; an entry another user or firm owns is not found (404)."""

import pytest
from django.urls import reverse

from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.services import entry_create, entry_fields

pytestmark = pytest.mark.django_db

APPLICANT = {
    "name": "Nordic Chairs AB",
    "kind": "legal",
    "legal_nature": "aktiebolag, Sweden",
    "email": "ip@nordic.test",
    "phone": "",
    "transliteration": "",
    "street": "Storgatan 1",
    "city": "Malmö",
    "postcode": "211 34",
    "country": "SE",
}


def own(user, name="Ada Lovelace", kind="creator", **fields):
    cleaned = {"name": name, "city": "London", "country": "GB", **fields}
    return entry_create(owner={"owner_user": user}, kind=kind, cleaned=cleaned)


def firms(firm, name="ACME Design GmbH", kind="applicant"):
    cleaned = {"name": name, "kind": "legal", "city": "Berlin", "country": "DE"}
    return entry_create(owner={"owner_firm": firm}, kind=kind, cleaned=cleaned)


def test_an_entry_keeps_the_block_as_the_wizard_stores_it(alice):
    entry = own(alice, "Ada Lovelace", street="1 Lane", postcode="N1")
    assert entry.data == {
        "name": "Ada Lovelace",
        "address": {"street": "1 Lane", "city": "London", "postcode": "N1", "country": "GB"},
    }
    assert entry_fields(entry)["country"] == "GB" and entry.country == "GB"


def test_a_user_adds_an_applicant_to_their_own_book(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("addressbook:new", args=["applicant"]), {"book": "me", **APPLICANT}
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.owner_user, entry.kind, entry.data["legal_nature"]) == (
        alice,
        "applicant",
        "aktiebolag, Sweden",
    )
    page = client.get(reverse("addressbook:list")).content.decode()
    assert "Nordic Chairs AB" in page and "Malmö" in page


def test_bad_input_is_refused_at_the_field_and_kept(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("addressbook:new", args=["applicant"]),
        {"book": "me", **APPLICANT, "name": "", "country": "Narnia", "email": "nope"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the applicant&#x27;s name." in page
    assert "“Narnia” is not one" in page and 'value="nope"' in page
    assert not Entry.objects.exists()


def test_a_country_is_taken_by_its_name(client, alice):
    client.force_login(alice)
    data = {"book": "me", **APPLICANT, "country": "Deutschland"}
    client.post(reverse("addressbook:new", args=["applicant"]), data)
    assert Entry.objects.get().country == "DE"


def test_a_representative_needs_a_name_and_an_email(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("addressbook:new", args=["representative"]), {"book": "me", "name": ""}
    )
    page = response.content.decode()
    assert "Enter the representative&#x27;s name." in page
    assert "Enter the representative&#x27;s e-mail address." in page


def test_members_share_the_firms_book_and_viewers_only_read(client, bob, vera, bobs_firm):
    entry = firms(bobs_firm)
    client.force_login(vera)
    page = client.get(reverse("addressbook:list")).content.decode()
    assert "ACME Design GmbH" in page
    assert reverse("addressbook:edit", args=[entry.pk]) not in page
    edit = reverse("addressbook:edit", args=[entry.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {**APPLICANT, "name": "Mine"}).status_code == 404
    assert client.post(reverse("addressbook:delete", args=[entry.pk])).status_code == 404
    data = {"book": f"firm-{bobs_firm.pk}", **APPLICANT}
    assert client.post(reverse("addressbook:new", args=["applicant"]), data).status_code == 400
    assert Entry.objects.get().name == "ACME Design GmbH"
    client.force_login(bob)
    assert client.post(edit, {**APPLICANT, "name": "ACME AG"}).status_code == 302
    assert Entry.objects.get().name == "ACME AG"


def test_another_users_or_firms_entry_is_not_found(client, alice, charlie, bobs_firm):
    mine, theirs = own(alice), firms(bobs_firm)
    client.force_login(charlie)
    for entry in (mine, theirs):
        for name in ("addressbook:edit", "addressbook:delete"):
            assert client.get(reverse(name, args=[entry.pk])).status_code == 404
            assert client.post(reverse(name, args=[entry.pk])).status_code == 404
    page = client.get(reverse("addressbook:list")).content.decode()
    assert "Ada Lovelace" not in page and "ACME Design GmbH" not in page
    export = b"".join(client.get(reverse("addressbook:export")).streaming_content).decode()
    assert "Ada Lovelace" not in export and "ACME" not in export
    assert Entry.objects.count() == 2


def test_a_book_not_ones_own_cannot_be_chosen(client, charlie, bobs_firm):
    client.force_login(charlie)
    data = {"book": f"firm-{bobs_firm.pk}", **APPLICANT}
    assert client.post(reverse("addressbook:new", args=["applicant"]), data).status_code == 400
    assert not Entry.objects.exists()


def test_the_owner_deletes_an_entry(client, alice):
    entry = own(alice)
    client.force_login(alice)
    assert client.post(reverse("addressbook:delete", args=[entry.pk])).status_code == 302
    assert not Entry.objects.exists()


def test_the_list_searches_filters_and_pages(client, alice):
    for n in range(60):
        own(alice, f"Creator {n:02}")
    own(alice, "Zoë Applicant", kind="applicant", email="zoe@example.test")
    client.force_login(alice)
    url = reverse("addressbook:list")
    page = client.get(url).content.decode()
    assert "61 entries" in page and "Page 1 of 2" in page
    found = client.get(url, {"q": "zoe@"}).content.decode()
    assert "Zoë Applicant" in found and "Creator 01" not in found
    creators = client.get(url, {"kind": "creator", "page": 2}).content.decode()
    assert "Creator 59" in creators and "Zoë" not in creators


def test_the_list_counts_in_few_queries(
    client, alice, bob, bobs_firm, django_assert_max_num_queries
):
    for n in range(30):
        own(bob, f"Creator {n:02}")
        firms(bobs_firm, f"Firm applicant {n:02}")
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("addressbook:list")).status_code == 200
