"""After filing in three languages (issue 12): the International Bureau writes to the applicant in
the application's language (the notification, its PDF letter, its e-mail alert); the pages
(inbox, a notification, the respond page, the workbench and its tabs, time limits, the
examiner's queue and examination page) follow the reader's interface language."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from hague_portal.events.models import Event
from hague_portal.examination import services
from hague_portal.examination.models import Examination
from hague_portal.notifications.models import Notification, Recipient
from hague_portal.notifications.services import notification_email_deliver
from hague_portal.submissions.models import Submission
from tests.examination.admin_helpers import QUEUE, page_url, sign_in_with_totp, staff_in
from tests.i18n.support import assert_translated as assert_page_translated
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    reference_db,
    submit,
)

pytestmark = pytest.mark.django_db

# What each language must say in the notification, its letter and its e-mail.
EXPECTED = {
    "en": {
        "title": "Invitation to correct irregularities: application",
        "body": "The International Bureau found 1 irregularity in international application",
        "letter": "Invitation to correct irregularities",
        "letter_rule": "Under Rule 14(1) of the Common Regulations",
        "kind": "Description (Article 5(2))",
        "email": "Read it in your inbox",
    },
    "fr": {
        "title": "Invitation à corriger des irrégularités : demande",
        "body": "Le Bureau international a constaté 1 irrégularité dans la demande internationale",
        "letter": "Invitation à corriger des irrégularités",
        "letter_rule": "En vertu de la règle 14.1) du règlement d'exécution commun",
        "kind": "Description (article 5.2))",
        "email": "La lire dans votre boîte de réception",
    },
    "es": {
        "title": "Invitación a subsanar irregularidades: solicitud",
        "body": "La Oficina Internacional ha constatado 1 irregularidad en la solicitud internacional",
        "letter": "Invitación a subsanar irregularidades",
        "letter_rule": "En virtud de la regla 14.1) del Reglamento Común",
        "kind": "Descripción (artículo 5.2))",
        "email": "Leerla en su bandeja de entrada",
    },
}
MONTHS = {"en": "", "fr": "", "es": " de "}  # "1 March 2027", "1 mars 2027", "1 de marzo de 2027"


def filed_in(language, user):
    """`user`'s filed application, under examination, filed in `language`."""
    submission = submit(make_draft(user, designs=2, views=1), user)
    Submission.objects.filter(pk=submission.pk).update(
        document={**submission.document, "language": language}
    )
    services.examination_checks_done(submission=submission)
    return Examination.objects.select_related("submission").get(pk=submission.pk)


def invite(examination, examiner):
    services.irregularity_raise(
        examination=examination, by=examiner, category="description", message="", parties=["EM"]
    )
    return services.invitation_send(examination=examination, by=examiner)


def pdf_text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_an_invitation_is_written_in_the_application_s_language(
    language,
    alice,
    erik,
    media,  # noqa: F811
    reference_db,  # noqa: F811
):
    examination = filed_in(language, alice)
    invitation = invite(examination, erik)
    expected = EXPECTED[language]

    notification = Notification.objects.get(submission=examination.submission)
    assert notification.title.startswith(expected["title"])
    assert notification.body.startswith(expected["body"])
    letter = pdf_text(notification.pdf)
    assert expected["letter"] in letter and expected["letter_rule"] in letter
    assert expected["kind"] in letter
    assert pdf_text(invitation.letter_pdf) == letter
    if MONTHS[language]:
        assert MONTHS[language] in notification.body  # "1 de marzo de 2027"

    recipient = Recipient.objects.get(notification=notification, user=alice)
    notification_email_deliver(recipient_id=recipient.pk)
    (email,) = mail.outbox
    assert email.subject.startswith(expected["title"])
    assert expected["email"] in email.body and notification.body in email.body
    html = email.alternatives[0][0]
    assert f'<html lang="{language}">' in html and expected["email"] in html


def test_the_message_template_follows_the_application_not_the_examiner(
    alice,
    erik,
    media,  # noqa: F811
    reference_db,  # noqa: F811
):
    examination = filed_in("es", alice)
    invite(examination, erik)  # the examiner's interface: English (the default)
    row = examination.submission.irregularities.get(category="description")
    assert row.message.startswith("Una Parte Contratante designada exige una descripción.")


