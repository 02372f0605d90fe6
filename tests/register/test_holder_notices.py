"""What reaches the holder after registration (issue 22): each Office's decision as a
notification in the inbox and an e-mail with the signed link, in the application's language;
the webhook `designation.changed`; the audit trail and the timeline word each event."""

from datetime import date

import pytest
from django.core import mail
from django.utils import translation

from hague_portal.api.models import Webhook, WebhookDelivery
from hague_portal.events.models import Event
from hague_portal.examination.event_words import event_line
from hague_portal.examination.selectors import examination_timeline
from hague_portal.notifications.models import Notification, NotificationKind, Recipient
from hague_portal.notifications.services import notification_email_deliver
from hague_portal.register import services

from .conftest import register_application

PUBLISHED = date(2027, 1, 5)


def publish(registration):
    services.registrations_publish(today=PUBLISHED)
    registration.refresh_from_db()
    return registration


def refuse(registration, by, designs=(2,)):
    return services.refusal_notify(
        designation=registration.designations.get(party="US"),
        by=by,
        designs=list(designs),
        grounds="The design lacks novelty over US D900,001.",
        provisions="35 U.S.C. 171",
        review_time_limit=date(2027, 5, 3),
        review_authority="USPTO, Patent Trial and Appeal Board",
        today=date(2027, 2, 1),
    )


@pytest.fixture
def french(alice, erik, media, reference_db):  # noqa: F811 - fixtures of the register conftest
    """Alice's registration, filed in French."""
    return register_application(alice, erik, language="fr")


def test_a_refusal_reaches_the_holders_inbox_and_email_in_french_with_the_copy(
    french, olivia, alice
):
    refuse(publish(french), olivia)
    notice = Notification.objects.get(kind=NotificationKind.REFUSED)
    title = f"Refus par US : enregistrement international {french.number}"
    assert notice.title == title
    assert "US D900,001" in notice.body and "3 mai 2027" in notice.body  # French dates
    assert notice.pdf.name.endswith(".pdf")
    with notice.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    recipient = Recipient.objects.get(notification=notice)
    assert recipient.user == alice
    assert notification_email_deliver(recipient_id=recipient.pk) == "sent"
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert title in message.subject
    assert "/inbox/link/" in message.body  # the signed link to the copy of the refusal


def test_publication_tells_the_holder_each_refusal_period(registered, alice):
    publish(registered)
    notice = Notification.objects.get(kind=NotificationKind.PUBLISHED)
    assert "US: 5 January 2028" in notice.body and "CH: 5 July 2027" in notice.body


@pytest.mark.parametrize(
    "act, kind",
    [
        (lambda d, o: services.grant_state(designation=d, by=o, today=date(2027, 2, 1)), "granted"),
        (
            lambda d, o: services.second_part_due(designation=d, by=o, today=date(2027, 2, 1)),
            "second_part_due",
        ),
    ],
)
def test_each_decision_is_a_notification(registered, olivia, act, kind):
    act(publish(registered).designations.get(party="US"), olivia)
    assert Notification.objects.filter(kind=kind).count() == 1


def test_protection_at_the_end_of_the_period_and_a_cancellation_are_told(registered, olivia):
    publish(registered)
    services.designations_protect(today=date(2027, 7, 6))
    assert Notification.objects.filter(kind=NotificationKind.PROTECTED).count() == 2  # CH, EM
    services.second_part_due(
        designation=registered.designations.get(party="US"), by=olivia, today=date(2027, 3, 1)
    )
    services.second_parts_lapse(today=date(2027, 6, 2))
    cancelled = Notification.objects.get(kind=NotificationKind.CANCELLED)
    assert "1 June 2027" in cancelled.body


def test_a_webhook_hears_designation_changed(registered, olivia, alice):
    hook = Webhook.objects.create(
        user=alice, url="https://example.test/hook", secret="s", events=["designation.changed"]
    )
    refuse(publish(registered), olivia)
    (delivery,) = WebhookDelivery.objects.filter(webhook=hook)
    assert delivery.event == "designation.changed"
    data = delivery.payload["data"]
    assert (data["registration"], data["party"], data["status"]) == (
        registered.number,
        "US",
        "refused",
    )
    assert data["designs"] == [2]


def test_the_audit_trail_and_the_timeline_word_the_decisions(registered, olivia):
    refuse(publish(registered), olivia)
    event = Event.objects.get(kind="designation.refused")
    with translation.override("es"):
        assert "3 de mayo de 2027" in event_line(event)
    assert event_line(event) == (
        "US: refusal notified for designs 2 (Rule 18); review or appeal by 3 May 2027"
    )
    steps = examination_timeline(submission=registered.examination.submission, for_staff=False)
    assert [s.kind for s in steps][-1] == "designation"
    assert "refusal notified" in steps[-1].lines[0]
