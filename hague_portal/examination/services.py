"""Writes of the examination: every transition of an application after filing, and its audit.

    examination_open(submission=..., user=...)        in the submitting transaction
    irregularity_raise / _confirm / _dismiss          an examiner, from the admin
    invitation_send / invitation_again                Rule 14(1): three months to answer
    response_submit                                   the applicant, online
    irregularities_accept                             an examiner: remedied
    examination_register                              DM/ number, registration and publication
    examination_fees_paid                             payments: a fee shortfall paid
    examinations_lapse / examinations_remind          beat

Each function locks the examination row (select_for_update) so two examiners, or an examiner
and the beat task, cannot both move it; each writes the audit trail in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA, geneva_today
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    ApplicationNumberCounter,
    Irregularity,
    IrregularityStatus,
)

from .models import (
    AuditEvent,
    Examination,
    ExaminationStatus,
    Invitation,
    InvitationStatus,
    Response,
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
    audit(
        submission=examination.submission,
        actor=actor,
        action=action,
        summary=summary,
        before={"status": before},
        after={"status": examination.status, **after},
        applicant_visible=visible,
    )


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
    moved = Examination.objects.filter(submission=submission, status=S.RECEIVED).update(
        status=S.EXAMINATION, updated_at=timezone.now()
    )
    if moved:
        audit(
            submission=submission,
            actor=None,
            action="checks.done",
            summary="Formality checks done; the application is under examination",
            after={"status": S.EXAMINATION},
            applicant_visible=True,
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


def _require_open(examination: Examination) -> None:
    if examination.status in (S.REGISTERED, S.ABANDONED):
        raise ExaminationError(
            f"{examination.submission.number} is {examination.get_status_display().lower()}; "
            "nothing more can be changed."
        )


# --- assignment --------------------------------------------------------------------------------


def examination_assign(*, examination, examiner, by) -> Examination:
    if examiner == by and not by.has_perm("examination.assign_self"):
        raise ExaminationError("You may not take applications from the queue.")
    if examiner != by and not by.has_perm("examination.reassign"):
        raise ExaminationError("Only a supervisor may assign an application to someone else.")
    if examiner is not None and not examiner.is_staff:
        raise ExaminationError(f"{examiner} is not an examiner.")
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


# --- irregularities ----------------------------------------------------------------------------


def _require_examiner(by) -> None:
    if not by.has_perm("examination.examine"):
        raise ExaminationError("You may not examine applications.")


def irregularity_raise(
    *,
    examination,
    by,
    category: str,
    message: str,
    item: str = "",
    designs=(),
    parties=(),
    amount=None,
) -> Irregularity:
    """An examiner raises an irregularity of a Rule 14 kind; it waits for the next invitation."""
    _require_examiner(by)
    kind = _kind(category)
    amount = _fee_amount(kind, amount)
    message = (message or "").strip() or _template(kind, designs, amount)
    if not message:
        raise ExaminationError("Say what is irregular: the message is empty.")
    with transaction.atomic():
        locked = _locked(examination)
        _require_open(locked)
        row = Irregularity.objects.create(
            submission_id=locked.pk,
            kind=Irregularity.Kind.FEE if kind.fee else Irregularity.Kind.FORMALITY,
            code=f"examiner.{kind.code}",
            category=kind.code,
            item=item or kind.item,
            message=message,
            details={"designs": [int(d) for d in designs], "parties": list(parties)},
            status=I.CONFIRMED,
            postpones_date=kind.postpones_date,
            amount=amount,
            raised_by=by,
            reviewed_by=by,
            reviewed_at=timezone.now(),
        )
        _expect_fees(locked, amount)
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.raised", f"Raised: {kind.label}")
    return row


def _kind(category: str) -> rule14.IrregularityKind:
    if category not in rule14.BY_CODE:
        raise ExaminationError(f"Unknown kind of irregularity {category!r}.")
    return rule14.BY_CODE[category]


def _fee_amount(kind, amount) -> Decimal | None:
    if not kind.fee:
        return None
    try:
        value = Decimal(str(amount))
    except Exception as exc:  # noqa: BLE001 - any unparsable amount is the same user error
        raise ExaminationError("Give the amount missing in Swiss francs, e.g. 150.00.") from exc
    if not value.is_finite() or value <= 0:
        raise ExaminationError("The amount missing must be more than 0 CHF.")
    return value.quantize(Decimal("0.01"))


def _template(kind, designs, amount) -> str:
    numbers = ", ".join(str(d) for d in designs) or "concerned"
    return kind.template.format(designs=numbers, amount=amount or "")


def _expect_fees(examination: Examination, amount) -> None:
    # The missing amount is added to what has been paid so far: paying it remedies the
    # irregularity (examination_fees_paid), whatever the cause (underpayment, wrong count).
    if amount is None:
        return
    from hague_portal.payments.selectors import amount_paid

    target = amount_paid(examination.submission) + amount
    if target > examination.fees_expected:
        examination.fees_expected = target
        examination.save(update_fields=["fees_expected", "updated_at"])


def _audit_irregularity(row: Irregularity, by, action: str, summary: str, before=None) -> None:
    audit(
        submission=row.submission,
        actor=by,
        action=action,
        summary=f"{summary} (item {row.item or '—'})",
        before=before,
        after={"irregularity": row.pk, "status": row.status, "category": row.category},
        applicant_visible=row.status not in (I.CONFIRMED, I.DISMISSED, I.AWAITING_REVIEW),
    )


def irregularity_confirm(*, irregularity, by, category: str, message=None) -> Irregularity:
    """A finding of the check job becomes an irregularity of a Rule 14 kind."""
    _require_examiner(by)
    kind = _kind(category)
    with transaction.atomic():
        locked = _locked(irregularity.submission.examination)
        _require_open(locked)
        row = Irregularity.objects.select_for_update().get(pk=irregularity.pk)
        if row.status != I.AWAITING_REVIEW:
            raise ExaminationError("This irregularity has already been reviewed.")
        amount = _fee_amount(kind, row.amount or _finding_amount(row)) if kind.fee else None
        row.status, row.category, row.postpones_date = I.CONFIRMED, kind.code, kind.postpones_date
        row.amount, row.reviewed_by, row.reviewed_at = amount, by, timezone.now()
        row.message = (message or "").strip() or row.message
        row.save()
        _expect_fees(locked, amount)
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.confirmed", f"Confirmed: {kind.label}")
    return row


def _finding_amount(row: Irregularity):
    # payments._underpayment_check records {"paid", "due"}.
    details = row.details or {}
    if "due" in details and "paid" in details:
        return Decimal(details["due"]) - Decimal(details["paid"])
    return None


def irregularity_dismiss(*, irregularity, by) -> Irregularity:
    _require_examiner(by)
    with transaction.atomic():
        locked = _locked(irregularity.submission.examination)
        row = Irregularity.objects.select_for_update().get(pk=irregularity.pk)
        if row.status not in (I.AWAITING_REVIEW, I.CONFIRMED):
            raise ExaminationError("Only an irregularity not yet sent can be dismissed.")
        before = row.status
        row.status, row.reviewed_by, row.reviewed_at = I.DISMISSED, by, timezone.now()
        row.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.dismissed", "Dismissed", {"status": before})
    return row


# --- invitations -------------------------------------------------------------------------------


def invitation_send(*, examination, by, note: str = "") -> Invitation:
    """Rule 14(1): invite the applicant to correct every raised irregularity within three months
    from the date of the invitation; a notification with the PDF letter tells them."""
    return _invite(examination, by, note, statuses=(I.CONFIRMED,), action="invitation.sent")


def invitation_again(*, examination, by, note: str = "") -> Invitation:
    """Invite again for what the response did not remedy (and anything newly raised); each
    irregularity keeps the time limit of its first invitation (Rule 14(1))."""
    return _invite(
        examination, by, note, statuses=(I.CONFIRMED, I.ANSWERED), action="invitation.again"
    )


def _invite(examination, by, note, *, statuses, action) -> Invitation:
    _require_examiner(by)
    with transaction.atomic():
        locked = _locked(examination)
        _require_open(locked)
        rows = list(
            Irregularity.objects.select_for_update()
            .filter(submission_id=locked.pk, status__in=statuses)
            .order_by("id")
        )
        if not rows:
            raise ExaminationError("There is no irregularity to send: raise one first.")
        invitation = _invitation_create(locked, by, note, rows)
        before = locked.status
        locked.status = S.IRREGULAR
        _refresh_counts(locked)
        _audit_status(
            locked,
            by,
            action,
            f"Invitation {invitation.sequence} sent: {len(rows)} irregularit"
            f"{'y' if len(rows) == 1 else 'ies'} to correct by {invitation.time_limit:%d %B %Y}",
            before,
            invitation=invitation.pk,
            time_limit=invitation.time_limit.isoformat(),
        )
        _notify_invitation(invitation, rows)
    return invitation


def _invitation_create(examination, by, note, rows) -> Invitation:
    now = timezone.now()
    fresh_limit = rule14.response_time_limit(now.astimezone(GENEVA).date())
    for row in rows:
        row.time_limit = row.time_limit or fresh_limit
    invitation = Invitation.objects.create(
        examination=examination,
        sequence=examination.invitations.count() + 1,
        sent_at=now,
        time_limit=min(row.time_limit for row in rows),
        sent_by=by,
        note=(note or "").strip(),
    )
    for row in rows:
        row.status, row.invitation = I.INVITED, invitation
    Irregularity.objects.bulk_update(rows, ["status", "invitation", "time_limit"])
    return invitation


def _notify_invitation(invitation: Invitation, rows) -> None:
    from hague_portal.notifications.models import NotificationKind

    from .letters import invitation_letter

    submission = invitation.examination.submission
    pdf = invitation_letter(invitation=invitation, irregularities=rows)
    name = f"{submission.number}-invitation-{invitation.sequence}.pdf"
    invitation.letter_pdf.save(name, _content(pdf), save=False)
    invitation.save(update_fields=["letter_pdf"])
    _notify(
        submission,
        NotificationKind.INVITATION,
        f"Invitation to correct irregularities: application {submission.number}",
        f"The International Bureau found {len(rows)} irregularit"
        f"{'y' if len(rows) == 1 else 'ies'} in international application "
        f"{submission.number}. Correct them by {invitation.time_limit:%d %B %Y} "
        "(Rule 14(1): three months from the date of the invitation); otherwise the application "
        "will be considered abandoned. Respond online from the application's page.",
        pdf=pdf,
        pdf_name=name,
    )


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def _notify(submission, kind, title, body, *, pdf=None, pdf_name="") -> None:
    from hague_portal.notifications.services import notification_send

    notification_send(
        submission=submission, kind=kind, title=title, body=body, pdf=pdf, pdf_name=pdf_name
    )


# --- responses ---------------------------------------------------------------------------------


def response_submit(*, invitation, user, message: str, document: dict, files: list) -> Response:
    """The applicant's answer: a new frozen revision of the whole document with its SHA-256.
    The original filing (Submission) stays as filed."""
    from hague_portal.submissions.selectors import submission_may_file
    from hague_portal.submissions.services import canonical_sha256

    submission = invitation.examination.submission
    if not submission_may_file(user=user, submission=submission):
        raise ExaminationError("Only the applicant or its representative may respond.")
    with transaction.atomic():
        locked = _locked(invitation.examination)
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _require_answerable(locked, current)
        revision = _next_revision(locked)
        response = Response.objects.create(
            invitation=current,
            revision=revision,
            submitted_by=user,
            submitted_at=timezone.now(),
            message=(message or "").strip(),
            document=document,
            document_sha256=canonical_sha256(document),
            files=list(files),
            findings=_checks(submission, document, files),
        )
        current.irregularities.filter(status=I.INVITED).update(status=I.ANSWERED)
        current.status = InvitationStatus.ANSWERED
        current.save(update_fields=["status"])
        before, locked.status = locked.status, S.RESPONDED
        _refresh_counts(locked)
        _audit_status(
            locked,
            user,
            "response.submitted",
            f"Response to invitation {current.sequence} received: revision {revision}, "
            f"SHA-256 {response.document_sha256[:16]}…",
            before,
            response=response.pk,
            document_sha256=response.document_sha256,
        )
    return response


def _require_answerable(examination: Examination, invitation: Invitation) -> None:
    _require_open(examination)
    if invitation.status not in (InvitationStatus.OPEN, InvitationStatus.ANSWERED):
        raise ExaminationError("This invitation is closed: there is nothing left to answer.")
    if geneva_today() > invitation.time_limit:
        raise ExaminationError(
            f"The time limit ended on {invitation.time_limit:%d %B %Y}; a response can no "
            "longer be accepted (Rule 14(1))."
        )


def _next_revision(examination: Examination) -> int:
    last = (
        Response.objects.filter(invitation__examination=examination)
        .order_by("-revision")
        .values_list("revision", flat=True)
        .first()
    )
    return (last or 0) + 1


def _checks(submission, document: dict, files: list) -> dict:
    """The formality checks run again on the corrected document and the replacement files, as
    of the date of receipt (as the check job does for the filing)."""
    from types import SimpleNamespace

    from hague_portal.submissions import filechecks

    corrected = SimpleNamespace(
        document=document, received_at=submission.received_at, files=list(files)
    )
    findings = [*filechecks.document_findings(corrected), *filechecks.file_findings(corrected)]
    return {"checked_at": timezone.now().isoformat(), "findings": findings}


def irregularities_accept(*, examination, by, irregularity_ids) -> int:
    """An examiner accepts the response: the irregularities are remedied. A date-postponing one
    moves the date of the international registration to the date the correction was received
    (Article 10(2); Rule 14(2))."""
    _require_examiner(by)
    with transaction.atomic():
        locked = _locked(examination)
        _require_open(locked)
        rows = list(
            Irregularity.objects.select_for_update().filter(
                submission_id=locked.pk,
                pk__in=list(irregularity_ids),
                status__in=(I.ANSWERED, I.INVITED),
            )
        )
        if not rows:
            raise ExaminationError("Choose at least one irregularity that was answered.")
        response = _latest_response(locked)
        received = _received_on(response)
        for row in rows:
            row.status, row.remedied_at = I.REMEDIED, timezone.now()
            if row.postpones_date and received:
                locked.date_postponed_to = max(filter(None, (locked.date_postponed_to, received)))
        Irregularity.objects.bulk_update(rows, ["status", "remedied_at"])
        if response is not None:
            locked.revision = response.revision
        locked.save(update_fields=["date_postponed_to", "revision", "updated_at"])
        _close_answered(locked)
        _after_remedy(locked, by, rows, summary_prefix="Accepted")
    return len(rows)


def _latest_response(examination) -> Response | None:
    return (
        Response.objects.filter(invitation__examination=examination).order_by("-revision").first()
    )


def _received_on(response: Response | None) -> date | None:
    return response.submitted_at.astimezone(GENEVA).date() if response else None


def _close_answered(examination) -> None:
    for invitation in examination.invitations.exclude(
        status__in=(InvitationStatus.CLOSED, InvitationStatus.LAPSED)
    ):
        if not invitation.irregularities.filter(status__in=IRREGULARITY_OPEN).exists():
            Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.CLOSED)


def _after_remedy(examination, by, rows, *, summary_prefix: str) -> None:
    from hague_portal.notifications.models import NotificationKind

    before = examination.status
    still_open = Irregularity.objects.filter(
        submission_id=examination.pk, status__in=IRREGULARITY_OPEN
    )
    if not still_open.exists():
        examination.status = S.EXAMINATION
    elif not still_open.exclude(status=I.ANSWERED).exists():
        examination.status = S.RESPONDED
    else:
        examination.status = S.IRREGULAR
    _refresh_counts(examination)
    labels = "; ".join(rule14.kind_of(row.category).label for row in rows)
    _audit_status(
        examination,
        by,
        "irregularity.remedied",
        f"{summary_prefix}: {labels}",
        before,
        irregularities=[row.pk for row in rows],
        date_postponed_to=_iso(examination.date_postponed_to),
    )
    submission = examination.submission
    _notify(
        submission,
        NotificationKind.REMEDIED,
        f"Irregularities remedied: application {submission.number}",
        f"The International Bureau considers remedied: {labels}."
        + (
            f" The date of the international registration will be "
            f"{examination.date_postponed_to:%d %B %Y}, the date the correction was received "
            "(Article 10(2))."
            if examination.date_postponed_to
            else ""
        ),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- fees --------------------------------------------------------------------------------------


def examination_fees_paid(*, submission) -> int:
    """Called by payments in the transaction that marks a payment paid: once the fees expected
    are covered, the fee irregularities are remedied (Rule 14(1): paying remedies them)."""
    from hague_portal.payments.selectors import amount_paid

    examination = Examination.objects.filter(pk=submission.pk).first()
    if examination is None:
        return 0
    locked = _locked(examination)
    if amount_paid(submission) < locked.fees_expected:
        return 0
    rows = list(
        Irregularity.objects.select_for_update().filter(
            submission_id=locked.pk, kind=Irregularity.Kind.FEE, status__in=IRREGULARITY_OPEN
        )
    )
    rows = [row for row in rows if row.category]  # findings not yet reviewed stay for staff
    if not rows:
        return 0
    for row in rows:
        row.status, row.remedied_at = I.REMEDIED, timezone.now()
    Irregularity.objects.bulk_update(rows, ["status", "remedied_at"])
    _close_answered(locked)
    _after_remedy(locked, None, rows, summary_prefix="Fees paid")
    return len(rows)


# --- registration ------------------------------------------------------------------------------


def examination_register(*, examination, by) -> Examination:
    """Register: DM/ + 6 digits from a locked counter, the date of the international
    registration (Article 10(2)) and the publication date (item 17, Rule 17)."""
    if not by.has_perm("examination.register"):
        raise ExaminationError("Only a supervisor may register an international design.")
    from hague_portal.payments.selectors import amount_paid

    with transaction.atomic():
        locked = _locked(examination)
        _require_open(locked)
        _require_registrable(locked, amount_paid(locked.submission))
        submission = locked.submission
        filed_on = submission.received_at.astimezone(GENEVA).date()
        document = document_now(locked)
        locked.registration_date = rule14.registration_date(filed_on, locked.date_postponed_to)
        locked.publication_date = rule14.publication_date(
            locked.registration_date, filed_on, document.get("publication") or {}
        )
        locked.registration_number = registration_number_next()
        before, locked.status = locked.status, S.REGISTERED
        locked.registered_at, locked.time_limit = timezone.now(), None
        locked.save()
        _audit_status(
            locked,
            by,
            "application.registered",
            f"Registered as {locked.registration_number} on "
            f"{locked.registration_date:%d %B %Y}; publication {locked.publication_date:%d %B %Y}",
            before,
            registration_number=locked.registration_number,
            registration_date=locked.registration_date.isoformat(),
            publication_date=locked.publication_date.isoformat(),
        )
        _notify_registered(locked)
    return locked


def _require_registrable(examination, paid) -> None:
    if examination.status == S.RECEIVED:
        raise ExaminationError("The formality checks have not run yet.")
    waiting = Irregularity.objects.filter(
        submission_id=examination.pk,
        status__in=(*IRREGULARITY_OPEN, I.AWAITING_REVIEW),
    ).count()
    if waiting:
        raise ExaminationError(
            f"{waiting} irregularit{'y is' if waiting == 1 else 'ies are'} still open or awaiting "
            "review: remedy or dismiss them before registering."
        )
    if paid < examination.fees_expected:
        raise ExaminationError(
            f"{examination.fees_expected - paid:.2f} CHF of fees is still due: raise a fee "
            "irregularity (Rule 14) rather than register."
        )


def registration_number_next() -> str:
    """The next international registration number, "DM/123456": locked like application
    numbers, so never skipped nor reused."""
    ApplicationNumberCounter.objects.bulk_create(
        [ApplicationNumberCounter(series=REGISTRATION_SERIES)], ignore_conflicts=True
    )
    counter = ApplicationNumberCounter.objects.select_for_update().get(series=REGISTRATION_SERIES)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{REGISTRATION_SERIES}/{counter.last:0{REGISTRATION_DIGITS}d}"


def document_now(examination) -> dict:
    """The application as it now stands: the last accepted revision, else as filed."""
    if examination.revision:
        response = Response.objects.filter(
            invitation__examination=examination, revision=examination.revision
        ).first()
        if response is not None:
            return response.document
    return examination.submission.document


def _notify_registered(examination) -> None:
    from hague_portal.notifications.models import NotificationKind

    from .letters import registration_certificate

    submission = examination.submission
    _notify(
        submission,
        NotificationKind.REGISTERED,
        f"International registration {examination.registration_number} "
        f"(application {submission.number})",
        f"International application {submission.number} is registered as "
        f"{examination.registration_number}. Date of the international registration: "
        f"{examination.registration_date:%d %B %Y}. Publication in the International Designs "
        f"Bulletin: {examination.publication_date:%d %B %Y}.",
        pdf=registration_certificate(examination=examination),
        pdf_name=f"{examination.registration_number.replace('/', '-')}-certificate.pdf",
    )


# --- time limits (beat) ------------------------------------------------------------------------


@dataclass(frozen=True)
class LapseResult:
    abandoned: int = 0
    designations_removed: int = 0


def examinations_lapse(*, today: date | None = None) -> LapseResult:
    """Beat: irregularities not answered by the end of their time limit lapse. An Article 5(2)
    one removes the designations concerned; any other makes the application considered
    abandoned, with the fees refunded less the basic fee (Rule 14(3))."""
    today = today or geneva_today()
    due = (
        Irregularity.objects.filter(status=I.INVITED, time_limit__lt=today)
        .values_list("submission_id", flat=True)
        .distinct()
    )
    abandoned = removed = 0
    for submission_id in list(due):
        with transaction.atomic():
            outcome = _lapse_one(Examination.objects.get(pk=submission_id), today)
        abandoned += outcome == "abandoned"
        removed += outcome == "designations"
    return LapseResult(abandoned, removed)


def _lapse_one(examination, today) -> str:
    locked = _locked(examination)
    if locked.status in (S.REGISTERED, S.ABANDONED):
        return ""
    rows = list(
        Irregularity.objects.select_for_update().filter(
            submission_id=locked.pk, status=I.INVITED, time_limit__lt=today
        )
    )
    if not rows:
        return ""  # answered meanwhile: the response arrived in time
    for row in rows:
        row.status = I.LAPSED
    Irregularity.objects.bulk_update(rows, ["status"])
    Invitation.objects.filter(
        examination=locked, status=InvitationStatus.OPEN, time_limit__lt=today
    ).update(status=InvitationStatus.LAPSED)
    parties = _designations_lapsing(rows)
    remaining = [
        code
        for code in (locked.submission.document.get("designations") or [])
        if code not in set(locked.designations_removed) | parties
    ]
    if any(rule14.kind_of(r.category).on_lapse == rule14.ON_LAPSE_ABANDON for r in rows) or (
        not remaining
    ):
        _abandon(locked, rows)
        return "abandoned"
    _remove_designations(locked, rows, sorted(parties), remaining)
    return "designations"


def _designations_lapsing(rows) -> set[str]:
    return {
        party
        for row in rows
        if rule14.kind_of(row.category).on_lapse == rule14.ON_LAPSE_DESIGNATION
        for party in (row.details or {}).get("parties") or []
    }


def _abandon(examination, rows) -> None:
    from hague_portal.notifications.models import NotificationKind

    from .letters import abandonment_letter

    refund = _refund(examination)
    before = examination.status
    examination.status, examination.abandoned_at = S.ABANDONED, timezone.now()
    examination.refund_amount = refund
    examination.save(update_fields=["status", "abandoned_at", "refund_amount", "updated_at"])
    _refresh_counts(examination)
    _audit_status(
        examination,
        None,
        "application.abandoned",
        f"Considered abandoned: not remedied by the time limit; {refund:.2f} CHF refunded "
        "(fees paid less the basic fee, Rule 14(3))",
        before,
        irregularities=[row.pk for row in rows],
        refund=str(refund),
    )
    submission = examination.submission
    _notify(
        submission,
        NotificationKind.ABANDONED,
        f"Application {submission.number} considered abandoned",
        f"The irregularities in international application {submission.number} were not "
        "remedied within the time limit, so the application is considered abandoned "
        f"(Rule 14(3)). {refund:.2f} CHF is refunded: the fees paid less an amount "
        "corresponding to the basic fee.",
        pdf=abandonment_letter(examination=examination, irregularities=rows),
        pdf_name=f"{submission.number}-abandoned.pdf",
    )


def _refund(examination) -> Decimal:
    """Rule 14(3): the fees paid, less an amount corresponding to the basic fee; credited to
    the current account that paid them, otherwise owed by transfer (staff)."""
    from hague_portal.payments.selectors import amount_paid
    from hague_portal.payments.services import refund_to_current_accounts

    submission = examination.submission
    basic = sum(
        (
            Decimal(line.get("amount") or "0")
            for line in (submission.fees or {}).get("lines") or []
            if line.get("kind") == "basic"
        ),
        Decimal("0"),
    )
    refund = max(amount_paid(submission) - basic, Decimal("0"))
    if refund:
        refund_to_current_accounts(submission=submission, amount=refund)
    return refund


def _remove_designations(examination, rows, parties, remaining) -> None:
    from hague_portal.notifications.models import NotificationKind

    before = list(examination.designations_removed)
    examination.designations_removed = sorted(set(before) | set(parties))
    examination.parties = _parties_field(remaining)
    examination.save(update_fields=["designations_removed", "parties", "updated_at"])
    _after_lapse_status(examination)
    names = ", ".join(parties)
    audit(
        submission=examination.submission,
        actor=None,
        action="designation.removed",
        summary=f"Designation(s) deemed not made: {names} (Article 5(2) requirement not met "
        "within the time limit)",
        before={"designations_removed": before},
        after={"designations_removed": examination.designations_removed},
        applicant_visible=True,
    )
    submission = examination.submission
    _notify(
        submission,
        NotificationKind.DESIGNATION_REMOVED,
        f"Designation(s) {names} deemed not made: application {submission.number}",
        f"What {names} requires (identity of the creator, description or claim, Article 5(2)) "
        "was not received within the time limit, so the application is deemed not to contain "
        f"the designation of {names}. It goes on for the other designated Contracting Parties.",
    )


def _after_lapse_status(examination) -> None:
    still_open = Irregularity.objects.filter(
        submission_id=examination.pk, status__in=IRREGULARITY_OPEN
    )
    if not still_open.exists():
        examination.status = S.EXAMINATION
    _refresh_counts(examination)


def examinations_remind(*, today: date | None = None) -> int:
    """Beat: a reminder one month and one week before a time limit ends, each sent once
    (claimed with a conditional UPDATE, so two beat runs never send it twice). An invitation
    already inside its last week gets the week reminder only."""
    from hague_portal.hague.periods import add_months

    today = today or geneva_today()
    week, month = today + timedelta(days=7), add_months(today, 1)
    candidates = Invitation.objects.filter(status=InvitationStatus.OPEN, time_limit__gte=today)
    sent = 0
    for invitation in candidates.filter(
        Q(reminded_week_at=None, time_limit__lte=week)
        | Q(reminded_month_at=None, time_limit__lte=month)
    ).select_related("examination__submission"):
        in_last_week = invitation.time_limit <= week
        field = "reminded_week_at" if in_last_week else "reminded_month_at"
        if _claim(invitation, field):
            _notify_reminder(invitation, "one week" if in_last_week else "one month")
            sent += 1
    return sent


def _claim(invitation, field: str) -> bool:
    now = timezone.now()
    claimed = {field: now}
    if field == "reminded_week_at":  # the month reminder is pointless now
        claimed["reminded_month_at"] = Coalesce(F("reminded_month_at"), Value(now))
    return bool(
        Invitation.objects.filter(pk=invitation.pk, **{f"{field}__isnull": True}).update(**claimed)
    )


def _notify_reminder(invitation, words: str) -> None:
    from hague_portal.notifications.models import NotificationKind

    submission = invitation.examination.submission
    with transaction.atomic():
        _notify(
            submission,
            NotificationKind.REMINDER,
            f"Time limit ends {invitation.time_limit:%d %B %Y}: application {submission.number}",
            f"Reminder: {words} is left to correct the irregularities in international "
            f"application {submission.number}. The time limit ends on "
            f"{invitation.time_limit:%d %B %Y} (Rule 14(1)); after it the application will be "
            "considered abandoned. Respond online from the application's page.",
        )
        audit(
            submission=submission,
            actor=None,
            action="reminder.sent",
            summary=f"Reminder sent: {words} before the time limit of invitation "
            f"{invitation.sequence}",
            applicant_visible=True,
        )
