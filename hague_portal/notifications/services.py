"""Writes of notifications: send one (inbox rows and an e-mail alert per recipient), mark read,
the user's e-mail preference, and the delivery of the alerts.

    # inside an examination service's transaction:
    notification_send(submission=s, kind=NotificationKind.INVITATION, title=..., body=...,
                      pdf=letter_bytes, pdf_name="WIPO000123-invitation-1.pdf")

Every alert is an OutgoingEmail row created in the same transaction as the notification, sent
by a Celery task after commit; `notification_emails_resend` (beat) re-sends what the broker
never got, and `email_send_once` makes a second run a no-op, so an alert is neither lost nor
sent twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from hague_portal.lib import emails
from hague_portal.mail.models import EmailStatus, OutgoingEmail
from hague_portal.mail.services import EMAIL_SENDING_STALE, email_send_once
from hague_portal.submissions.selectors import application_language

from .links import link_token
from .models import Notification, Preference, Recipient
from .selectors import notification_entitled_users, preference_for

logger = logging.getLogger(__name__)

EMAIL_NAME = "notification"  # templates/emails/notification/
# An alert sent to the broker this long ago and still not sent: the message was lost.
STALE_ENQUEUED = timedelta(minutes=5)
# A failing mail server is retried by the task (about 20 minutes), then by the re-send task,
# each time counting one attempt, up to this many.
EMAIL_MAX_ATTEMPTS = 20


# --- send --------------------------------------------------------------------------------------


def notification_send(
    *,
    submission,
    kind: str,
    title: str,
    body: str,
    pdf: bytes | None = None,
    pdf_name: str = "",
    event=None,
    also=(),
) -> Notification:
    """The notification, a Recipient per user entitled to see the application now, and an
    e-mail alert (a row, sent after commit) to each. Joins the caller's transaction. `event`:
    the event of the stream it tells of (the webhooks consumer reads it from there)."""
    with transaction.atomic():
        notification = Notification(
            submission=submission,
            kind=kind,
            title=title[:300],
            body=body,
            created_at=timezone.now(),
            event=event,
        )
        if pdf:
            notification.pdf.save(pdf_name or f"{kind}.pdf", ContentFile(pdf), save=False)
        notification.save()
        users = list(notification_entitled_users(submission=submission))
        # `also`: told of this event besides them (issue 23: a former holder of its transfer).
        users += [u for u in also if u.pk not in {e.pk for e in users}]
        recipient_ids = _recipients_create(notification, users)
        transaction.on_commit(lambda: notification_emails_enqueue(recipient_ids=recipient_ids))
    return notification


def _recipients_create(notification: Notification, users: list) -> list[int]:
    rows = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            submission_id=notification.submission_id,
            name=EMAIL_NAME,
            key=f"n{notification.pk}:u{user.pk}",
            to=user.email,
            message_id=emails.new_message_id(),
        )
        for user in users
    )
    recipients = Recipient.objects.bulk_create(
        Recipient(
            notification=notification, user=user, email=row, created_at=notification.created_at
        )
        for user, row in zip(users, rows, strict=True)
    )
    return [recipient.pk for recipient in recipients]


# --- a member leaves a firm ---------------------------------------------------------------------


def firm_member_remove(*, membership, by) -> None:
    """A member removed from a firm (accounts.services_firm.member_remove), and their
    notifications about the firm's clients' applications with them: their PDFs carry the
    clients' data, and the inbox must not outlive the access."""
    from hague_portal.accounts.services_firm import member_remove

    with transaction.atomic():
        member_remove(membership=membership, by=by)
        Recipient.objects.filter(
            user_id=membership.user_id, notification__submission__client__firm=membership.firm
        ).delete()


# --- read state and preference -----------------------------------------------------------------


def notification_mark_read(*, recipient: Recipient) -> bool:
    """Opened or downloaded: read (the first time only; the date it was first read stays)."""
    now = timezone.now()
    updated = Recipient.objects.filter(pk=recipient.pk, read_at__isnull=True).update(read_at=now)
    if updated:
        recipient.read_at = now
    return bool(updated)


