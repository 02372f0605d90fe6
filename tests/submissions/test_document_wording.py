"""What the DM/1 PDF, the acknowledgement PDF and its e-mail say about the documents filed:
legend texts, not codes (Guide, item 10); the Guide's annex titles, not internal keys; one
count and one list for all three (issue 8)."""

import io

import pytest
from pypdf import PdfReader

from hague_portal.filings.annexes import annex_title
from hague_portal.filings.models import Attachment, Reproduction
from hague_portal.submissions import services

from .conftest import make_draft, submit

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def filed(alice, media, no_broker, reference_db, mailoutbox):
    """Two designs, two views each (legends "Front view", and "Seen from below" typed with
    code 00), one Annex I: five documents."""
    draft = make_draft(alice, designs=2, views=2)
    Reproduction.objects.filter(draft=draft, position=1).update(legend_code="2")
    Reproduction.objects.filter(draft=draft, design_number=1, position=2).update(
        legend_code="00", legend_text="Seen from below"
    )
    Attachment.objects.filter(draft=draft).update(original_name="oath.pdf")
    submission = submit(draft, alice)
    for job in submission.jobs.order_by("id"):
        services.job_run(job_id=job.pk, task_id="task-1")
    submission.refresh_from_db()
    ((_, receipt, _),) = mailoutbox[0].attachments
    return {
        "dm1": pdf_text(submission.dm1_pdf.read()),
        "receipt": pdf_text(receipt),
        "email": mailoutbox[0].body,
        "html": mailoutbox[0].alternatives[0][0],
    }


@pytest.mark.parametrize("where", ["dm1", "receipt", "email", "html"])
def test_legends_are_printed_as_their_texts(filed, where):
    assert "Front view" in filed[where]
    assert "Seen from below" in filed[where]
    assert "legend 2" not in filed[where]


def test_the_dm1_item_10_lists_each_legend_by_its_text(filed):
    assert "1.1: Front view; 1.2: Seen from below; 2.1: Front view; 2.2: Perspective view" in (
        " ".join(filed["dm1"].split())
    )


@pytest.mark.parametrize("where", ["dm1", "receipt", "email", "html"])
def test_annexes_carry_the_guide_title_never_the_internal_key(filed, where):
    assert "Annex I: oath or declaration of the creator" in " ".join(filed[where].split())
    assert "annex_I" not in filed[where]


@pytest.mark.parametrize("where", ["receipt", "email", "html"])
def test_the_email_and_the_receipt_list_the_same_five_documents(filed, where):
    text = " ".join(filed[where].split())
    for title in (
        "Reproduction 1.1 (Front view)",
        "Reproduction 1.2 (Seen from below)",
        "Reproduction 2.2 (Perspective view)",
        "Annex I: oath or declaration of the creator: oath.pdf",
    ):
        assert title in text


def test_the_email_counts_every_document_the_receipt_lists(filed):
    assert "Documents supplied: 5" in filed["email"]
    assert "Documents supplied (5)" in filed["receipt"]


def test_annex_iv_has_the_title_the_wizard_shows(filed):
    text = " ".join(filed["dm1"].split())
    assert f"Annex IV: {annex_title('IV')}" in text
    assert "Reduction of the United States individual designation fee" not in text


def test_addresses_in_the_dm1_name_the_country(filed):
    # The document stores "FR" (ISO 3166-1); the DM/1 reads as the form does, with the State.
    assert "1 rue de la Paix, 75002 Paris, France" in " ".join(filed["dm1"].split())


def test_the_dm1_header_names_each_annex_attached_by_its_numeral_and_title(filed):
    # One Annex I: "I (oath or declaration of the creator)", no "Annex I: ... (1)," left hanging.
    header = " ".join(filed["dm1"].split())
    assert "Annexes: I (oath or declaration of the creator) 1. Applicant(s)" in header


def test_the_dm1_carries_no_file_digests_the_acknowledgement_does(filed):
    # WIPO's DM/1 has no list of files; the acknowledgement of receipt is the proof of what was
    # received, each file with its SHA-256.
    assert "SHA-256" not in filed["dm1"] and "Documents supplied" not in filed["dm1"]
    assert "SHA-256 of the file" in filed["receipt"]
    assert "Documents supplied (5)" in filed["receipt"]


@pytest.mark.parametrize(
    ("annexes", "line"),
    [
        ({}, "none"),
        ({"I": [], "IV": []}, "none"),
        (
            {"I": [{"kind": "declaration"}] * 2, "IV": [{"kind": "certification"}]},
            "I (oath or declaration of the creator) × 2, IV (certification of micro-entity status)",
        ),
        (
            {"V": [{"kind": "priority_document"}]},
            "V (supporting documents concerning a priority claim)",
        ),
    ],
)
def test_the_annexes_line_lists_only_the_annexes_attached(annexes, line):
    from hague_portal.submissions.documents import annexes_attached

    assert annexes_attached(annexes) == line