# --- pages in the reader's language ----------------------------------------------------------


@pytest.fixture
def invited(alice, erik, media, reference_db):  # noqa: F811
    examination = filed_in("en", alice)
    invite(examination, erik)
    return examination


# The same word in French and English; a draft without a title is "Draft <id>" (filings).
SAME_WORDS = ("Notification", re.compile(r"Draft [0-9a-f]{8}"))
# Django's admin writes its search icon's alt ("Search") in English in every language.
ADMIN_FIXED = (re.compile(r"^Search$"),)


def assert_translated(client, url, allow=()):
    """The page's own part (its title and <main>): the navigation and footer are base.html's."""
    assert_page_translated(client, url, allow=allow, within=("title", "main"))


def stored_texts(examination) -> list:
    """What was written once in the application's language (English here): the notifications and
    the irregularities' messages are records, not interface."""
    notifications = Notification.objects.filter(submission=examination.submission)
    said = [text for n in notifications for text in (n.title, n.body)]
    messages = examination.submission.irregularities.values_list("message", flat=True)
    return [*said, *messages, *SAME_WORDS]


def test_the_inbox_and_a_notification_follow_the_reader(client, alice, invited):
    client.force_login(alice)
    notification = Notification.objects.get(submission=invited.submission)
    allow = stored_texts(invited)
    assert_translated(client, reverse("inbox:list"), allow=allow)
    assert_translated(client, reverse("inbox:detail", args=[notification.pk]), allow=allow)
    assert_translated(client, reverse("inbox:settings"), allow=allow)


def test_the_respond_page_follows_the_reader(client, alice, invited):
    client.force_login(alice)
    url = reverse("submissions:respond", args=[invited.submission.number, 1])
    assert_translated(client, url, allow=stored_texts(invited))


@pytest.mark.parametrize("tab", ["all", "drafts", "filed", "irregular", "registered", "abandoned"])
def test_the_workbench_follows_the_reader(client, alice, invited, tab):
    make_draft(alice, designs=1, views=1)
    client.force_login(alice)
    assert_translated(client, reverse("workbench") + f"?tab={tab}", allow=SAME_WORDS)
    assert_translated(client, reverse("portfolio:counts") + f"?tab={tab}", allow=SAME_WORDS)


def test_the_time_limits_follow_the_reader(client, alice, invited):
    client.force_login(alice)
    assert_translated(client, reverse("portfolio:deadlines"), allow=SAME_WORDS)


def test_the_examiner_s_queue_and_page_follow_the_examiner(client, password, invited):
    examiner = staff_in("Examiner", "emma@wipo.test", "Emma Examiner")
    sign_in_with_totp(client, examiner, password)
    # The audit trail's summaries are English records; the page words each event in the
    # examiner's language (issue 20), so they are not allowed here.
    allow = [*stored_texts(invited), *ADMIN_FIXED, "Emma Examiner", "Erik Examiner"]
    assert_translated(client, QUEUE, allow=allow)
    assert_translated(client, page_url(invited), allow=allow)


def test_the_export_s_column_headers_follow_the_reader(client, alice, invited):
    from tests.i18n.support import fetch

    client.force_login(alice)
    url = reverse("portfolio:export")

    def csv_text(language) -> str:  # streamed: written after the view returned
        return b"".join(fetch(client, url, language).streaming_content).decode("utf-8-sig")

    headers = {language: csv_text(language).splitlines()[0] for language in ("en", "fr", "es")}
    assert headers["en"].startswith("Application number,Your reference,Title")
    assert headers["fr"].startswith("Numéro de la demande,")
    assert headers["es"].startswith("Número de la solicitud,")
    assert "Irrégularité : en attente de la réponse du déposant" in csv_text("fr")