def notifications_mark_all_read(*, user) -> int:
    return Recipient.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_update(*, user, email_attachments: bool) -> Preference:
    preference, _ = Preference.objects.update_or_create(
        user=user, defaults={"email_attachments": email_attachments}
    )
    return preference


# --- e-mail alerts -----------------------------------------------------------------------------


def notification_emails_enqueue(*, recipient_ids) -> int:
    """Send each alert's task to the broker; one the broker refuses waits for the re-send.
    Never raises: the notification stands whatever the broker does."""
    from .tasks import notification_email_task

    sent = 0
    for recipient_id in recipient_ids:
        try:
            notification_email_task.apply_async(args=[recipient_id], retry=False)
        except Exception as exc:  # noqa: BLE001 - any broker failure: the re-send task retries
            logger.warning("alert %s not sent to the broker (%s)", recipient_id, exc)
            continue
        Recipient.objects.filter(pk=recipient_id).update(email_enqueued_at=timezone.now())
        sent += 1
    return sent


def notification_emails_resend() -> int:
    """Beat: re-send the alerts still unsent whose task never reached the broker, or reached
    it a while ago (lost), and those whose sender died mid-send."""
    now = timezone.now()
    unsent = Q(
        email__status__in=(EmailStatus.PENDING, EmailStatus.FAILED),
        email__attempts__lt=EMAIL_MAX_ATTEMPTS,
    ) & (Q(email_enqueued_at__isnull=True) | Q(email_enqueued_at__lt=now - STALE_ENQUEUED))
    stuck = Q(email__status=EmailStatus.SENDING, email__claimed_at__lt=now - EMAIL_SENDING_STALE)
    ids = Recipient.objects.filter(unsent | stuck).values_list("pk", flat=True)
    return notification_emails_enqueue(recipient_ids=list(ids))


def notification_email_deliver(*, recipient_id: int) -> str:
    """Send one recipient's alert, once (safe to run twice: the row is claimed first)."""
    recipient = (
        Recipient.objects.select_related("notification__submission", "user", "email")
        .filter(pk=recipient_id)
        .first()
    )
    if recipient is None or recipient.email is None:
        return "gone"  # the notification or its e-mail row was deleted since
    if recipient.email.status == EmailStatus.SENT:
        return "sent already"
    row = recipient.email
    submission = recipient.notification.submission
    # WIPO writes to the applicant in the application's language: the alert as its notification.
    with translation.override(application_language(submission)):
        email_send_once(submission=submission, email=_alert(recipient), key=row.key)
    return "sent"


def _alert(recipient: Recipient) -> emails.Email:
    """The e-mail: title, body, application number, the inbox entry, and a signed link to the
    PDF that expires; the PDF itself only if the user asked for attachments."""
    notification = recipient.notification
    with_attachment = (
        bool(notification.pdf) and preference_for(user=recipient.user).email_attachments
    )
    return emails.Email(
        name=EMAIL_NAME,
        to=recipient.email.to,
        context={**_alert_context(recipient), "attachments": with_attachment},
        attachments=(_pdf_attachment(notification),) if with_attachment else (),
    )


def link_days() -> int:
    return max(1, settings.NOTIFICATION_LINK_MAX_AGE // 86400)


def _alert_context(recipient: Recipient) -> dict:
    notification = recipient.notification
    site = settings.SITE_URL  # absolute: the e-mail is read outside the portal
    context = {
        "notification": notification,
        "number": notification.submission.number,
        "inbox_url": site + reverse("inbox:detail", args=[notification.pk]),
        "settings_url": site + reverse("inbox:settings"),
        "pdf_url": "",
        "link_days": link_days(),
    }
    if notification.pdf:
        token = link_token(notification_id=notification.pk, user_id=recipient.user_id)
        context["pdf_url"] = site + reverse("inbox:link", args=[token])
    return context


def _pdf_attachment(notification: Notification) -> emails.Attachment:
    with notification.pdf.open("rb") as handle:
        return emails.Attachment(pdf_filename(notification), handle.read())


def pdf_filename(notification: Notification) -> str:
    return notification.pdf.name.rsplit("/", 1)[-1]
