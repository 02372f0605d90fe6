"""Annex documents through the token API (issue 19): listed, deleted, and named in the document
without being silently dropped; and a draft read and written back whole is unchanged."""

import pytest
from django.urls import reverse

from hague_portal.filings.models import Attachment
from tests.submissions.conftest import make_draft

from .v1_helpers import api_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_with_annexes(alice, media):
    """Alice's draft with two views, an Annex I declaration and a power of attorney."""
    from tests.submissions.conftest import add_attachment, pdf_bytes

    draft = make_draft(alice, designs=1)
    add_attachment(draft, Attachment.Kind.POWER_OF_ATTORNEY, pdf_bytes() + b"\n% other\n")
    return api_for(alice), draft


def read(api, draft):
    return api.get(f"/api/v1/drafts/{draft.pk}/").json()


def test_every_annex_document_and_the_power_of_attorney_are_listed(draft_with_annexes):
    api, draft = draft_with_annexes
    listed = api.get(f"/api/v1/drafts/{draft.pk}/attachments/").json()["results"]
    assert [row["kind"] for row in listed] == ["annex_I", "power_of_attorney"]
    assert listed[0]["details"] == {"creator": "Jane Doe", "signatory": "/Jane Doe/"}
    assert listed[0]["sha256"] == read(api, draft)["document"]["annexes"]["I"][0]["sha256"]


def test_an_annex_document_is_deleted_with_its_file_and_the_wizard_no_longer_lists_it(
    draft_with_annexes, alice, client, media, django_capture_on_commit_callbacks
):
    api, draft = draft_with_annexes
    annex = draft.attachments.get(kind=Attachment.Kind.ANNEX_I)
    stored = media / annex.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete(f"/api/v1/drafts/{draft.pk}/attachments/{annex.pk}/")
    assert response.status_code == 204
    assert not stored.exists()
    assert "annexes" not in read(api, draft)["document"]
    client.force_login(alice)
    page = client.get(reverse("filings:attachments", args=[draft.pk])).content.decode()
    assert annex.original_name not in page


def test_a_draft_read_and_written_back_whole_is_unchanged(draft_with_annexes):
    api, draft = draft_with_annexes
    before = read(api, draft)
    body = {"version": before["version"], "document": before["document"]}
    response = api.put(f"/api/v1/drafts/{draft.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["document"] == before["document"]


def test_a_changed_annex_entry_is_refused_at_its_path_not_dropped(draft_with_annexes):
    api, draft = draft_with_annexes
    before = read(api, draft)
    annexes = read(api, draft)["document"]["annexes"]
    annexes["I"][0]["creator"] = "John Roe"
    annexes["I"].append({"kind": "declaration", "creator": "John Roe"})
    body = {"version": before["version"], "document": {"annexes": annexes}}
    response = api.patch(f"/api/v1/drafts/{draft.pk}/", body, format="json")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [
        "document.annexes.I[0].creator",
        "document.annexes.I[1]",
    ]
    assert read(api, draft) == before


def test_a_new_draft_naming_files_it_does_not_have_is_refused(alice):
    from tests.submissions.conftest import document

    doc = document(designs=1)
    doc["designs"][0]["reproductions"] = [{"number": "1.1", "sha256": "a" * 64}]
    doc["annexes"] = {"I": [{"kind": "declaration", "sha256": "b" * 64}]}
    response = api_for(alice).post("/api/v1/drafts/", {"document": doc}, format="json")
    assert response.status_code == 400
    assert {e["path"] for e in response.json()["errors"]} == {
        "document.designs[0].reproductions[0].sha256",
        "document.annexes.I[0]",
    }
