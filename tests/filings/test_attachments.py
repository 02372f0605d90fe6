"""Attachments (Annexes I-V, power of attorney): PDFs checked by their content, with what each
document concerns (Guide, Annexes I-V)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hague_portal.filings import uploads
from hague_portal.filings.models import Attachment, Draft
from hague_portal.filings.selectors import draft_document
from hague_portal.reference.services import reference_import

from .sample_files import encrypted_pdf, jpeg, pdf

DOCUMENT = {
    "designs": [{"number": 1, "product": "Chair"}, {"number": 2, "product": "Table"}],
    "priorities": [{"office": "EM", "number": "015000001-0001", "date": "2026-01-15"}],
}
ANNEX_I = {"kind": "declaration", "creator": "Jane Doe", "signatory": "/Jane Doe/"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ref(db):
    """The whole reference data: the pages run the formality checks in their side panel."""
    reference_import(directory=Path(__file__).resolve().parents[2] / "fixtures" / "reference")


@pytest.fixture
def draft(alice):
    return Draft.objects.create(created_by=alice, document=DOCUMENT)


@pytest.fixture
def client_draft(bob, acme):
    return Draft.objects.create(created_by=bob, client=acme, document=DOCUMENT)


def pdf_file(name="declaration.pdf", data=None):
    return SimpleUploadedFile(name, pdf() if data is None else data, "application/pdf")


def refused(draft, user, kind="power_of_attorney", file=None, details=None) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        uploads.attachment_upload(
            draft=draft, user=user, kind=kind, file=file or pdf_file(), details=details
        )
    return excinfo.value.message_dict


def test_a_real_pdf_is_accepted_with_its_details(alice, draft, media):
    attachment = uploads.attachment_upload(
        draft=draft, user=alice, kind="annex_I", file=pdf_file(), details=ANNEX_I
    )
    assert attachment.details == ANNEX_I
    assert attachment.original_name == "declaration.pdf"
    assert (media / attachment.file.name).read_bytes().startswith(b"%PDF-")


def test_the_application_document_lists_each_annex_with_what_it_concerns(alice, draft):
    """draft_document reads the annex rows in SQL of its own (issue 11): the entries, their
    details decoded and their order (by annex, then upload) are those the ORM gave."""
    declaration = uploads.attachment_upload(
        draft=draft, user=alice, kind="annex_I", file=pdf_file(), details=ANNEX_I
    )
    second = uploads.attachment_upload(
        draft=draft,
        user=alice,
        kind="annex_I",
        file=pdf_file("second.pdf"),
        details={**ANNEX_I, "creator": "John Roe"},
    )
    uploads.attachment_upload(draft=draft, user=alice, kind="power_of_attorney", file=pdf_file())

    annexes = draft_document(draft)["annexes"]

    assert list(annexes) == ["I"]  # a power of attorney is not an annex
    assert annexes["I"] == [
        {"kind": "declaration", "file": a.file.name, "sha256": a.sha256, **details}
        for a, details in (
            (declaration, {"creator": "Jane Doe", "signatory": "/Jane Doe/"}),
            (second, {"creator": "John Roe", "signatory": "/Jane Doe/"}),
        )
    ]


def test_a_jpeg_renamed_pdf_is_refused(alice, draft):
    errors = refused(draft, alice, file=pdf_file("scan.pdf", jpeg()))
    assert errors == {"file": ["This file is a JPEG image, not a PDF"]}
    assert not Attachment.objects.exists()


def test_a_text_file_renamed_pdf_is_refused(alice, draft):
    errors = refused(draft, alice, file=pdf_file("notes.pdf", b"just some notes"))
    assert errors == {"file": ["This file is not a PDF document"]}


def test_a_damaged_pdf_is_refused(alice, draft):
    errors = refused(draft, alice, file=pdf_file(data=b"%PDF-1.7\n garbage without structure"))
    assert errors == {"file": ["This PDF is damaged and cannot be read"]}


def test_an_encrypted_pdf_is_refused(alice, draft):
    errors = refused(draft, alice, file=pdf_file(data=encrypted_pdf()))
    assert "encrypted" in errors["file"][0]


def test_the_size_limit_comes_from_settings(settings, alice, draft):
    settings.ATTACHMENT_MAX_BYTES = 100
    errors = refused(draft, alice)
    assert errors == {"file": ["This file is larger than 100 bytes, the limit for a document"]}


def test_annex_i_needs_creator_kind_and_a_slash_signature(alice, draft):
    errors = refused(draft, alice, kind="annex_I", details={"signatory": "Jane Doe"})
    assert set(errors) == {"creator", "declaration_kind", "signatory"}


def test_annex_iv_needs_a_signature(alice, draft):
    assert "signatory" in refused(draft, alice, kind="annex_IV", details={})


def test_annex_ii_names_designs_and_parties(alice, draft):
    attachment = uploads.attachment_upload(
        draft=draft,
        user=alice,
        kind="annex_II",
        file=pdf_file(),
        details={"designs": ["2"], "parties": ["jp", "KR"]},
    )
    assert attachment.details == {"kind": "disclosure", "designs": [2], "parties": ["JP", "KR"]}


def test_annex_ii_refuses_a_design_the_application_lacks(alice, draft):
    errors = refused(draft, alice, kind="annex_II", details={"designs": [3], "parties": ["JP"]})
    assert "designs" in errors


def test_annex_v_must_support_a_priority_claim(alice, draft):
    assert "priority" in refused(draft, alice, kind="annex_V", details={"priority": 4})
    attachment = uploads.attachment_upload(
        draft=draft, user=alice, kind="annex_V", file=pdf_file(), details={"priority": "0"}
    )
    assert attachment.details == {"kind": "priority_document", "priority": 0}


# --- the page -----------------------------------------------------------------------------


def test_the_page_uploads_an_annex_i_declaration(client, alice, draft, ref):
    client.force_login(alice)
    url = reverse("filings:attachments", args=[draft.id])
    response = client.post(
        url,
        {
            "kind": "annex_I",
            "annex_I-file": pdf_file(),
            "annex_I-creator": "Jane Doe",
            "annex_I-declaration_kind": "declaration",
            "annex_I-signatory": "/Jane Doe/",
        },
    )
    assert response.status_code == 302
    assert Attachment.objects.get().details == ANNEX_I
    html = client.get(url).content.decode()
    assert "declaration.pdf" in html and "creator Jane Doe" in html


def test_the_page_shows_why_a_file_is_refused(client, alice, draft, ref):
    client.force_login(alice)
    response = client.post(
        reverse("filings:attachments", args=[draft.id]),
        {"kind": "power_of_attorney", "power_of_attorney-file": pdf_file("poa.pdf", jpeg())},
    )
    assert response.status_code == 400
    assert "This file is a JPEG image, not a PDF" in response.content.decode()


def test_delete_removes_the_document(
    client, alice, draft, media, django_capture_on_commit_callbacks
):
    attachment = uploads.attachment_upload(
        draft=draft, user=alice, kind="power_of_attorney", file=pdf_file()
    )
    path = media / attachment.file.name
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("filings:attachment_delete", args=[draft.id, attachment.id]))
    assert not Attachment.objects.exists() and not path.exists()


def test_a_viewer_sees_documents_but_cannot_change_them(client, vera, bob, client_draft, ref):
    attachment = uploads.attachment_upload(
        draft=client_draft, user=bob, kind="power_of_attorney", file=pdf_file("poa.pdf")
    )
    client.force_login(vera)
    url = reverse("filings:attachments", args=[client_draft.id])
    html = client.get(url).content.decode()
    assert "poa.pdf" in html and "Add document" not in html and "Remove" not in html
    delete = reverse("filings:attachment_delete", args=[client_draft.id, attachment.id])
    assert client.post(delete).status_code == 404
    assert client.post(url, {"kind": "power_of_attorney"}).status_code == 404
    assert Attachment.objects.count() == 1


def test_the_file_is_a_download_for_readers_and_404_for_others(
    client, alice, vera, charlie, bob, client_draft
):
    attachment = uploads.attachment_upload(
        draft=client_draft, user=bob, kind="power_of_attorney", file=pdf_file("poa.pdf")
    )
    url = reverse("filings:file", args=[client_draft.id, "attachment", attachment.id])
    client.force_login(vera)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="poa.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for outsider in (charlie, alice):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_pypdf_reads_what_was_stored(alice, draft, media):
    from pypdf import PdfReader

    attachment = uploads.attachment_upload(
        draft=draft, user=alice, kind="power_of_attorney", file=pdf_file(data=pdf(pages=3))
    )
    assert len(PdfReader(io.BytesIO((media / attachment.file.name).read_bytes())).pages) == 3
