"""Responding to an invitation through the API with replacement files (issue 13): reproductions
and annex PDFs sent as multipart/form-data are checked and stored by the respond page's own code
(examination.responses), refused at their field with nothing stored, and the filing keeps its
own files."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hague_portal.examination import services as examination
from hague_portal.examination.models import Response
from hague_portal.submissions.models import Submission
from tests.filings.sample_files import jpeg
from tests.filings.test_annex_active_content import _javascript_link, _open_action
from tests.submissions.conftest import make_draft, reference_db, submit  # noqa: F401

from .v1_helpers import api_for

pytestmark = pytest.mark.django_db


def url(submission, sequence=1):
    return f"/api/v1/applications/{submission.number}/invitations/{sequence}/responses/"


def invite(submission, erik, category, **fields):
    exam = submission.examination
    examination.irregularity_raise(
        examination=exam, by=erik, category=category, message="", **fields
    )
    return examination.invitation_send(examination=exam, by=erik)


def image(**kwargs):
    return SimpleUploadedFile("new.jpg", jpeg(**kwargs), "image/jpeg")


def stored(media: Path) -> list[str]:
    folder = media / "responses"
    return sorted(str(p.relative_to(media)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def filed(alice, media, reference_db):  # noqa: F811
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    examination.examination_checks_done(submission=submission)
    return submission


def test_a_replacement_jpeg_is_stored_with_the_response_and_the_filing_keeps_its_files(
    alice, filed, erik, media
):
    invite(filed, erik, "reproductions", designs=[2])
    before = Submission.objects.get(pk=filed.pk)

    answer = api_for(alice).post(
        url(filed),
        {"message": "The corrected view.", "reproduction_2.1": image(size=(900, 700))},
        format="multipart",
    )

    assert answer.status_code == 201, answer.json()
    row = Response.objects.get()
    (entry,) = row.files
    assert (entry["role"], entry["number"], entry["design"]) == ("reproduction", "2.1", 2)
    assert entry["path"].startswith(f"responses/{filed.number}/1/")
    assert (media / entry["path"]).exists()
    view = row.document["designs"][1]["reproductions"][0]
    assert (view["file"], view["sha256"]) == (entry["path"], entry["sha256"])
    assert answer.json()["files"] == [
        {"role": "reproduction", "number": "2.1", "sha256": entry["sha256"], "size": entry["size"]}
    ]
    after = Submission.objects.get(pk=filed.pk)
    assert after.files == before.files and after.document == before.document


def test_a_72_dpi_jpeg_is_refused_at_its_field_with_nothing_stored(alice, filed, erik, media):
    invite(filed, erik, "reproductions", designs=[2])

    answer = api_for(alice).post(
        url(filed),
        {"message": "x", "reproduction_2.1": image(dpi=(72, 72))},
        format="multipart",
    )

    assert answer.status_code == 400
    (problem,) = answer.json()["errors"]
    assert problem["path"] == "reproduction_2.1" and "dpi" in problem["message"]
    assert not Response.objects.exists()
    assert not (media / "responses").exists() or stored(media) == []


def test_a_reproduction_the_application_does_not_have_is_refused_at_its_field(
    alice, filed, erik, media
):
    invite(filed, erik, "reproductions", designs=[2])
    answer = api_for(alice).post(url(filed), {"reproduction_9.1": image()}, format="multipart")
    assert answer.status_code == 400
    # Refused at its field, and said at once: nothing replaces a view of design 2 (invited).
    assert [e["path"] for e in answer.json()["errors"]] == ["reproduction_9.1", "reproduction_2.1"]
    assert not Response.objects.exists()


@pytest.mark.parametrize("change", [_open_action, _javascript_link], ids=["open", "js-link"])
def test_a_pdf_with_javascript_is_refused_as_in_the_wizard(alice, filed, erik, media, change):
    from pypdf import PdfWriter

    from hague_portal.filings.pdf_content import SCRIPT

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    invite(filed, erik, "document")

    answer = api_for(alice).post(
        url(filed),
        {
            "attachment_kind": "annex_I",
            "attachment": SimpleUploadedFile("a.pdf", out.getvalue(), "application/pdf"),
        },
        format="multipart",
    )

    assert answer.status_code == 400
    assert answer.json()["errors"] == [{"path": "attachment", "message": SCRIPT}]
    assert not Response.objects.exists()
    assert not (media / "responses").exists() or stored(media) == []


def test_an_annex_pdf_is_sent_as_an_annex_of_the_new_revision(alice, filed, erik, media):
    from tests.filings.sample_files import pdf

    invite(filed, erik, "document")
    answer = api_for(alice).post(
        url(filed),
        {
            "attachment_kind": "annex_I",
            "attachment": SimpleUploadedFile("decl.pdf", pdf(), "application/pdf"),
        },
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    (entry,) = Response.objects.get().files
    assert (entry["role"], entry["kind"], entry["original_name"]) == (
        "attachment",
        "annex_I",
        "decl.pdf",
    )
    assert Response.objects.get().document["annexes"]["I"][-1]["sha256"] == entry["sha256"]


def test_a_firm_viewer_gets_403_and_an_outsider_404_with_nothing_stored(
    bob,
    acme,
    vera,
    charlie,
    erik,
    media,
    reference_db,  # noqa: F811
):
    submission = submit(make_draft(bob, client=acme, designs=1, views=1), bob)
    examination.examination_checks_done(submission=submission)
    invite(submission, erik, "reproductions", designs=[1])

    for user, expected in ((vera, 403), (charlie, 404)):
        answer = api_for(user).post(
            url(submission), {"reproduction_1.1": image(size=(900, 700))}, format="multipart"
        )
        assert answer.status_code == expected
    assert not Response.objects.exists()
    assert not (media / "responses").exists() or stored(media) == []
