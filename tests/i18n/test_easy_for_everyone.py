"""English no longer left in the French and Spanish portal (issue 20): the History of a filed
application, a draft's automatic title, import errors, the invitation's letter and e-mail, the
sign-up e-mail and the fee tables of the PDFs, each in the reader's (or the application's)
language, with one number format per language."""

import io
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from hague_portal.examination import services
from hague_portal.filings.services import draft_create
from hague_portal.notifications.models import Notification, Recipient
from hague_portal.notifications.services import notification_email_deliver
from hague_portal.payments import services as payments
from hague_portal.payments.models import PaymentMethod
from hague_portal.submissions.models import Submission
from hague_portal.submissions.pipeline import submission_render_dm1, submission_render_receipt
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    no_broker,
    reference_db,
    submit,
)

from .support import english_leftovers, fetch
from .test_examination import filed_in, invite

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "es")


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def history(html: str) -> str:
    start = html.index('data-testid="history"')
    return "<table " + html[start : html.index("</table>", start) + 8]


# --- the History table of a filed application --------------------------------------------------


@pytest.fixture
def examined(alice, erik, media, reference_db):  # noqa: F811
    """Alice's application, filed in English: paid, invited, its irregularity accepted."""
    examination = filed_in("en", alice)
    payments.payment_create(
        submission=examination.submission, user=alice, method=PaymentMethod.CARD,
        card_number="4242424242424242",
    )  # fmt: skip
    invite(examination, erik)
    services.irregularities_accept(
        examination=examination,
        by=erik,
        irregularity_ids=examination.submission.irregularities.values_list("pk", flat=True),
    )
    return examination


def test_the_history_of_a_filed_application_speaks_the_reader_s_language(client, alice, examined):
    client.force_login(alice)
    number = examined.submission.number
    url = reverse("submissions:detail", args=[number])
    english = history(fetch(client, url, "en").content.decode())
    assert f"International application {number} filed" in english
    for language in LANGUAGES:
        page = history(fetch(client, url, language).content.decode())
        assert not english_leftovers(english, page, language, [number]), language
    french = history(fetch(client, url, "fr").content.decode())
    spanish = history(fetch(client, url, "es").content.decode())
    assert f"Demande internationale {number} déposée" in french
    assert f"Solicitud internacional {number} presentada" in spanish
    assert "Invitation 1 envoyée : 1 irrégularité à corriger" in french
    assert re.search(r"Paiement \S+ de [\d  ]+,\d\d CHF reçu", french)


def test_the_stored_summary_stays_the_english_record(alice, examined):
    summaries = examined.submission.events.values_list("summary", flat=True)
    assert f"International application {examined.submission.number} filed" in summaries


def test_the_examiner_s_audit_trail_speaks_the_examiner_s_language(examined):
    from hague_portal.examination.admin_page import _events

    with translation.override("es"):
        texts = [entry["text"] for entry in _events(examined.submission)]
    assert any(text.startswith("Solicitud internacional") for text in texts)
    assert any(text.startswith("Invitación 1 enviada") for text in texts)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/submissions/submission/",
        "/admin/submissions/irregularity/",
        "/admin/submissions/job/",
        "/admin/mail/outgoingemail/",
    ],
)
def test_the_admin_lists_an_examiner_reads_are_in_french_and_spanish(
    client, password, examined, url
):
    from tests.examination.admin_helpers import sign_in_with_totp, staff_in

    from .support import assert_translated

    examiner = staff_in("Examiner", "emma@wipo.test", "Emma Examiner")
    sign_in_with_totp(client, examiner, password)
    number = examined.submission.number
    # An outgoing e-mail's name ("notification") is its template's, the same in every language.
    allow = [number, re.compile(r"^(Search|notification)$"), "Emma Examiner", "Erik Examiner"]
    assert_translated(client, url, allow=allow, within=("title", "main"))


# --- a draft's automatic title ----------------------------------------------------------------


