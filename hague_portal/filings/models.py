"""Drafts of international applications and the files that belong to them.

The draft row holds the application document (JSON, `hague-portal/application@1`) except what is
backed by files: reproductions and annex documents are rows of their own. `version` is the
optimistic lock: every save names the version the user saw, and a save against an older version is
refused with what changed since (see `DraftRevision`).
"""

import uuid
from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .indexes import PortableIndex


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts"
    )
    # Filed by a representative on behalf of a client of its firm (item 5); null: the user files
    # for itself.
    client = models.ForeignKey(
        "accounts.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="drafts"
    )
    status = models.CharField(max_length=12, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    title = models.CharField(max_length=200, blank=True)  # shown on the workbench
    document = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Steps the user has saved at least once: {"applicants": "2026-11-22T10:00:00+01:00", ...}
    steps_saved = models.JSONField(default=dict, blank=True)
    # Typed but not yet saved input, per step, kept by autosave: {"designs": {"field": "value"}}
    autosave = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Copied from the document when it is saved (filings.listing), for the workbench's filters
    # and search over many applications; the document stays the source of truth.
    reference = models.CharField("your reference", max_length=100, blank=True)
    parties = models.CharField(max_length=1000, blank=True)  # " CH EM US "
    locarno_classes = models.CharField(max_length=200, blank=True)  # " 06 12 "
    applicant_names = models.CharField(max_length=500, blank=True)
    # Searched in full text on PostgreSQL (a GIN expression index, migration 0005).
    search_text = models.TextField(blank=True)
    # The workbench tab it falls in: "draft" until filed, then kept in step with the
    # examination's status by examination.services (one column to group and count on, instead
    # of joining submissions and examinations over a whole portfolio).
    workbench_state = models.CharField(max_length=12, default="draft", db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["created_by", "-updated_at"]),
            models.Index(fields=["client", "-updated_at"], name="draft_client_updated"),
            # The workbench's sorts (last change, filing date), each ending in the id that
            # makes the order total: a page is read from the index, not sorted from 100,000.
            models.Index(fields=["-updated_at", "-id"], name="draft_updated"),
            # The counts per tab read every visible draft: from this narrow index on
            # PostgreSQL (an index-only scan), not from the wide rows.
            models.Index(fields=["client"], include=["created_by", "id"], name="draft_visibility"),
            models.Index(fields=["client", "workbench_state"], name="draft_client_state"),
            PortableIndex(
                models.F("submitted_at").desc(nulls_last=True),
                models.F("id").desc(),
                name="draft_submitted",
            ),
        ]

    def __str__(self):
        if not self.title:
            return gettext("Draft %(id)s") % {"id": str(self.id)[:8]}
        return title_for_reader(self.title)


# The titles the portal gives a draft (filings.services) until its products name it: stored in
# the application's language, shown in the reader's (issue 20).
AUTOMATIC_TITLES = (gettext_noop("New application"), gettext_noop("Imported: application"))
CLIENT_TITLE = gettext_noop("%(client)s: new application")


@cache
def _automatic_titles() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each automatic title in every language -> its msgid; the client title's (prefix, suffix)
    around the client's name in every language. The catalogues do not change while we run."""
    titles, client_titles = {}, []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            titles.update({gettext(msgid): msgid for msgid in AUTOMATIC_TITLES})
            prefix, _sep, suffix = gettext(CLIENT_TITLE).partition("%(client)s")
            client_titles.append((prefix, suffix))
    return titles, client_titles


def title_for_reader(title: str) -> str:
    """A draft's title in the active language when it is one the portal gave automatically
    ("New application", "Nouvelle demande"); a title from its products or its user as it is."""
    titles, client_titles = _automatic_titles()
    if title in titles:
        return gettext(titles[title])
    for prefix, suffix in client_titles:
        if title.startswith(prefix) and title.endswith(suffix):
            client = title[len(prefix) : len(title) - len(suffix)]
            if client:
                return gettext(CLIENT_TITLE) % {"client": client}
    return title


