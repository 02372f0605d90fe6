"""The certificate of registration states what is registered (issue 19), in the language of the
application (Rule 6): the holder's name and address, the registration number and date, each
design with its product indication, Locarno class and reproductions, the designated Contracting
Parties, and the publication date with the deferment asked for in item 17."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from hague_portal.examination import services
from hague_portal.examination.models import Examination
from hague_portal.hague.clock import GENEVA
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.submissions.models import Submission
from tests.submissions.conftest import PARIS, make_draft, submit

FILED_ON = date(2026, 10, 5)


def register(user, by, language, **document):
    """`user`'s application of two designs (two views each) filed in `language` on 5 October
    2026, paid and registered."""
    draft = make_draft(user, designs=2, views=2, language=language, **document)
    submission = submit(draft, user)
    Submission.objects.filter(pk=submission.pk).update(
        received_at=datetime(2026, 10, 5, 10, tzinfo=GENEVA)
    )
    services.examination_checks_done(submission=submission)
    account = CurrentAccount.objects.create(
        number="CA-1", holder_name="Alice", owner_user=user, balance=Decimal("10000")
    )
    payment_create(
        submission=submission, user=user, method=PaymentMethod.CURRENT_ACCOUNT, account=account
    )
    examination = Examination.objects.select_related("submission").get(pk=submission.pk)
    return services.examination_register(examination=examination, by=by)


def certificate(examination) -> tuple[str, PdfReader]:
    notice = Notification.objects.get(
        submission=examination.submission, kind=NotificationKind.REGISTERED
    )
    with notice.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text, reader


def images(reader: PdfReader) -> set[str]:
    # WeasyPrint shares one resource dictionary between pages: each page lists every image.
    return {name for page in reader.pages for name in page.images.keys()}  # noqa: SIM118


# Per language: what the certificate must say (Rule 6: the application's language).
EXPECTED = {
    "en": {
        "number": "International registration number",
        "date": "Date of the international registration 5 October 2026 (the filing date)",
        "holder": "Holder Atelier Doe SARL 1 rue de la Paix, 75002 Paris, France",
        "parties": "Designated Contracting Parties CH (Switzerland), EM (European Union)",
        "design": "Design 2: chair model 2 · Locarno class 06-01",
        "publication": "5 April 2029: deferred publication, as requested: 30 months from the "
        "filing date (Rule 17(1)(ii))",
        "legend": "1.2 — Perspective view",
    },
    "fr": {
        "number": "Numéro de l'enregistrement international",
        "date": "Date de l'enregistrement international 5 octobre 2026 (la date de dépôt)",
        "holder": "Titulaire Atelier Doe SARL 1 rue de la Paix, 75002 Paris, France",
        "parties": "Parties contractantes désignées CH (Suisse), EM (Union européenne)",
        "design": "Dessin ou modèle 2 : chair model 2 · Classe de Locarno 06-01",
        "publication": "5 avril 2029 : publication ajournée, comme demandé : 30 mois à compter "
        "de la date de dépôt (règle 17.1)ii))",
        "legend": "1.2 — Vue en perspective",
    },
    "es": {
        "number": "Número del registro internacional",
        "date": "Fecha del registro internacional 5 de octubre de 2026 (la fecha de presentación)",
        "holder": "Titular Atelier Doe SARL 1 rue de la Paix, 75002 Paris, Francia",
        "parties": "Partes Contratantes designadas CH (Suiza), EM (Unión Europea)",
        "design": "Dibujo o modelo 2: chair model 2 · Clase de Locarno 06-01",
        "publication": "5 de abril de 2029: publicación aplazada, según lo solicitado: 30 meses "
        "desde la fecha de presentación (regla 17.1)ii))",
        "legend": "1.2 — Vista en perspectiva",
    },
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("part", ["number", "date", "holder", "parties", "design", "publication"])
def test_the_certificate_states_what_is_registered_in_the_application_s_language(
    alice, erik, media, reference_db, language, part
):
    deferred = {"mode": "deferred", "months": 30}
    registered = register(alice, erik, language, publication=deferred)
    text, _ = certificate(registered)
    assert registered.registration_number in text
    assert EXPECTED[language][part] in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_certificate_shows_every_reproduction_with_its_legend(
    alice, erik, media, reference_db, language
):
    registered = register(alice, erik, language)
    text, reader = certificate(registered)
    assert len(images(reader)) == 4  # 2 designs x 2 views, each an image
    for number in ("1.1", "1.2", "2.1", "2.2"):
        assert number in text
    assert EXPECTED[language]["legend"] in text


def test_the_certificate_names_a_standard_or_immediate_publication(
    alice, erik, media, reference_db
):
    registered = register(alice, erik, "en", publication={"mode": "immediate"})
    text, _ = certificate(registered)
    assert "5 October 2026: immediate publication, as requested (Rule 17(1)(i))" in text


def test_the_certificate_leaves_out_a_designation_deemed_not_made(alice, erik, media, reference_db):
    draft_holder = {
        "name": "Jean Dupont",
        "kind": "natural",
        "email": "j@d.example",
        "address": PARIS,
    }
    registered = register(alice, erik, "en", applicants=[draft_holder])
    Examination.objects.filter(pk=registered.pk).update(designations_removed=["CH"])
    registered.refresh_from_db()
    from hague_portal.examination.letters import registration_certificate

    reader = PdfReader(io.BytesIO(registration_certificate(examination=registered)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Designated Contracting Parties EM (European Union)" in text
    assert "Designations deemed not made CH" in text
    assert "Holder Jean Dupont 1 rue de la Paix" in text


def test_the_certificate_shows_a_reproduction_replaced_in_a_response(
    client, alice, erik, media, reference_db
):
    # The application as it now stands (Article 10(2)): the replacement sent in the response,
    # a file of the response, not of the filing, is what is registered and printed.
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from hague_portal.examination.models import Response
    from tests.filings.sample_files import jpeg

    submission = submit(make_draft(alice, designs=2, views=2), alice)
    services.examination_checks_done(submission=submission)
    examination = Examination.objects.select_related("submission").get(pk=submission.pk)
    row = services.irregularity_raise(
        examination=examination, by=erik, category="reproductions", message="", designs=[2]
    )
    services.invitation_send(examination=examination, by=erik)
    client.force_login(alice)
    replacement = SimpleUploadedFile("new.jpg", jpeg(size=(900, 700)), "image/jpeg")
    client.post(
        reverse("submissions:respond", args=[submission.number, 1]),
        {"reproduction_2_1": replacement, "confirm": "on"},
    )
    (response,) = Response.objects.all()
    services.irregularities_accept(examination=examination, by=erik, irregularity_ids=[row.pk])
    account = CurrentAccount.objects.create(
        number="CA-1", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )
    payment_create(
        submission=submission, user=alice, method=PaymentMethod.CURRENT_ACCOUNT, account=account
    )
    examination = Examination.objects.select_related("submission").get(pk=submission.pk)
    registered = services.examination_register(examination=examination, by=erik)
    _, reader = certificate(registered)
    assert len(images(reader)) == 4
    replaced = response.document["designs"][1]["reproductions"][0]["sha256"]
    assert replaced not in {f["sha256"] for f in submission.files}
