"""After registration or abandonment the application's page still links to every letter the
International Bureau sent (invitations, reminders, the certificate of registration, the notice of
abandonment), for whoever may see the application; nobody else gets them (404)."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from hague_portal.examination import services
from hague_portal.examination.models import Examination
from hague_portal.hague.clock import GENEVA
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from tests.submissions.conftest import make_draft, submit

K = NotificationKind


def geneva(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=GENEVA)


def invite(examination, erik, category, **fields):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        services.irregularity_raise(
            examination=examination, by=erik, category=category, message="", **fields
        )
        services.invitation_send(examination=examination, by=erik)
    with time_machine.travel(geneva(date(2027, 2, 1)), tick=False):
        services.examinations_remind()  # one month before the time limit of 1 March 2027


@pytest.fixture
def account(alice):
    return CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )


@pytest.fixture
def registered(filed, erik, alice, account):
    """Invited to pay 50 CHF more, reminded, paid (which remedies it), registered."""
    invite(filed, erik, "fees", amount="50.00")
    payment_create(
        submission=filed.submission,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )
    examination = Examination.objects.select_related("submission").get(pk=filed.pk)
    return services.examination_register(examination=examination, by=erik)


@pytest.fixture
def abandoned(filed, erik):
    invite(filed, erik, "reproductions", designs=[1])
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        assert services.examinations_lapse().abandoned == 1
    return Examination.objects.select_related("submission").get(pk=filed.pk)


def page(client, user, examination) -> str:
    client.force_login(user)
    return client.get(
        reverse("submissions:detail", args=[examination.submission.number])
    ).content.decode()


def letters_section(html: str) -> str:
    return re.search(r'data-testid="letters">(.*?)</ul>', html, re.S).group(1)


def notices(examination, kind):
    return Notification.objects.filter(submission=examination.submission, kind=kind)


def test_after_registration_the_page_links_every_letter_and_the_certificate(
    client, alice, registered
):
    html = page(client, alice, registered)
    number = registered.submission.number
    section = letters_section(html)
    for kind in (K.INVITATION, K.REMINDER, K.REMEDIED, K.REGISTERED):
        (notice,) = notices(registered, kind)
        assert reverse("submissions:notice", args=[number, notice.pk]) in section
    (certificate,) = notices(registered, K.REGISTERED)
    certificate_url = reverse("submissions:notice_pdf", args=[number, certificate.pk])
    assert f'href="{certificate_url}" data-testid="certificate"' in html
    response = client.get(certificate_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    (invitation,) = notices(registered, K.INVITATION)
    assert reverse("submissions:notice_pdf", args=[number, invitation.pk]) in section


def test_after_abandonment_the_page_links_the_invitation_reminder_and_notice(
    client, alice, abandoned
):
    section = letters_section(page(client, alice, abandoned))
    number = abandoned.submission.number
    for kind in (K.INVITATION, K.REMINDER, K.ABANDONED):
        (notice,) = notices(abandoned, kind)
        assert reverse("submissions:notice", args=[number, notice.pk]) in section
    (notice,) = notices(abandoned, K.ABANDONED)
    pdf = client.get(reverse("submissions:notice_pdf", args=[number, notice.pk]))
    assert pdf.status_code == 200
    reminder = notices(abandoned, K.REMINDER).get()
    text = client.get(reverse("submissions:notice", args=[number, reminder.pk])).content.decode()
    assert reminder.title in text and "one month" in text.lower()


def test_a_letter_opens_for_whoever_may_see_the_application_even_if_not_sent_to_them(
    client, erik, abandoned
):
    # Staff were never recipients (the International Bureau sends, it does not receive).
    (notice,) = notices(abandoned, K.ABANDONED)
    client.force_login(erik)
    url = reverse("submissions:notice_pdf", args=[abandoned.submission.number, notice.pk])
    assert client.get(url).status_code == 200


def test_an_outsider_gets_404_for_the_letters_of_an_application(client, charlie, abandoned):
    (notice,) = notices(abandoned, K.ABANDONED)
    client.force_login(charlie)
    number = abandoned.submission.number
    assert client.get(reverse("submissions:notice", args=[number, notice.pk])).status_code == 404
    assert (
        client.get(reverse("submissions:notice_pdf", args=[number, notice.pk])).status_code == 404
    )


def test_a_letter_of_another_application_is_404_under_this_one(client, alice, abandoned):
    other = submit(make_draft(alice), alice)
    (notice,) = notices(abandoned, K.ABANDONED)
    client.force_login(alice)
    url = reverse("submissions:notice_pdf", args=[other.number, notice.pk])
    assert client.get(url).status_code == 404