class DraftRevision(models.Model):
    """The document as saved at each version, to show a conflicting editor what changed."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    document = models.JSONField()
    step = models.CharField(max_length=40, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["draft", "version"], name="unique_draft_version"),
        ]
        ordering = ["draft", "version"]

    def __str__(self):
        return f"{self.draft_id} v{self.version} ({self.step})"


def reproduction_path(instance, filename):
    return f"drafts/{instance.draft_id}/reproductions/{uuid.uuid4().hex}.{instance.extension}"


def thumbnail_path(instance, filename):
    return f"drafts/{instance.draft_id}/thumbnails/{uuid.uuid4().hex}.jpg"


class Reproduction(models.Model):
    """An accepted reproduction image (item 10), re-encoded with its metadata stripped."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="reproductions")
    # null: uploaded but not yet assigned to a design
    design_number = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)  # order within the design (1.1, 1.2, ...)
    legend_code = models.CharField(max_length=4, blank=True)
    legend_text = models.CharField(max_length=50, blank=True)  # free text, with code 00
    file = models.FileField(upload_to=reproduction_path)
    thumbnail = models.FileField(upload_to=thumbnail_path, blank=True)
    extension = models.CharField(max_length=5)  # "jpg" or "tif"
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    width_px = models.PositiveIntegerField()
    height_px = models.PositiveIntegerField()
    dpi = models.PositiveIntegerField()
    mode = models.CharField(max_length=8)  # "RGB" or "L"
    size_bytes = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["design_number", "position", "id"]
        indexes = [models.Index(fields=["draft", "design_number", "position"])]

    def __str__(self):
        return f"Reproduction {self.design_number or '-'}.{self.position} ({self.original_name})"


def attachment_path(instance, filename):
    return f"drafts/{instance.draft_id}/attachments/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    """A document supplied with the application: an Annex (I-V) or the power of attorney."""

    class Kind(models.TextChoices):
        # Titles as in the Guide, Annexes I-V (without party names: those come from the data).
        ANNEX_I = "annex_I", _("Annex I: oath or declaration of the creator")
        ANNEX_II = (
            "annex_II",
            _("Annex II: supporting documents for an exception to lack of novelty"),
        )
        ANNEX_III = "annex_III", _("Annex III: information on eligibility for protection")
        ANNEX_IV = "annex_IV", _("Annex IV: certification of micro-entity status")
        ANNEX_V = "annex_V", _("Annex V: supporting documents concerning a priority claim")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Appointment of a representative")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField()
    # What the document concerns, in the terms of the application document's annex entries:
    # {"creator": "Jane Doe", "signatory": "/Jane Doe/", "designs": [1], "parties": ["JP"], ...}
    details = models.JSONField(default=dict, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class ShareRole(models.TextChoices):
    # As WIPO ePCT's eViewer and eEditor rights: for one application only.
    VIEWER = "viewer", _("Viewer (reads and approves)")
    EDITOR = "editor", _("Editor (also changes it; does not submit)")


class DraftShare(models.Model):
    """A draft shared with a client's user by e-mail, for review and approval before filing.

    The share is matched to whoever signs in with a verified address equal to `email`, so it
    works before the client has an account. Revoking deletes the row (access ends at once);
    the DraftEvent rows keep the record.
    """

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="shares")
    email = models.EmailField()  # stored lower-case
    role = models.CharField(max_length=10, choices=ShareRole.choices, default=ShareRole.VIEWER)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "email"], name="unique_draft_share_email"),
        ]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"


class DraftApproval(models.Model):
    """ "I approve this application as it stands at version N": an edit after it outdates it."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="approvals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    version = models.PositiveIntegerField()
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-approved_at", "-id"]

    def __str__(self):
        return f"{self.user} approved v{self.version}"


class DraftEvent(models.Model):
    """The audit trail of a draft before it has a submission (shared, revoked, approved).

    Append-only; copied to the application's events (events.Event) when the draft is filed
    (`filings.sharing.draft_events_audit`)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    action = models.CharField(max_length=40)  # "share.added", "share.revoked", "draft.approved"
    summary = models.CharField(max_length=500)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.draft_id} {self.action}"
