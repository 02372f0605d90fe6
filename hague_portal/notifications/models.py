"""Notifications from the International Bureau to applicants and representatives (eHague:
"receiving and downloading notifications ... with an e-mail alert and a secure download link").

A `Notification` is kept for good (it never expires in the portal) with its PDF; one `Recipient`
row per user who was entitled to see the application when it was sent holds that user's read
state and a copy of the date, so the inbox and the header's unread count read one index.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation to correct irregularities")
    REMINDER = "reminder", _("Time limit reminder")
    RESPONSE_RECEIVED = "response_received", _("Response received")
    REMEDIED = "remedied", _("Irregularities remedied")
    REGISTERED = "registered", _("International registration")
    ABANDONED = "abandoned", _("Application considered abandoned")
    DESIGNATION_REMOVED = "designation_removed", _("Designation deemed not made")
    # After registration (issue 22)
    PUBLISHED = "published", _("Publication")
    REFUSED = "refused", _("Refusal of protection")
    REFUSAL_WITHDRAWN = "refusal_withdrawn", _("Refusal withdrawn")
    GRANTED = "granted", _("Statement of grant of protection")
    PROTECTED = "protected", _("Protected: no refusal in the period")
    SECOND_PART_DUE = "second_part_due", _("Second part of the fee due")
    CANCELLED = "cancelled", _("Cancelled for a party")
    # Renewal (issue 23)
    RENEWED = "renewed", _("Renewal")
    RENEWAL_REMINDER = "renewal_reminder", _("Renewal reminder")
    LAPSED = "lapsed", _("Not renewed: lapsed")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    # Changes in the Register (Article 16, Rule 21): notifications/change_notices.py
    CHANGE_RECORDED = "change_recorded", _("Change recorded in the Register")
    CHANGE_INVITATION = "change_invitation", _("Invitation to correct a request to record a change")
    CHANGE_ABANDONED = "change_abandoned", _("Request to record a change abandoned")
    CHANGE_REFUSED = "change_refused", _("Request to record a change refused")
    MESSAGE = "message", _("Message from the International Bureau")


def notification_pdf_path(instance, filename):
    return f"notifications/{instance.submission.number}/{filename}"


class Notification(models.Model):
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))  # plain text, shown in the inbox and the e-mail
    pdf = models.FileField(_("PDF"), upload_to=notification_pdf_path, blank=True)
    created_at = models.DateTimeField(_("sent"), db_index=True)
    # The event of the stream this notification tells of (none for those sent before issue 21).
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.submission_id}: {self.title}"


class Recipient(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    # A copy of the notification's created_at: the inbox is ordered on one index of this table
    # (joining first, PostgreSQL may walk every notification of the site to find a user's).
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The e-mail alert to this recipient (its row guarantees it is sent once), and when its task
    # last went to the broker: null, never (broker down); the re-send task uses both.
    email = models.OneToOneField(
        "mail.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification_recipient",
    )
    email_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "user"], name="unique_notification_recipient"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="recipient_inbox"),
            models.Index(
                fields=["user", "-created_at", "-id"],
                condition=models.Q(read_at__isnull=True),
                name="recipient_inbox_unread",
            ),
        ]

    def __str__(self):
        return f"{self.notification} to {self.user}"


class Preference(models.Model):
    """A user's choice about notification e-mails. Default: a signed, expiring link only; no PDF
    with personal data travels in the clear unless the user asks for attachments."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email_attachments = models.BooleanField(
        _("Attach the PDF to notification e-mails"),
        default=False,
        help_text=_(
            "Off: the e-mail carries a signed link that expires; the PDF stays in the portal."
        ),
    )

    def __str__(self):
        return f"{self.user}: attachments {'on' if self.email_attachments else 'off'}"