def test_an_automatic_draft_title_is_in_the_reader_s_language(client, alice, reference_db):  # noqa: F811
    draft = draft_create(user=alice, language="en")  # its title stored in English
    client.force_login(alice)
    url = reverse("filings:overview", args=[draft.id])
    expected = {"fr": "Nouvelle demande", "es": "Nueva solicitud"}
    for language in LANGUAGES:
        page = fetch(client, url, language).content.decode()
        assert expected[language] in page and "New application" not in page, language
    workbench = fetch(client, reverse("workbench"), "fr").content.decode()
    assert "Nouvelle demande" in workbench and "New application" not in workbench


def test_a_title_from_the_products_is_kept_as_it_is(alice):
    from hague_portal.filings.models import title_for_reader

    with translation.override("fr"):
        assert title_for_reader("Application: chair") == "Application: chair"
        assert title_for_reader("Nueva solicitud") == "Nouvelle demande"
        assert title_for_reader("ACME: new application") == "ACME : nouvelle demande"


# --- import errors ----------------------------------------------------------------------------

BAD_DOCUMENT = {
    "schema": "hague-portal/application@1",
    "designs": [{"number": 1, "product": "chair"}, {"number": 2, "locarno": 6}],
    "designation": ["CH"],
}


def _import(client, content: bytes, language: str):
    upload = SimpleUploadedFile("application.json", content, content_type="application/json")
    client.cookies["django_language"] = language
    try:
        return client.post(
            reverse("filings:import"), {"document": upload}, HTTP_ACCEPT_LANGUAGE=language
        )
    finally:
        del client.cookies["django_language"]


def _errors(html: str) -> str:
    start = html.index("data-error-summary")
    return "<div " + html[start : html.index("</div>", start) + 6]


def test_import_errors_say_what_is_wrong_in_words_with_the_path(client, alice, reference_db):  # noqa: F811
    client.force_login(alice)
    content = json.dumps(BAD_DOCUMENT).encode()
    english = _errors(_import(client, content, "en").content.decode())
    assert "designs › 2 › locarno</code>: expected a text in quotes, got a number" in english
    assert "designation</code>: unknown key" in english
    for language in LANGUAGES:
        response = _import(client, content, language)
        assert response.status_code == 400
        page = _errors(response.content.decode())
        assert not english_leftovers(english, page, language), language
        assert "designs › 2 › locarno" in page
    french = _errors(_import(client, content, "fr").content.decode())
    assert "un texte entre guillemets attendu, reçu : un nombre" in french
    assert "clé inconnue" in french and "vouliez-vous dire" in french


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG", "no es texto (UTF-8)"),
        (b'{"schema": ', "en la línea 1, columna 12"),
        (b"[1, 2]", "se espera un objeto { … }"),
        (b'{"designs": [{"product": ""}]}', "schema</code>: este campo es obligatorio"),
    ],
    ids=["not-text", "broken-json", "not-an-object", "required"],
)
def test_a_file_that_is_no_application_is_said_so_in_spanish(
    client,
    alice,
    reference_db,  # noqa: F811
    content,
    expected,
):
    client.force_login(alice)
    page = _import(client, content, "es").content.decode()
    assert expected in page
    assert "Traceback" not in page and "Expecting" not in page


# --- the invitation: its letter and e-mail ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invitation_e_mail_has_no_stray_parenthesis(language, alice, erik, media, reference_db):  # noqa: F811
    examination = filed_in(language, alice)
    invite(examination, erik)
    notification = Notification.objects.get(submission=examination.submission)
    recipient = Recipient.objects.get(notification=notification, user=alice)
    notification_email_deliver(recipient_id=recipient.pk)
    (email,) = mail.outbox
    for text in (notification.body, email.body):
        assert text.count("(") == text.count(")"), text


def test_a_spanish_letter_says_afectado_when_no_design_is_ticked(alice, erik, media, reference_db):  # noqa: F811
    examination = filed_in("es", alice)
    services.irregularity_raise(
        examination=examination, by=erik, category="product", message="", designs=[]
    )
    invitation = services.invitation_send(examination=examination, by=erik)
    letter = pdf_text(invitation.letter_pdf)
    assert "del dibujo o modelo afectado" in letter
    assert "concerned" not in letter and "design " not in letter


