"""An annex's details are refused at their path in the API's words (issue 19): the quickstart's
Annex I example answered 400 at "declaration_kind", a field of the wizard's form that the API
does not have."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.submissions.conftest import document, pdf_bytes

from .v1_helpers import api_for, post_json

pytestmark = pytest.mark.django_db


def test_an_annex_i_without_its_kind_is_refused_at_details_kind_and_accepted_with_it(alice, media):
    api = api_for(alice)
    draft = post_json(api, "/api/v1/drafts/", {"document": document()}).json()
    url = f"/api/v1/drafts/{draft['id']}/attachments/"

    def upload(details):
        pdf = SimpleUploadedFile("declaration.pdf", pdf_bytes(), "application/pdf")
        return api.post(url, {"kind": "annex_I", "file": pdf, "details": details})

    refused = upload('{"creator": "Jane Doe", "signatory": "Jane"}')
    accepted = upload('{"kind": "declaration", "creator": "Jane Doe", "signatory": "/Jane Doe/"}')

    assert refused.status_code == 400
    assert sorted(e["path"] for e in refused.json()["errors"]) == [
        "details.kind",
        "details.signatory",
    ]
    assert accepted.status_code == 201, accepted.json()
    assert accepted.json()["details"]["kind"] == "declaration"
