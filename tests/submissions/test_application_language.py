"""Issue 12: the DM/1, the acknowledgement of receipt and its e-mail, and the findings of the
full formality check are produced in the language the application was filed in (Rule 6(1)),
whatever the language of the worker or of whoever filed it."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from hague_portal.submissions import pipeline
from hague_portal.submissions.models import Irregularity

from .conftest import make_draft, submit
from .test_pipeline import pdf_text, run_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed_in(alice, media, no_broker, reference_db):
    def filed(language, **doc):
        if language:
            doc["language"] = language
        return run_all(submit(make_draft(alice, designs=2, views=2, **doc), alice))

    return filed


def attachment_text(message) -> str:
    ((_, content, _),) = message.attachments
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_a_french_application_s_dm1_follows_the_french_form(filed_in):
    text = pdf_text(filed_in("fr").dm1_pdf)
    for title in (
        "DM/1 : Demande d'enregistrement international",
        "1. Déposant(s)",
        "2. Droit de déposer",
        "5. Mandataire",
        "7. Parties contractantes désignées",
        "12. Revendication",
        "19. Signature",
        "Feuille de calcul des taxes",
    ):
        assert title in text
    assert "Applicant" not in text and "Fee calculation sheet" not in text


def test_a_spanish_application_s_dm1_follows_the_spanish_form(filed_in):
    priority = {"office": "FR", "number": "123", "date": "2026-06-01", "designs": [1]}
    deferred = {"mode": "deferred", "months": 12}
    text = pdf_text(filed_in("es", priorities=[priority], publication=deferred).dm1_pdf)
    assert "FR · n.º 123 · 01/06/2026" in text
    assert "Aplazada por 12 meses" in text  # Spanish has three plural forms (CLDR)
    assert "página 1" in text
    for title in ("1. Solicitante(s)", "2. Derecho a presentar", "5. Mandatario", "19. Firma"):
        assert title in text
    assert "Hoja de cálculo de las tasas" in text
    assert "Entitlement to file" not in text


def test_a_french_application_s_acknowledgement_email_and_receipt_are_french(filed_in, mailoutbox):
    submission = filed_in("fr")
    (message,) = mailoutbox
    assert message.subject == (f"Accusé de réception : demande internationale {submission.number}")
    assert "Votre demande internationale d'enregistrement" in message.body
    assert "Dessins ou modèles : 2 ; reproductions : 4" in message.body
    month = translation.override("fr")  # the date of receipt in French: "29 novembre 2026"
    with month:
        from django.utils.formats import date_format

        received = date_format(submission.received_at.astimezone(), "j F Y")
    assert received in message.body
    assert "Accusé de réception" in attachment_text(message)
    assert "Accusé de réception" in pdf_text(submission.receipt_pdf)


def test_a_spanish_application_s_acknowledgement_email_is_spanish(filed_in, mailoutbox):
    submission = filed_in("es")
    (message,) = mailoutbox
    assert message.subject == f"Acuse de recibo: solicitud internacional {submission.number}"
    assert "Se ha recibido su solicitud internacional" in message.body
    assert "Acuse de recibo" in attachment_text(message)


def test_an_english_application_is_unchanged_whatever_the_worker_s_language(filed_in, mailoutbox):
    with translation.override("fr"):
        submission = filed_in(None)
    text = pdf_text(submission.dm1_pdf)
    assert "1. Applicant(s)" in text and "2. Entitlement to file" in text
    (message,) = mailoutbox
    assert message.subject.startswith("Acknowledgement of receipt: international application")
    assert "Designs: 2; reproductions: 4" in message.body


def test_the_findings_of_the_file_checks_are_stored_in_the_application_s_language(
    alice, media, no_broker, reference_db
):
    from .conftest import add_reproduction, jpeg

    draft = make_draft(alice, designs=1, views=1, language="es")
    add_reproduction(draft, 1, 2, jpeg(7, dpi=72))
    submission = submit(draft, alice)
    pipeline.submission_check(submission)
    messages = list(
        Irregularity.objects.filter(
            submission=submission, code="file.reproduction_dpi"
        ).values_list("message", flat=True)
    )
    assert messages and all("se exige una resolución de 300 ppp" in m for m in messages)
