"""The event stream: one row per thing that happened to an application, and one delivery row per
consumer of it (an outbox, as the jobs are)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import kind_label


class Event(models.Model):
    """Who did what to an application, when, with the state before and after. Append-only: the
    audit trail. The summary is a record, written in English whatever the actor's language;
    readers word it from `kind`, `before` and `after`."""

    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("application"),
    )
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )  # null: the system (a beat task, a job)
    kind = models.CharField(_("what"), max_length=40, db_column="action")  # events.kinds.KINDS
    summary = models.CharField(_("summary"), max_length=500)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    # Shown to the applicant on the application's timeline (internal notes and assignments
    # are for staff only).
    applicant_visible = models.BooleanField(_("the applicant sees it"), default=False)

    class Meta:
        # The audit trail's table since issue 7: the stream is those rows, kept where they were.
        db_table = "examination_auditevent"
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["submission", "at", "id"]
        indexes = [models.Index(fields=["submission", "at"], name="examination_submiss_6ba8f9_idx")]

    def __str__(self):
        return f"{self.submission_id} {self.at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def status_before(self) -> str | None:
        return (self.before or {}).get("status")

    @property
    def status_after(self) -> str | None:
        return (self.after or {}).get("status")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One consumer's handling of one event: claimed once, retried by beat when it failed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    consumer = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("event delivery")
        verbose_name_plural = _("event deliveries")
        constraints = [
            models.UniqueConstraint(fields=["event", "consumer"], name="one_delivery_per_consumer")
        ]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=~models.Q(status="done"),
                name="delivery_due",
            )
        ]

    def __str__(self):
        return f"{self.event} -> {self.consumer} ({self.status})"
