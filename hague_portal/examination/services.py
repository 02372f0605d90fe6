"""Writes of the examination: every transition of an application after filing, and its audit.

examination_open(submission=...)     in the submitting transaction
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, Examination


def audit(
    *,
    submission,
    actor,
    action: str,
    summary: str,
    before=None,
    after=None,
    applicant_visible: bool = False,
) -> AuditEvent:
    """Append one event to the application's audit trail (never updated, never deleted)."""
    return AuditEvent.objects.create(
        submission=submission,
        at=timezone.now(),
        actor=actor,
        action=action,
        summary=summary[:500],
        before=before,
        after=after,
        applicant_visible=applicant_visible,
    )


def examination_open(*, submission, user) -> Examination:
    """The examination row of a new submission; inside the submitting transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("examination_open must be called inside transaction.atomic()")
    designations = submission.document.get("designations") or []
    examination = Examination.objects.create(
        submission=submission,
        received_at=submission.received_at,
        parties=f" {' '.join(designations)} " if designations else "",
        fees_expected=submission.fees_total,
    )
    audit(
        submission=submission,
        actor=user,
        action="application.filed",
        summary=f"International application {submission.number} filed",
        after={"document_sha256": submission.document_sha256},
        applicant_visible=True,
    )
    return examination
