"""JSON nested too deep is answered 400 with where it went too deep, never 500 (issue 19): the
wizard's import of a document (a message at its file field), the token API's bodies and an
annex's details, the public API's documents. Python's parser recurses once per level: 100,000
levels raise RecursionError in it; 40 pass it but are more than any application document has."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.lib.json_input import MAX_DEPTH
from tests.api.v1_helpers import api_for
from tests.submissions.conftest import pdf_bytes

pytestmark = pytest.mark.django_db
DEPTHS = [100_000, 40]


def deep_document(depth: int) -> str:
    """An application document whose first design's product is `depth` lists in one another."""
    return (
        '{"schema": "hague-portal/application@1", "designs": [{"number": 1, "product": '
        + "[" * depth
        + "]" * depth
        + "}]}"
    )


def deep_path(prefix: str, above: int) -> str:
    """Where the nesting goes past MAX_DEPTH: the lists start below `above` containers (the
    document, its designs and the design: 3)."""
    return prefix + "[0]" * (MAX_DEPTH - above)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.mark.parametrize("depth", DEPTHS)
def test_importing_a_document_nested_too_deep_says_so_at_the_file_field(
    client, alice, reference, depth
):
    client.force_login(alice)
    upload = SimpleUploadedFile("deep.json", deep_document(depth).encode(), "application/json")
    response = client.post(reverse("filings:import"), {"document": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["document"] == [
        f"This document is nested more than {MAX_DEPTH} levels deep (at "
        f"{deep_path('designs[0].product', 3)}); an application document never is. Export it "
        "again from Hague Portal, or correct the file."
    ]
    assert not Draft.objects.filter(created_by=alice).exists()


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_token_api_body_nested_too_deep_is_refused_with_its_path(alice, depth):
    body = '{"document": ' + deep_document(depth) + "}"
    response = api_for(alice).post("/api/v1/drafts/", body, content_type="application/json")
    assert response.status_code == 400
    ((error),) = response.json()["errors"]
    assert error["path"] == deep_path("document.designs[0].product", 4)
    assert "nested more than 32 levels deep" in error["message"]


@pytest.mark.parametrize("depth", DEPTHS)
def test_a_public_api_document_nested_too_deep_is_refused_with_its_path(client, depth):
    response = client.post("/api/v1/fees/", deep_document(depth), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == deep_path("designs[0].product", 3)


@pytest.mark.parametrize("depth", DEPTHS)
def test_annex_details_nested_too_deep_are_refused_with_their_path(alice, media, depth):
    api = api_for(alice)
    draft = api.post(
        "/api/v1/drafts/", json.dumps({"document": {}}), content_type="application/json"
    ).json()
    details = '{"note": ' + "[" * depth + "]" * depth + "}"
    file = SimpleUploadedFile("annex.pdf", pdf_bytes(), "application/pdf")
    url = f"/api/v1/drafts/{draft['id']}/attachments/"
    response = api.post(url, {"kind": "annex_I", "file": file, "details": details})
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == deep_path("details.note", 1)
