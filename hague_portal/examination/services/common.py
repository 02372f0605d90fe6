"""What every examination service shares: the error, the audit trail, the row lock, the
queue's denormalised columns, notifications; and opening and assigning an examination."""

from __future__ import annotations

from datetime import date

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from hague_portal.events.services import event_record, unit
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    Irregularity,
    IrregularityStatus,
)

from ..models import (
    CLOSED_STATUSES,
    Examination,
    ExaminationStatus,
)

REGISTRATION_SERIES = "DM"
REGISTRATION_DIGITS = 6
S = ExaminationStatus
I = IrregularityStatus  # noqa: E741


class ExaminationError(Exception):
    """A transition that is not allowed now; the message is for the user."""


# --- events ------------------------------------------------------------------------------------


def _record_status(examination, actor, kind, summary, before, *, visible=True, **after):
    """Every change of an application's status is an event with the status before and after;
    its consumers (notifications, webhooks, the workbench) follow from it (events.registry)."""
    event_record(
        submission=examination.submission,
        actor=actor,
        kind=kind,
        summary=summary,
        before={"status": before},
        after={"status": examination.status, **after},
        applicant_visible=visible,
    )


# --- open --------------------------------------------------------------------------------------


def examination_open(*, submission) -> Examination:
    """The examination row of a new application: the examination consumer of its
    application.filed event, in the filing's transaction (once: a second run finds it)."""
    designations = submission.document.get("designations") or []
    examination, _created = Examination.objects.get_or_create(
        submission=submission,
        defaults={
            "received_at": submission.received_at,
            "parties": _parties_field(designations),
            "fees_expected": submission.fees_total,
        },
    )
    return examination


def _parties_field(codes) -> str:
    return f" {' '.join(codes)} " if codes else ""


def examination_checks_done(*, submission) -> bool:
    """The full formality check has run: the application enters the examiners' queue."""
    with unit():
        moved = Examination.objects.filter(submission=submission, status=S.RECEIVED).update(
            status=S.EXAMINATION, updated_at=timezone.now()
        )
        if moved:
            examination = Examination.objects.select_related("submission").get(pk=submission.pk)
            _record_status(
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
    if examination.status in CLOSED_STATUSES:
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
    with unit():
        locked = _locked(examination)
        before = locked.examiner_id
        locked.examiner = examiner
        locked.save(update_fields=["examiner", "updated_at"])
        event_record(
            submission=locked.submission,
            actor=by,
            kind="examination.assigned",
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
