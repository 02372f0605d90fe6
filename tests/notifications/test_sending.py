"""Who receives a notification, and its e-mail alert: once per recipient, a signed link, the PDF
attached only on request, nothing lost when the broker was not told."""

import re

import pytest
from django.core import mail

from hague_portal.mail.models import EmailStatus, OutgoingEmail
from hague_portal.notifications.links import link_read
from hague_portal.notifications.models import Recipient
from hague_portal.notifications.services import (
    notification_email_deliver,
    notification_emails_resend,
    preference_update,
)

from .conftest import notify

pytestmark = pytest.mark.django_db


def recipients_of(notification) -> set[str]:
    return set(
        Recipient.objects.filter(notification=notification).values_list("user__email", flat=True)
    )


def test_recipients_are_the_creator_and_every_member_of_the_clients_firm(
    acme_filing, sent, bob, vera, fiona, charlie, erik
):
    notification = sent(acme_filing)
    assert recipients_of(notification) == {bob.email, vera.email, fiona.email}
    assert not Recipient.objects.filter(user__in=[charlie, erik]).exists()


def test_an_applicant_filing_for_itself_is_the_only_recipient(alice_filing, sent, alice):
    assert recipients_of(sent(alice_filing)) == {alice.email}


def test_a_staff_member_of_the_firm_receives_nothing(acme_filing, sent, erik, bobs_firm):
    from tests.factories import MembershipFactory

    MembershipFactory(firm=bobs_firm, user=erik)
    assert erik.email not in recipients_of(sent(acme_filing))


def test_each_recipient_gets_one_email_with_the_number_and_a_link_to_the_inbox_entry(
    acme_filing, sent
):
    notification = sent(acme_filing)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(recipients_of(notification))
    message = mail.outbox[0]
    assert acme_filing.number in message.subject
    assert notification.body in message.body
    assert f"http://127.0.0.1:8000/inbox/{notification.pk}/" in message.body
    rows = OutgoingEmail.objects.filter(name="notification", submission=acme_filing)
    assert {row.status for row in rows} == {EmailStatus.SENT}


def test_running_the_alert_task_twice_sends_no_second_email(acme_filing, sent):
    sent(acme_filing)
    count = len(mail.outbox)
    for recipient in Recipient.objects.all():
        assert notification_email_deliver(recipient_id=recipient.pk) == "sent already"
    assert len(mail.outbox) == count


def test_the_email_carries_a_signed_link_for_its_recipient_and_no_attachment(
    alice_filing, sent, alice
):
    notification = sent(alice_filing)
    (message,) = mail.outbox
    token = re.search(r"http://127\.0\.0\.1:8000/inbox/link/(\S+?)/", message.body).group(1)
    target = link_read(token)
    assert (target.notification_id, target.user_id) == (notification.pk, alice.pk)
    assert message.attachments == []
    assert "expires after 14 days" in message.body


def test_with_attachments_chosen_the_email_carries_exactly_one_pdf(alice_filing, sent, alice):
    preference_update(user=alice, email_attachments=True)
    sent(alice_filing)
    (message,) = mail.outbox
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == f"{alice_filing.number}-letter.pdf"
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_a_notification_without_pdf_has_no_download_link(alice_filing, sent, alice):
    preference_update(user=alice, email_attachments=True)
    sent(alice_filing, pdf=False)
    (message,) = mail.outbox
    assert "/inbox/link/" not in message.body and message.attachments == []


def test_alerts_never_handed_to_the_broker_are_sent_by_the_beat_resend(
    acme_filing, eager_alerts, django_capture_on_commit_callbacks
):
    # The transaction committed but its after-commit sending never ran (process died, broker
    # down): the rows wait, pending.
    with django_capture_on_commit_callbacks(execute=False):
        notify(acme_filing)
    assert mail.outbox == []
    assert notification_emails_resend() == 3
    assert len(mail.outbox) == 3
    assert notification_emails_resend() == 0  # all sent: nothing to re-send
    assert len(mail.outbox) == 3


def test_the_acknowledgement_and_the_alerts_of_one_application_are_separate_rows(
    alice_filing, sent
):
    from hague_portal.submissions.pipeline import submission_acknowledge

    sent(alice_filing)
    sent(alice_filing, title="Time limit reminder")
    submission_acknowledge(alice_filing)
    keys = sorted(
        OutgoingEmail.objects.filter(submission=alice_filing).values_list("key", flat=True)
    )
    assert keys[0] == "" and len(keys) == 3 and all(k.startswith("n") for k in keys[1:])
    assert len(mail.outbox) == 3
