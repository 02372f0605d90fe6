"""What every examination service shares: the error, the audit trail, the row lock, the
queue's denormalised columns, notifications; and opening and assigning an examination."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from hague_portal.api import webhooks
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    Irregularity,
    IrregularityStatus,
)

from ..models import (
    AuditEvent,
    Examination,
    ExaminationStatus,
)

REGISTRATION_SERIES = "DM"
REGISTRATION_DIGITS = 6
S = ExaminationStatus
I = IrregularityStatus  # noqa: E741


class ExaminationError(Exception):
    """A transition that is not allowed now; the message is for the user."""


# --- audit -------------------------------------------------------------------------------------


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


def _audit_status(examination, actor, action, summary, before, *, visible=True, **after):
    """Every change of an application's status goes through here: its audit event and its
    `application.status_changed` webhook, in the transition's transaction."""
    audit(
        submission=examination.submission,
        actor=actor,
        action=action,
        summary=summary,
        before={"status": before},
        after={"status": examination.status, **after},
        applicant_visible=visible,
    )
    webhooks.status_changed(examination=examination, before=before, action=action)  # issue 13


# --- open --------------------------------------------------------------------------------------


def examination_open(*, submission, user) -> Examination:
    """The examination row of a new submission; inside the submitting transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("examination_open must be called inside transaction.atomic()")
    designations = submission.document.get("designations") or []
    examination = Examination.objects.create(
        submission=submission,
        received_at=submission.received_at,
        parties=_parties_field(designations),
        fees_expected=submission.fees_total,
    )
    from hague_portal.filings.sharing import draft_events_audit

    workbench_state_sync(examination)
    draft_events_audit(draft=submission.draft, submission=submission)  # shares, approvals
    audit(
        submission=submission,
        actor=user,
        action="application.filed",
        summary=f"International application {submission.number} filed",
        after={"document_sha256": submission.document_sha256},
        applicant_visible=True,
    )
    return examination


def _parties_field(codes) -> str:
    return f" {' '.join(codes)} " if codes else ""


def examination_checks_done(*, submission) -> bool:
    """The full formality check has run: the application enters the examiners' queue."""
    with transaction.atomic():
        moved = Examination.objects.filter(submission=submission, status=S.RECEIVED).update(
            status=S.EXAMINATION, updated_at=timezone.now()
        )
        if moved:
            examination = Examination.objects.select_related("submission").get(pk=submission.pk)
            _audit_status(
                examination,
                None,
                "checks.done",
                "Formality checks done; the application is under examination",
                S.RECEIVED,
            )
    return bool(moved)


def _locked(examination) -> Examination:
    return (
        Examination.objects.select_for_update().select_related("submission").get(pk=examination.pk)
    )


def _refresh_counts(examination: Examination) -> None:
    """Keep the queue's denormalised columns (open count, earliest time limit) true."""
    open_rows = Irregularity.objects.filter(
        submission_id=examination.pk, status__in=IRREGULARITY_OPEN
    )
    examination.open_irregularities = open_rows.count()
    limits = open_rows.filter(status=I.INVITED).exclude(time_limit=None)
    examination.time_limit = min(limits.values_list("time_limit", flat=True), default=None)
    examination.save(update_fields=["open_irregularities", "time_limit", "status", "updated_at"])
    workbench_state_sync(examination)


# The workbench's tab of a filed application, kept on its draft (filings.Draft.workbench_state).
WORKBENCH_STATES = {
    S.IRREGULAR: "irregular",
    S.REGISTERED: "registered",
    S.ABANDONED: "abandoned",
}


def workbench_state_sync(examination: Examination) -> None:
    from hague_portal.filings.models import Draft

    Draft.objects.filter(submission__pk=examination.pk).update(
        workbench_state=WORKBENCH_STATES.get(examination.status, "filed")
    )


def status_from_irregularities(examination: Examination) -> None:
    """An open application's status follows its irregularities: one awaiting the applicant
    (invited) makes it irregular; else one answered awaits the examiner; else it is under
    examination (raised-but-unsent ones are the examiner's to send)."""
    statuses = set(
        Irregularity.objects.filter(
            submission_id=examination.pk, status__in=(I.INVITED, I.ANSWERED)
        ).values_list("status", flat=True)
    )
    if I.INVITED in statuses:
        examination.status = S.IRREGULAR
    elif I.ANSWERED in statuses:
        examination.status = S.RESPONDED
    else:
        examination.status = S.EXAMINATION


def _require_open(examination: Examination) -> None:
    if examination.status in (S.REGISTERED, S.ABANDONED):
        raise ExaminationError(
            _("%(number)s is %(status)s; nothing more can be changed.")
            % {
                "number": examination.submission.number,
                "status": examination.get_status_display().lower(),
            }
        )


# --- assignment --------------------------------------------------------------------------------


def examination_assign(*, examination, examiner, by) -> Examination:
    if examiner == by and not by.has_perm("examination.assign_self"):
        raise ExaminationError(_("You may not take applications from the queue."))
    if examiner != by and not by.has_perm("examination.reassign"):
        raise ExaminationError(_("Only a supervisor may assign an application to someone else."))
    if examiner is not None and not examiner.is_staff:
        raise ExaminationError(_("%(user)s is not an examiner.") % {"user": examiner})
    with transaction.atomic():
        locked = _locked(examination)
        before = locked.examiner_id
        locked.examiner = examiner
        locked.save(update_fields=["examiner", "updated_at"])
        audit(
            submission=locked.submission,
            actor=by,
            action="examination.assigned",
            summary=f"Assigned to {examiner}" if examiner else "Unassigned",
            before={"examiner": before},
            after={"examiner": examiner.pk if examiner else None},
        )
    return locked


def _require_examiner(by) -> None:
    if not by.has_perm("examination.examine"):
        raise ExaminationError(_("You may not examine applications."))


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def _notify(submission, kind, title, body, *, pdf=None, pdf_name="") -> None:
    from hague_portal.notifications.services import notification_send

    notification_send(
        submission=submission, kind=kind, title=title, body=body, pdf=pdf, pdf_name=pdf_name
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def long_date(day) -> str:
    """ "1 March 2027": the way the International Bureau writes a date in its letters, in the
    active language ("1 mars 2027", "1 de marzo de 2027")."""
    return dateformat.format(day, _("j F Y"))


def record_date(day) -> str:
    """ "1 March 2027" in English whatever the active language: the audit trail's summaries are
    records written in English."""
    return f"{day.day} {day:%B %Y}"


def in_application_language(submission):
    """WIPO writes to the applicant in the language of the application: notifications, their
    letters and their e-mails are produced under this (a context manager)."""
    from hague_portal.submissions.selectors import application_language

    return translation.override(application_language(submission))
