"""Export, import and duplicate."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.filings.models import Draft

from .conftest import fill
from .helpers import add_reproductions


def _export(client, draft):
    response = client.get(reverse("filings:export", args=[draft.id]))
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def _import(client, content: bytes, extra=None):
    upload = SimpleUploadedFile("application.json", content, content_type="application/json")
    return client.post(reverse("filings:import"), {"document": upload, **(extra or {})})


def test_an_exported_document_imports_into_an_equal_draft(client, alice, alice_draft):
    fill(alice_draft, alice, designs=3, description="A chair.")
    client.force_login(alice)
    exported = _export(client, alice_draft)
    response = _import(client, json.dumps(exported).encode())
    copy = Draft.objects.exclude(pk=alice_draft.pk).get(created_by=alice)
    assert response.url == reverse("filings:overview", args=[copy.id])
    assert _export(client, copy) == exported


def test_the_export_numbers_reproductions_per_design(client, alice, alice_draft):
    fill(alice_draft, alice, designs=2)
    add_reproductions(alice_draft, designs=2, per_design=2)
    client.force_login(alice)
    designs = _export(client, alice_draft)["designs"]
    assert [[r["number"] for r in d["reproductions"]] for d in designs] == [
        ["1.1", "1.2"],
        ["2.1", "2.2"],
    ]


def test_importing_an_invalid_document_shows_each_problem_with_its_path(client, alice, reference):
    client.force_login(alice)
    document = {
        "schema": "hague-portal/application@1",
        "designs": [{"number": 1, "product": "chair", "locarno": "99"}],
        "designation": ["CH"],
    }
    response = _import(client, json.dumps(document).encode())
    page = response.content.decode()
    assert response.status_code == 400
    assert "designs › 1 › locarno" in page and "unknown Locarno class" in page
    assert "designation" in page
    assert not Draft.objects.filter(created_by=alice).exists()


def test_importing_something_that_is_not_json_says_so(client, alice, reference):
    client.force_login(alice)
    assert "not a JSON document" in _import(client, b"\x89PNG").content.decode()


def test_a_representative_imports_for_a_client_of_the_firm(client, bob, acme, reference):
    client.force_login(bob)
    _import(client, b'{"schema": "hague-portal/application@1"}', {"client": acme.pk})
    assert Draft.objects.get(created_by=bob).client == acme


def test_duplicating_copies_the_answers_but_not_the_files_or_the_signature(
    client, alice, alice_draft
):
    fill(alice_draft, alice, designs=2)
    add_reproductions(alice_draft, designs=2, per_design=1)
    client.force_login(alice)
    response = client.post(reverse("filings:duplicate", args=[alice_draft.id]))
    copy = Draft.objects.exclude(pk=alice_draft.pk).get(created_by=alice)
    assert response.url == reverse("filings:overview", args=[copy.id])
    assert copy.document["designations"] == ["EM", "CH"]
    assert "signatory" not in copy.document
    assert copy.reproductions.count() == 0
    assert copy.version == 1 and copy.status == "draft"
