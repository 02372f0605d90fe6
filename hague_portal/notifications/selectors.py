"""Reads of notifications: who receives one, a user's inbox, the header's unread count."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from .models import Notification, Preference, Recipient


def notification_entitled_users(*, submission):
    """Who is entitled to see the application now, and so receives its notifications: its
    creator (while the creator may still see it) and every member, whatever the role, of the
    client's firm. Never staff: the International Bureau sends, it does not receive."""
    from hague_portal.accounts.models import User
    from hague_portal.submissions.selectors import holder_moved, submissions_visible_to

    creator = submission.created_by
    creator_sees = submissions_visible_to(user=creator).filter(pk=submission.pk).exists()
    moved = holder_moved(submission)
    if moved is not None:  # issue 23: since a change in ownership, the new holder only
        owner_user, owner_client = moved
        entitled = Q(pk=owner_user) if owner_user else Q(pk__in=[])
        if owner_client:
            entitled |= Q(memberships__firm__clients=owner_client)
    else:
        entitled = Q(pk=creator.pk) if creator_sees else Q(pk__in=[])
        if submission.client_id is not None:
            entitled |= Q(memberships__firm_id=submission.client.firm_id)
    users = User.objects.filter(entitled, is_active=True, is_staff=False)
    return users.distinct().order_by("pk")


def inbox_for_user(*, user, unread_only: bool = False, application: str = ""):
    """The user's notifications, newest first: one index scan of the user's rows, the
    notification and its application's number joined; the same queries whatever their number."""
    rows = (
        Recipient.objects.filter(user=user)
        .select_related("notification__submission")
        .only(
            "read_at",
            "created_at",
            "notification__created_at",
            "notification__title",
            "notification__kind",
            "notification__pdf",
            "notification__submission__number",
        )
        .order_by("-created_at", "-id")  # the index recipient_inbox(_unread)
    )
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    if application:
        rows = rows.filter(notification__submission__number=application)
    return rows


def recipient_get_for_user(*, user, notification_id: int) -> Recipient:
    """The user's copy of a notification, or 404: only its recipients may open it (staff see
    what was sent in the admin, not through the inbox)."""
    recipient = (
        Recipient.objects.select_related("notification__submission")
        .filter(user=user, notification_id=notification_id)
        .first()
    )
    if recipient is None:
        raise Http404("No such notification.")
    return recipient


def unread_count(*, user) -> int:
    """One count on the partial index of unread rows (recipient_inbox_unread)."""
    return Recipient.objects.filter(user=user, read_at__isnull=True).count()


def preference_for(*, user) -> Preference:
    """The user's choice, or the default (links only) unsaved."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def notifications_of_application(*, submission) -> list[Notification]:
    """What the International Bureau sent about the application, oldest first: its letters and
    notices (invitations, reminders, the certificate of registration, the notice of abandonment
    ...). The application's page lists them for whoever may see the application, whether or not
    they were among the recipients when it was sent, and whatever happened since."""
    return list(
        Notification.objects.filter(submission=submission)
        .only("kind", "title", "pdf", "created_at", "submission_id")
        .order_by("created_at", "id")
    )


def notification_of_application(*, submission, notification_id: int) -> Notification:
    """One of them, or 404 (a notification of another application included)."""
    notification = Notification.objects.filter(submission=submission, pk=notification_id).first()
    if notification is None:
        raise Http404("No such letter for this application.")
    return notification