# --- the sign-up e-mail -----------------------------------------------------------------------


def _signup(client, email: str, language: str):
    client.cookies["django_language"] = language
    response = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-unusual-pass-9",
            "password2": "a-long-unusual-pass-9",
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302
    return mail.outbox[-1]


def test_the_sign_up_e_mail_names_the_portal_in_the_reader_s_language(client):
    english = _signup(client, "en@example.test", "en")
    assert "Hague Portal" in english.body and "testserver" not in english.body.split("\n")[0]
    names = {"fr": "Portail de La Haye", "es": "Portal de La Haya"}
    for language in LANGUAGES:
        client.logout()
        email = _signup(client, f"{language}@example.test", language)
        assert names[language] in email.body
        assert "Hello from" not in email.body and "Hola de parte de testserver" not in email.body
        for part in ("subject", "body"):
            found = english_leftovers(
                f"<p>{getattr(english, part)}</p>",
                f"<p>{getattr(email, part)}</p>",
                language,
                [re.compile(r"https?://\S+"), "en@example.test", f"{language}@example.test"],
            )
            assert not found, (language, part, found)
    assert "vete a" not in email.body and "tu " not in email.body  # usted, not tú


# --- fee tables in the PDFs -------------------------------------------------------------------

DOT_AMOUNT = re.compile(r"(?<![\d.,])\d{2,}\.\d{2}(?![\d.])")  # 397.00, not 07.12.2026


@pytest.mark.parametrize(("language", "basic"), [("fr", "397,00"), ("es", "397,00")])
def test_a_fee_table_pdf_uses_one_number_format(language, basic, alice, media, reference_db):  # noqa: F811
    examination = filed_in(language, alice)
    Submission.objects.filter(pk=examination.pk).update(dm1_pdf="", receipt_pdf="")
    submission = Submission.objects.get(pk=examination.pk)
    submission_render_receipt(submission)
    submission_render_dm1(submission)
    for text in (pdf_text(submission.receipt_pdf), pdf_text(submission.dm1_pdf)):
        assert basic in text
        assert not DOT_AMOUNT.findall(text), DOT_AMOUNT.findall(text)


def test_amounts_follow_the_reader_s_language():
    from hague_portal.lib.numbers import amount_text

    with translation.override("en"):
        assert amount_text("1547.5", "CHF") == "1,547.50 CHF"
    with translation.override("fr"):
        assert amount_text("397") == "397,00"


# --- Spanish says usted -----------------------------------------------------------------------

# Forms of "tú" (its pronouns and the imperatives the catalogues used): the portal says "usted".
TU = re.compile(
    r"\b(tu|tus|te|ti|contigo|puedes|tienes|debes|quieres|estás|has|introduce|introdúcelo|elige|"
    r"pulsa|haz|vete|regístrate|decides|inicies|vuelve aquí)\b",
    re.IGNORECASE,
)


def test_the_spanish_catalogue_says_usted():
    import polib
    from django.conf import settings

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/es/LC_MESSAGES/django.po"))
    found = [
        (entry.msgid[:60], text[:80])
        for entry in catalogue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if text and TU.search(text)
    ]
    assert not found, found


def test_the_sign_in_pages_say_usted_where_allauth_says_tu():
    from hague_portal.accounts.allauth_words import ALLAUTH_USTED

    with translation.override("es"):
        said = {msgid: translation.gettext(msgid) for msgid in ALLAUTH_USTED}
    assert all(text != msgid for msgid, text in said.items())
    assert not [text for text in said.values() if TU.search(text)]


def test_the_verification_page_after_signing_up_says_usted(client):
    _signup(client, "nuevo@example.test", "es")
    page = fetch(client, reverse("account_email_verification_sent"), "es").content.decode()
    assert "Le hemos enviado un correo electrónico de verificación" in page
    assert not TU.search(page.split("<main", 1)[-1].split("</main>", 1)[0])
