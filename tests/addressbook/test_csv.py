"""The address book as CSV (issue 20): an export imports back as it was; a file with a refused row
imports nothing and names the line and the column of each problem."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.addressbook.models import Entry
from hague_portal.addressbook.services import entry_create

pytestmark = pytest.mark.django_db

HEADER = "kind,name,nature,transliteration,legal_nature,email,phone,street,city,postcode,country\n"


def upload(client, content: str, book="me"):
    file = SimpleUploadedFile("book.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("addressbook:import"), {"book": book, "file": file})


def export(client, **query) -> str:
    response = client.get(reverse("addressbook:export"), query)
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_an_export_imports_back_as_it_was(client, alice, charlie):
    entry_create(
        owner={"owner_user": alice},
        kind="applicant",
        cleaned={
            "name": "Ōno Kōgyō K.K.",
            "kind": "legal",
            "transliteration": "Ono Kogyo K.K.",
            "legal_nature": "kabushiki kaisha, Japan",
            "email": "ip@ono.test",
            "phone": "+81 3 1234",
            "street": '1-2-3, Chiyoda, "Tower"',
            "city": "Tokyo",
            "postcode": "100-0001",
            "country": "JP",
        },
    )
    entry_create(
        owner={"owner_user": alice},
        kind="creator",
        cleaned={"name": "Ada Lovelace", "city": "London", "country": "GB"},
    )
    client.force_login(alice)
    text = export(client)
    assert text.splitlines()[0] == HEADER.strip()
    client.force_login(charlie)
    assert upload(client, text).status_code == 302
    mine = {e.name: (e.kind, e.data) for e in Entry.objects.filter(owner_user=alice)}
    theirs = {e.name: (e.kind, e.data) for e in Entry.objects.filter(owner_user=charlie)}
    assert theirs == mine and len(theirs) == 2


def test_the_export_follows_the_lists_filters(client, alice):
    for kind, name in (("creator", "Ada Lovelace"), ("representative", "Rep & Co")):
        cleaned = {"name": name, "email": "r@co.test", "country": "CH"}
        entry_create(owner={"owner_user": alice}, kind=kind, cleaned=cleaned)
    client.force_login(alice)
    text = export(client, kind="representative")
    assert "Rep & Co" in text and "Ada Lovelace" not in text


def test_a_refused_row_imports_nothing_and_names_line_and_column(client, alice):
    client.force_login(alice)
    content = (
        HEADER
        + "applicant,Good GmbH,legal,,,,,,Berlin,,DE\n"
        + "applicant,,legal,,,,,,,,DE\n"
        + "creator,Eve,,,,,,,,,Narnia\n"
        + "client,Someone,,,,,,,,,\n"
        + "representative,Rep,,,,not-an-email,,,,,CH\n"
    )
    response = upload(client, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported: 4 problems." in page
    for line, column in (("3", "name"), ("4", "country"), ("5", "kind"), ("6", "email")):
        assert f"<tr><td>{line}</td><td>{column}</td>" in page
    assert not Entry.objects.exists()


def test_country_names_and_the_applicants_nature_are_read(client, alice):
    client.force_login(alice)
    content = HEADER + "applicant,Jane Doe,natural,,,,,,,,Deutschland\n"
    assert upload(client, content).status_code == 302
    entry = Entry.objects.get()
    assert (entry.country, entry.data["kind"]) == ("DE", "natural")


def test_a_file_without_the_columns_is_refused(client, alice):
    client.force_login(alice)
    page = upload(client, "who,where\nx,y\n").content.decode()
    assert "missing: kind, name" in page and not Entry.objects.exists()


def test_a_viewer_may_not_import_into_the_firms_book(client, vera, bobs_firm):
    client.force_login(vera)
    content = HEADER + "creator,Eve,,,,,,,,,CH\n"
    response = upload(client, content, book=f"firm-{bobs_firm.pk}")
    assert response.status_code == 400 and not Entry.objects.exists()


def test_a_formula_is_exported_as_text_and_imported_back_as_it_was(client, alice, charlie):
    entry_create(
        owner={"owner_user": alice},
        kind="creator",
        cleaned={"name": '=HYPERLINK("http://evil.test")', "country": "CH"},
    )
    client.force_login(alice)
    text = export(client)
    assert "'=HYPERLINK" in text
    client.force_login(charlie)
    assert upload(client, text).status_code == 302
    assert Entry.objects.get(owner_user=charlie).name == '=HYPERLINK("http://evil.test")'


def test_an_applicant_without_its_nature_is_refused_at_that_column(client, alice):
    client.force_login(alice)
    page = upload(client, HEADER + "applicant,Jane Doe,,,,,,,,,CH\n").content.decode()
    assert "<tr><td>2</td><td>nature</td>" in page and not Entry.objects.exists()