def test_the_calendar_speaks_its_owner_s_language(client, alice, invited):
    from hague_portal.portfolio.services import calendar_token_reset

    alice.language = "es"
    alice.save(update_fields=["language"])
    token = calendar_token_reset(user=alice)
    feed = client.get(reverse("portfolio:calendar", args=[token])).content.decode()
    unfolded = feed.replace("\r\n ", "")
    assert "X-WR-CALNAME:Plazos del Portal de La Haya" in unfolded
    assert "Responder a la invitación 1 (irregularidades\\, regla 14.1))" in unfolded


def pay(examination, user):
    from decimal import Decimal

    from hague_portal.payments.models import CurrentAccount, PaymentMethod
    from hague_portal.payments.services import payment_create

    account = CurrentAccount.objects.create(
        number=f"CA-{examination.pk}",
        holder_name="Alice",
        owner_user=user,
        balance=Decimal("10000"),
    )
    payment_create(
        submission=examination.submission,
        user=user,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )


def test_the_registration_certificate_is_in_the_application_s_language(
    alice,
    erik,
    media,  # noqa: F811
    reference_db,  # noqa: F811
):
    examination = filed_in("fr", alice)
    pay(examination, alice)
    registered = services.examination_register(examination=examination, by=erik)
    notice = Notification.objects.get(submission=examination.submission)
    assert notice.title.startswith(f"Enregistrement international {registered.registration_number}")
    assert "Bulletin des dessins et modèles internationaux" in notice.body
    certificate = pdf_text(notice.pdf)
    assert "Numéro de l'enregistrement international" in certificate
    assert "(la date de dépôt)" in certificate


def test_the_notice_of_abandonment_is_in_the_application_s_language(
    alice,
    erik,
    media,  # noqa: F811
    reference_db,  # noqa: F811
):
    from datetime import datetime

    import time_machine

    from hague_portal.hague.clock import GENEVA

    examination = filed_in("es", alice)
    pay(examination, alice)
    with time_machine.travel(datetime(2026, 12, 1, 10, tzinfo=GENEVA), tick=False):
        services.irregularity_raise(
            examination=examination, by=erik, category="reproductions", message="", designs=[1]
        )
        services.invitation_send(examination=examination, by=erik)
    with time_machine.travel(datetime(2027, 3, 2, 10, tzinfo=GENEVA), tick=False):
        assert services.examinations_lapse().abandoned == 1
    notice = Notification.objects.filter(submission=examination.submission).first()
    assert notice.title == f"La solicitud {examination.submission.number} se considera abandonada"
    letter = pdf_text(notice.pdf)
    assert "Solicitud internacional considerada abandonada" in letter
    assert "Reproducciones que faltan o que no se prestan a la reproducción" in letter
    assert "1 de marzo de 2027" in letter  # the time limit: three months from 1 December 2026


def examination_section(html: str) -> str:
    start = html.index('<section id="examination"')
    return html[start : html.index("</section>", start) + 10]


def text_of(html: str) -> str:
    import html as entities

    return entities.unescape(html)


def test_the_application_s_examination_and_timeline_follow_the_reader(client, alice, erik, invited):
    from tests.i18n.support import english_leftovers, fetch

    services.irregularities_accept(
        examination=invited,
        by=erik,
        irregularity_ids=invited.submission.irregularities.values_list("pk", flat=True),
    )
    services.irregularity_raise(
        examination=invited, by=erik, category="claim", message="", parties=["CH"]
    )
    services.invitation_send(examination=invited, by=erik)
    client.force_login(alice)
    url = reverse("submissions:detail", args=[invited.submission.number])
    english = examination_section(fetch(client, url, "en").content.decode())
    assert "Formality checks done; the application is under examination" in text_of(english)
    assert "Accepted: Description (Article 5(2))" in text_of(english)
    summaries = Event.objects.filter(submission=invited.submission).values_list(
        "summary", flat=True
    )
    allow = [*stored_texts(invited), *summaries]
    for language in ("fr", "es"):
        page = examination_section(fetch(client, url, language).content.decode())
        assert not english_leftovers(english, page, language, allow), language
    french = text_of(examination_section(fetch(client, url, "fr").content.decode()))
    assert "Contrôles de forme effectués ; la demande est en cours d'examen" in french
    assert "Acceptées comme corrigées : Description (article 5.2))" in french
