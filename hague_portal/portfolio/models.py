"""The portfolio's own state: the secret link of a user's deadline calendar, and the
spreadsheet exports written by a job."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarToken(models.Model):
    """One secret calendar link per user. The token is in the URL calendar apps poll (they
    cannot sign in); "Reset the link" replaces it, so the old link stops working at once.
    Only its SHA-256 is stored: a database leak does not open anyone's calendar."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"calendar of {self.user_id}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def export_path(instance, filename):
    return f"exports/{instance.user_id}/{filename}"


class Export(models.Model):
    """A spreadsheet of the workbench's filtered list, written by a job (the row is the truth,
    the broker only a carrier: services.exports_resend re-sends what it lost). Only the user who
    asked may see or download it; it is deleted EXPORT_KEEP_DAYS after it was asked for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    filters = models.JSONField(default=dict)  # selectors.Filters, as asked for
    language = models.CharField(max_length=10)  # of the column names and labels
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)  # counted when it starts
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_path, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When the broker last accepted the message (null: never); the task holding it, until when.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="export_user_created"),
            models.Index(fields=["status", "enqueued_at"], name="export_status_enqueued"),
        ]

    def __str__(self):
        return f"export {self.pk} of {self.user_id} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)


class Protection(models.Model):
    """What the workbench shows and filters of a registration's designations (issue 22), kept
    by the workbench's consumer of the Register's events: one row per registered application,
    read with the list's rows (a join), never a query per row.

    `states` holds the filter's tokens, space-delimited (" awaiting refused due "), as
    Draft.parties does; `parties` each designation as the list shows it:
    [{"party": "US", "status": "refused", "second_part": "due", "time_limit": "2027-06-01"}]."""

    draft = models.OneToOneField(
        "filings.Draft", on_delete=models.CASCADE, primary_key=True, related_name="protection"
    )
    states = models.CharField(max_length=60, blank=True)
    parties = models.JSONField(default=list, blank=True)
    # The renewal (issue 23), from the Register's registration: its status there, the term
    # running, its expiry, the day the renewal window opens (Rule 23's reminder, six months
    # before), the last day to pay without the surcharge and the end of the grace period
    # (Rule 24(1)(c)), both through Rule 4(4). The workbench says where each row stands from
    # these and today, and filters "due within N months" on `due` and `grace_end`.
    register_status = models.CharField(max_length=10, blank=True)
    term = models.PositiveSmallIntegerField(default=1)
    expiry = models.DateField(null=True, blank=True)
    renewal_opens = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    grace_end = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["register_status", "due"], name="protection_status_due"),
            models.Index(fields=["register_status", "grace_end"], name="protection_status_grace"),
        ]

    def __str__(self):
        return f"protection of {self.draft_id}: {self.states.strip()}"
