"""One's address book is one's data (issues 19 and 20): it is in the data download and goes
with the account; a firm's stays with the firm."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.services import entry_create

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


def creator(owner, name):
    return entry_create(owner=owner, kind="creator", cleaned={"name": name, "country": "CH"})


def test_the_data_download_holds_the_users_own_address_book(client, alice, charlie):
    creator({"owner_user": alice}, "Ada Lovelace")
    creator({"owner_user": charlie}, "Not Alice's")
    client.force_login(alice)
    response = client.get(reverse("privacy:export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    book = json.loads(archive.read("address_book.json"))
    assert [(e["kind"], e["name"]) for e in book] == [("creator", "Ada Lovelace")]
    assert json.loads(archive.read("manifest.json"))["address_book"] == "address_book.json"


def test_deleting_the_account_deletes_its_address_book_not_the_firms(client, alice, bob, bobs_firm):
    creator({"owner_user": alice}, "Ada Lovelace")
    creator({"owner_firm": bobs_firm}, "The firm's")
    client.force_login(alice)
    client.post(reverse("privacy:delete"), {"password": PASSWORD})
    assert list(Entry.objects.values_list("name", flat=True)) == ["The firm's"]
