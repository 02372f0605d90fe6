"""Examination of a filed application by the International Bureau, and what follows it.

One `Examination` row per submission holds the state that changes after filing (the submission
itself is frozen): status, the examiner, the running time limit, the registration. Irregularities
(`submissions.Irregularity`) are grouped into an `Invitation` (Rule 14(1): three months from the
date of the invitation); the applicant answers with a `Response`, a new frozen revision of the
document with its SHA-256, while the original filing stays as filed. Every action by staff or
applicant is an event (`events.Event`). Every transition goes through `examination.services`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExaminationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")  # the jobs (checks, DM/1, acknowledgement) still run
    EXAMINATION = "examination", _("Under examination")
    IRREGULAR = "irregular", _("Irregularity: awaiting the applicant's response")
    RESPONDED = "responded", _("Response received")
    REGISTERED = "registered", _("Registered")
    ABANDONED = "abandoned", _("Considered abandoned")
    WITHDRAWN = "withdrawn", _("Withdrawn")  # by the applicant, before registration (issue 22)


OPEN_STATUSES = (
    ExaminationStatus.RECEIVED,
    ExaminationStatus.EXAMINATION,
    ExaminationStatus.IRREGULAR,
    ExaminationStatus.RESPONDED,
)
# Nothing more happens to these: no examination, no registration, no publication.
CLOSED_STATUSES = (
    ExaminationStatus.REGISTERED,
    ExaminationStatus.ABANDONED,
    ExaminationStatus.WITHDRAWN,
)


class Examination(models.Model):
    submission = models.OneToOneField(
        "submissions.Submission",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="examination",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ExaminationStatus.choices,
        default=ExaminationStatus.RECEIVED,
    )
    examiner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("examiner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examinations",
    )
    # Copied from the submission so the queue filters and sorts on one indexed table.
    received_at = models.DateTimeField(db_index=True)
    # The designated parties as " CH EM US " (spaces around each), for the party filter.
    parties = models.CharField(max_length=1000, blank=True)
    # The earliest time limit of an open invitation (null: none running).
    time_limit = models.DateField(null=True, blank=True, db_index=True)
    open_irregularities = models.PositiveIntegerField(_("open irregularities"), default=0)
    # Fees the International Bureau expects in all: the fees accepted at filing plus any
    # amount found missing later (a fee irregularity). Paid >= expected remedies fee
    # irregularities (see services.examination_fees_paid).
    fees_expected = models.DecimalField(max_digits=12, decimal_places=2)
    # What has been paid of them (payments keeps it: services.examination_fees_paid).
    fees_paid = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    # The document as it now stands: the last accepted revision (0: as filed).
    revision = models.PositiveIntegerField(default=0)
    # Article 10(2) / Rule 14(2): remedying a date-postponing irregularity moves the date of the
    # international registration to the date the correction was received.
    date_postponed_to = models.DateField(null=True, blank=True)
    # Rule 14(3), Article 5(2): designations deemed not made because an irregularity concerning
    # them was not remedied in time ["CN", ...].
    designations_removed = models.JSONField(default=list, blank=True)
    registration_number = models.CharField(max_length=12, unique=True, null=True, blank=True)
    registration_date = models.DateField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    refund_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("examination")
        verbose_name_plural = _("examinations")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "-received_at"]),
            models.Index(fields=["examiner", "status"]),
        ]
        permissions = [
            ("examine", "Can examine applications (raise irregularities, invite, accept)"),
            ("assign_self", "Can take an application from the queue"),
            ("reassign", "Can assign an application to another examiner"),
            ("register", "Can register an international design"),
        ]

    def __str__(self):
        return f"{self.submission_id}: {self.get_status_display()}"


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting response")
    ANSWERED = "answered", _("Response received")
    CLOSED = "closed", _("Closed (all remedied)")
    LAPSED = "lapsed", _("Time limit passed")
    WITHDRAWN = "withdrawn", _("Closed: application withdrawn")


class Invitation(models.Model):
    """One invitation to correct irregularities (Rule 14(1)), sent as a notification and a PDF
    letter carrying the application number."""

    examination = models.ForeignKey(
        Examination,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("examination"),
    )
    sequence = models.PositiveIntegerField(_("number"))  # 1, 2 ... per application
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.OPEN
    )
    sent_at = models.DateTimeField(_("sent"))  # the date of the invitation
    time_limit = models.DateField(
        _("time limit")
    )  # Rule 14(1): three months from the date of the invitation
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    note = models.TextField(blank=True)  # the examiner's covering words
    letter_pdf = models.FileField(upload_to="examination/letters/", blank=True)
    # Deadline reminders (beat): set by the conditional UPDATE that claims the reminder.
    reminded_month_at = models.DateTimeField(null=True, blank=True)
    reminded_week_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["examination", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["examination", "sequence"], name="unique_invitation_sequence"
            )
        ]
        indexes = [models.Index(fields=["status", "time_limit"])]

    def __str__(self):
        return f"{self.examination_id} invitation {self.sequence}"


class Response(models.Model):
    """The applicant's answer to an invitation: a new frozen revision of the application."""

    invitation = models.ForeignKey(
        Invitation, verbose_name=_("invitation"), on_delete=models.PROTECT, related_name="responses"
    )
    revision = models.PositiveIntegerField(_("revision"))  # 1, 2 ... (0 is the filing)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sent by"),
    )
    submitted_at = models.DateTimeField(_("received"))
    message = models.TextField(blank=True)
    document = models.JSONField()  # the whole corrected document
    document_sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    # Replacement files: [{"role", "path", "sha256", "size", "number", "design", ...}]
    files = models.JSONField(default=list)
    # The formality checks run again on the corrected document: {"checked_at", "findings"}
    findings = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["invitation", "revision"]

    def __str__(self):
        return f"{self.invitation} revision {self.revision}"
