"""Sending an e-mail as a row: once (`email_send_once`, for the jobs' and notifications' e-mails,
claimed with a conditional UPDATE), or right after commit (`email_send_after_commit`, for the
invitations of firms and sharing)."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from hague_portal.lib import emails

from .models import EmailStatus, OutgoingEmail

# An e-mail claimed this long ago and not marked sent: its sender died; send it again.
EMAIL_SENDING_STALE = timedelta(minutes=10)


def email_send_once(*, submission, email: emails.Email, key: str = "") -> OutgoingEmail:
    """Send an e-mail recorded as a row, at most once per (submission, name, key); `key` tells
    apart several e-mails of one name about one submission (a notification's alert to each
    recipient), "" for the one-off ones (the acknowledgement).

    The row is claimed PENDING/FAILED -> SENDING with a conditional UPDATE before sending and
    marked SENT after, so two runs cannot both send. If the sender dies between the SMTP server
    accepting the message and the UPDATE to SENT (milliseconds), the row is reclaimed after
    EMAIL_SENDING_STALE and sent again with the same Message-ID; no protocol closes that gap.
    """
    row = _email_row(submission, email, key)
    if row.status == EmailStatus.SENT:
        return row
    now = timezone.now()
    claimable = Q(status__in=[EmailStatus.PENDING, EmailStatus.FAILED]) | Q(
        status=EmailStatus.SENDING, claimed_at__lt=now - EMAIL_SENDING_STALE
    )
    if not OutgoingEmail.objects.filter(claimable, pk=row.pk).update(
        status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    ):
        raise EmailBusy(f"{row} is being sent by another worker")
    try:
        rendered = emails.send(email, message_id=row.message_id)
    except Exception as exc:
        OutgoingEmail.objects.filter(pk=row.pk).update(
            status=EmailStatus.FAILED, last_error=str(exc)[:2000]
        )
        raise
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), subject=rendered.subject[:300]
    )
    row.refresh_from_db()
    return row


class EmailBusy(Exception):
    """Retryable: another worker holds the e-mail right now."""


def _email_row(submission, email: emails.Email, key: str) -> OutgoingEmail:
    try:
        row, _ = OutgoingEmail.objects.get_or_create(
            submission=submission,
            name=email.name,
            key=key,
            defaults={"to": email.to, "message_id": emails.new_message_id()},
        )
    except IntegrityError:  # created concurrently by a duplicate run
        row = OutgoingEmail.objects.get(submission=submission, name=email.name, key=key)
    return row


def email_send_after_commit(*, name: str, to: str, key: str, context: dict) -> None:
    """Record the e-mail (an OutgoingEmail row, as every e-mail the portal sends) and send it
    once the transaction has committed; a failure is kept on the row for staff to see."""
    message_id = emails.new_message_id()
    row = OutgoingEmail.objects.create(name=name, key=key, to=to, message_id=message_id)

    def send():
        try:
            rendered = emails.send(emails.Email(name, to, context), message_id=message_id)
        except Exception as exc:  # noqa: BLE001 - an SMTP failure must not fail the page
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=EmailStatus.FAILED, attempts=1, last_error=str(exc)[:2000]
            )
            return
        OutgoingEmail.objects.filter(pk=row.pk).update(
            status=EmailStatus.SENT, attempts=1, subject=rendered.subject, sent_at=timezone.now()
        )

    transaction.on_commit(send)
