"""Every e-mail the portal sends is a row: who it went to, its Message-ID and status, so that it
is sent once and a failure is kept for staff to see (lib/emails.py renders and sends)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """Every e-mail the portal sends, with its status and Message-ID (see lib/emails.py)."""

    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("application"),
    )
    name = models.CharField(max_length=60, verbose_name=_("name"))  # templates/emails/<name>/
    # Tells apart e-mails of one name about one submission (a notification id and recipient,
    # a reminder); "" for the one-off e-mails (the acknowledgement).
    key = models.CharField(max_length=100, blank=True, default="", verbose_name=_("key"))
    to = models.EmailField(verbose_name=_("to"))
    subject = models.CharField(max_length=300, blank=True, verbose_name=_("subject"))
    message_id = models.CharField(max_length=255, verbose_name=_("message id"))
    status = models.CharField(
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
        verbose_name=_("status"),
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("claimed at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        db_table = "submissions_outgoingemail"  # its table since issue 5, kept
        ordering = ["-created_at"]
        constraints = [
            # One acknowledgement per submission, however often its job runs; one e-mail per
            # notification and recipient.
            models.UniqueConstraint(
                fields=["submission", "name", "key"],
                name="unique_email_per_submission",
                condition=models.Q(submission__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.name} to {self.to} ({self.status})"
