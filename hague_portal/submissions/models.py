"""Submitted international applications: the frozen snapshot and the work that follows it.

A `Submission` is written once, in the transaction that submits a draft, and never changed after:
its document, file digests and accepted fees are what was filed. What happens next (formality
check, DM/1 PDF, acknowledgement of receipt) is a `Job` row per step, so nothing depends on the
broker being reachable at that instant. Outgoing e-mails are `OutgoingEmail` rows with a status,
so that one is never sent twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

FILE_ROLES = ("reproduction", "attachment")


class FrozenSubmissionError(Exception):
    """What was filed is never changed: only the results of the jobs may be stored."""


class ApplicationNumberCounter(models.Model):
    """The last application number handed out, per series.

    Locked with SELECT ... FOR UPDATE by the submitting transaction: a rollback releases the
    number unused, so numbers are never skipped (a PostgreSQL sequence would skip) nor reused.
    """

    series = models.CharField(max_length=20, primary_key=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.series}: {self.last}"


def submission_pdf_path(instance, filename):
    # Deterministic: re-running the job overwrites the same file instead of adding another.
    return f"submissions/{instance.number}/{filename}"


class Submission(models.Model):
    number = models.CharField(max_length=20, unique=True, verbose_name=_("number"))  # "WIPO000123"
    draft = models.OneToOneField(
        "filings.Draft",
        on_delete=models.PROTECT,
        related_name="submission",
        verbose_name=_("draft"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("created by"),
    )
    client = models.ForeignKey(
        "accounts.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("client"),
    )
    received_at = models.DateTimeField(
        verbose_name=_("received")
    )  # date and time of receipt (shown in Geneva time)
    # The frozen application document and the digest of its canonical JSON form.
    document = models.JSONField(verbose_name=_("document"))
    document_sha256 = models.CharField(max_length=64, verbose_name=_("document SHA-256"))
    # [{"role": "reproduction"|"attachment", "path", "sha256", "size", ...}], in DM/1 order
    files = models.JSONField(default=list, verbose_name=_("files"))
    # The fee calculation the applicant saw and accepted (FeeCalculation.as_dict()).
    fees = models.JSONField(verbose_name=_("fees"))
    fees_sha256 = models.CharField(max_length=64, verbose_name=_("fees SHA-256"))
    fees_total = models.DecimalField(
        max_digits=12, decimal_places=2, verbose_name=_("fees due at filing")
    )  # due at filing
    currency = models.CharField(max_length=3, default="CHF", verbose_name=_("currency"))
    correspondence_email = models.EmailField(
        verbose_name=_("correspondence e-mail address")
    )  # Guide items 4/5
    # Results of the full formality check (a job): {"checked_at", "findings": [...]}.
    findings = models.JSONField(null=True, blank=True, verbose_name=_("findings"))
    dm1_pdf = models.FileField(
        upload_to=submission_pdf_path, blank=True, verbose_name=_("DM/1 (PDF)")
    )
    receipt_pdf = models.FileField(
        upload_to=submission_pdf_path,
        blank=True,
        verbose_name=_("acknowledgement of receipt (PDF)"),
    )

    # Results written by the jobs; everything else is the snapshot of what was filed.
    RESULT_FIELDS = frozenset({"findings", "dm1_pdf", "receipt_pdf"})

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_at"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        # A guard, not a side effect: an existing row may only be saved with result fields.
        fields = kwargs.get("update_fields")
        if not self._state.adding and (fields is None or not set(fields) <= self.RESULT_FIELDS):
            raise FrozenSubmissionError(
                f"{self.number} is frozen; only {sorted(self.RESULT_FIELDS)} may change"
            )
        super().save(*args, **kwargs)


class JobKind(models.TextChoices):
    CHECKS = "checks", _("Full formality check")
    DM1_PDF = "dm1_pdf", _("DM/1 PDF")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt (PDF and e-mail)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One step that must follow a submission; the row is the truth, the broker only a carrier."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("application")
    )
    kind = models.CharField(max_length=20, choices=JobKind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, verbose_name=_("status")
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    # When the broker last accepted the message; null: never (broker down at that instant).
    enqueued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("queued"))
    # The Celery task id that holds the job while running, and until when (a lease): a message
    # redelivered after a worker died carries the same id and may take the job over at once.
    task_id = models.CharField(max_length=64, blank=True, verbose_name=_("task id"))
    lease_until = models.DateTimeField(null=True, blank=True, verbose_name=_("leased until"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished"))

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["submission", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "kind"], name="unique_job_per_kind"),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"])]

    def __str__(self):
        return f"{self.submission.number}: {self.get_kind_display()} ({self.status})"


class IrregularityStatus(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", _("Awaiting review")  # found by the check job
    CONFIRMED = "confirmed", _("Raised, not yet sent")  # to go into the next invitation
    DISMISSED = "dismissed", _("Dismissed")
    INVITED = "invited", _("Invitation sent")
    ANSWERED = "answered", _("Response received")
    REMEDIED = "remedied", _("Remedied")
    LAPSED = "lapsed", _("Not remedied in time")


# Irregularities the applicant still has to remedy (or staff to accept).
IRREGULARITY_OPEN = (
    IrregularityStatus.CONFIRMED,
    IrregularityStatus.INVITED,
    IrregularityStatus.ANSWERED,
)


class Irregularity(models.Model):
    """An irregularity: found by the check job (for an examiner to confirm or dismiss) or raised
    by an examiner, of a typed kind (`hague.irregularities`), sent in an invitation, remedied by
    the applicant's response or payment. Transitions: `examination.services`."""

    class Kind(models.TextChoices):
        FORMALITY = "formality", _("Formality")
        FEE = "fee", _("Fees")

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="irregularities",
        verbose_name=_("application"),
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.FORMALITY, verbose_name=_("kind")
    )
    code = models.CharField(max_length=60, verbose_name=_("code"))
    item = models.CharField(max_length=20, blank=True, verbose_name=_("DM/1 item"))  # DM/1 item
    message = models.TextField(verbose_name=_("message"))
    details = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    status = models.CharField(
        max_length=20,
        choices=IrregularityStatus.choices,
        default=IrregularityStatus.AWAITING_REVIEW,
        verbose_name=_("status"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    # The Rule 14 kind (hague.irregularities.KINDS); blank for findings of the check job until
    # an examiner confirms them.
    category = models.CharField(max_length=30, blank=True, verbose_name=_("category"))
    postpones_date = models.BooleanField(
        default=False, verbose_name=_("postpones the date")
    )  # Rule 14(2) / Article 10(2)
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, verbose_name=_("amount")
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    invitation = models.ForeignKey(
        "examination.Invitation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="irregularities",
        verbose_name=_("invitation"),
    )
    # Set by the first invitation that contains it; inviting again keeps it (Rule 14(1)).
    time_limit = models.DateField(null=True, blank=True, verbose_name=_("time limit"))
    remedied_at = models.DateTimeField(null=True, blank=True, verbose_name=_("remedied"))

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("irregularity")
        verbose_name_plural = _("irregularities")
        constraints = [
            # Re-running the check job must not duplicate what it found.
            models.UniqueConstraint(
                fields=["submission", "kind", "code", "item", "message"],
                name="unique_irregularity",
            ),
        ]

    def __str__(self):
        return f"{self.submission.number}: {self.code}"
