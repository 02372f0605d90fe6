"""Rule 14(1): invitations, the applicant's responses (new frozen revisions), acceptance, and fee
irregularities remedied by payment."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.events.services import unit
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA, geneva_today
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    Irregularity,
)

from ..models import (
    Examination,
    Invitation,
    InvitationStatus,
    Response,
)
from .common import (
    ExaminationError,
    I,
    S,
    _content,
    _iso,
    _locked,
    _record_status,
    _refresh_counts,
    _require_examiner,
    _require_open,
    in_application_language,
    long_date,
    record_date,
    status_from_irregularities,
)

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
    with unit():
        locked = _locked(examination)
        _require_open(locked)
        rows = list(
            Irregularity.objects.select_for_update()
            .filter(submission_id=locked.pk, status__in=statuses)
            .order_by("id")
        )
        if not rows:
            raise ExaminationError(_("There is no irregularity to send: raise one first."))
        invitation = _invitation_create(locked, by, note, rows)
        _close_answered(locked)  # an answered invitation whose rows moved to this one is done
        before = locked.status
        locked.status = S.IRREGULAR
        _refresh_counts(locked)
        _invitation_letter(invitation, rows)
        _record_status(
            locked,
            by,
            action,
            f"Invitation {invitation.sequence} sent: {len(rows)} irregularit"
            f"{'y' if len(rows) == 1 else 'ies'} to correct by {record_date(invitation.time_limit)}",
            before,
            invitation=invitation.pk,
            time_limit=invitation.time_limit.isoformat(),
            irregularities=[row.pk for row in rows],
        )
    return invitation


def _invitation_create(examination, by, note, rows) -> Invitation:
    now = timezone.now()
    fresh_limit = rule14.response_time_limit(reference_data(), now.astimezone(GENEVA).date())
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


def _invitation_letter(invitation: Invitation, rows) -> None:
    """The International Bureau's letter, in the application's language, kept with the
    invitation (the notification sends it; the application's page links to it)."""
    from ..letters import invitation_letter

    submission = invitation.examination.submission
    with in_application_language(submission):
        pdf = invitation_letter(invitation=invitation, irregularities=rows)
    name = f"{submission.number}-invitation-{invitation.sequence}.pdf"
    invitation.letter_pdf.save(name, _content(pdf), save=False)
    invitation.save(update_fields=["letter_pdf"])


# --- responses ---------------------------------------------------------------------------------


def response_submit(*, invitation, user, message: str, document: dict, files: list) -> Response:
    """The applicant's answer: a new frozen revision of the whole document with its SHA-256.
    The original filing (Submission) stays as filed."""
    from hague_portal.submissions.selectors import submission_may_file
    from hague_portal.submissions.services import canonical_sha256

    submission = invitation.examination.submission
    if not submission_may_file(user=user, submission=submission):
        raise ExaminationError(_("Only the applicant or its representative may respond."))
    with unit():
        locked = _locked(invitation.examination)
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _require_answerable(locked, current)
        revision = revision_next(locked)
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
        _record_status(
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
        raise ExaminationError(_("This invitation is closed: there is nothing left to answer."))
    if geneva_today() > invitation.time_limit:
        raise ExaminationError(
            _(
                "The time limit ended on %(date)s; a response can no longer be accepted "
                "(Rule 14(1))."
            )
            % {"date": long_date(invitation.time_limit)}
        )


def revision_next(examination: Examination) -> int:
    """The next revision number of the application's document (0 is the filing)."""
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
    with unit():
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
            raise ExaminationError(_("Choose at least one irregularity that was answered."))
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
    before = examination.status
    status_from_irregularities(examination)
    _refresh_counts(examination)
    labels = "; ".join(rule14.kind_of(row.category).label_en for row in rows)
    _record_status(
        examination,
        by,
        "irregularity.remedied",
        f"{summary_prefix}: {labels}",
        before,
        irregularities=[row.pk for row in rows],
        date_postponed_to=_iso(examination.date_postponed_to),
    )


# --- fees --------------------------------------------------------------------------------------


def examination_fees_paid(*, submission, paid) -> int:
    """Called by payments in the transaction that marks a payment paid, with all that is paid
    now: kept as the examination's `fees_paid`, and once the fees expected are covered, the fee
    irregularities are remedied (Rule 14(1): paying remedies them)."""
    examination = Examination.objects.filter(pk=submission.pk).first()
    if examination is None:
        return 0
    locked = _locked(examination)
    locked.fees_paid = paid
    locked.save(update_fields=["fees_paid", "updated_at"])
    if paid < locked.fees_expected:
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
