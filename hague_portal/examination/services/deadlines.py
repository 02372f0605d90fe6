"""Beat: time limits that pass (Rule 14(3)) and reminders before they do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hague_portal.events.services import event_record, unit
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.periods import period_end
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    Irregularity,
)

from ..models import (
    CLOSED_STATUSES,
    Examination,
    Invitation,
    InvitationStatus,
)
from .common import (
    I,
    S,
    _locked,
    _parties_field,
    _record_status,
    _refresh_counts,
    status_from_irregularities,
)

# --- time limits (beat) ------------------------------------------------------------------------


@dataclass(frozen=True)
class LapseResult:
    abandoned: int = 0
    designations_removed: int = 0


def examinations_lapse(*, today: date | None = None) -> LapseResult:
    """Beat: irregularities not answered by the end of their time limit lapse. An Article 5(2)
    one removes the designations concerned; any other makes the application considered
    abandoned, with the fees refunded less the basic fee (Rule 14(3)). Time limits that now end
    on a day the International Bureau is closed are extended first (Rule 4(4))."""
    today = today or geneva_today()
    time_limits_extend()
    due = (
        Irregularity.objects.filter(status=I.INVITED, time_limit__lt=today)
        # A withdrawn application keeps its irregularities as they stood: nothing lapses.
        .exclude(submission__examination__status=S.WITHDRAWN)
        .values_list("submission_id", flat=True)
        .distinct()
    )
    abandoned = removed = 0
    for submission_id in list(due):
        with unit():
            outcome = _lapse_one(Examination.objects.get(pk=submission_id), today)
        abandoned += outcome == "abandoned"
        removed += outcome == "designations"
    return LapseResult(abandoned, removed)


def _lapse_one(examination, today) -> str:
    locked = _locked(examination)
    if locked.status in CLOSED_STATUSES:
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


def time_limits_extend() -> int:
    """Rule 4(4) for the time limits already running: when a day the International Bureau is
    closed is added to the reference data after an invitation was sent (an unforeseen closure,
    a corrected holiday), a time limit ending that day moves to the next day it is open. Only
    ever later: a time limit stated in a letter is never shortened. Returns the applications
    whose time limit moved."""
    ref = reference_data()
    running = Invitation.objects.filter(status=InvitationStatus.OPEN)
    moved = 0
    for day in running.values_list("time_limit", flat=True).distinct():
        if ref.ib_closed(day):
            moved += _time_limit_move(day, ref.ib_next_working_day(day))
    return moved


def _time_limit_move(day: date, to: date) -> int:
    examinations = Examination.objects.filter(
        invitations__status=InvitationStatus.OPEN, invitations__time_limit=day
    ).distinct()
    for examination in examinations:
        with unit():
            locked = _locked(examination)
            Invitation.objects.filter(
                examination=locked, status=InvitationStatus.OPEN, time_limit=day
            ).update(time_limit=to)
            Irregularity.objects.filter(
                submission_id=locked.pk, status__in=IRREGULARITY_OPEN, time_limit=day
            ).update(time_limit=to)
            _refresh_counts(locked)
            event_record(
                submission=locked.submission,
                actor=None,
                kind="time_limit.extended",
                summary=f"Time limit extended from {day.isoformat()} to {to.isoformat()}: the "
                "International Bureau is closed on that day (Rule 4(4))",
                before={"time_limit": day.isoformat()},
                after={"time_limit": to.isoformat()},
                applicant_visible=True,
            )
    return len(examinations)


def _designations_lapsing(rows) -> set[str]:
    return {
        party
        for row in rows
        if rule14.kind_of(row.category).on_lapse == rule14.ON_LAPSE_DESIGNATION
        for party in (row.details or {}).get("parties") or []
    }


def _abandon(examination, rows) -> None:
    refund = refund_due(examination)
    before = examination.status
    examination.status, examination.abandoned_at = S.ABANDONED, timezone.now()
    examination.refund_amount = refund
    examination.save(update_fields=["status", "abandoned_at", "refund_amount", "updated_at"])
    _refresh_counts(examination)
    _record_status(
        examination,
        None,
        "application.abandoned",
        f"Considered abandoned: not remedied by the time limit; {refund:.2f} CHF refunded "
        "(fees paid less the basic fee, Rule 14(3))",
        before,
        irregularities=[row.pk for row in rows],
        refund=str(refund),
    )


def refund_due(examination) -> Decimal:
    """Rule 14(3): the fees paid, less an amount corresponding to the basic fee; credited to
    the current account that paid them, otherwise owed by transfer (staff)."""
    submission = examination.submission
    basic = sum(
        (
            Decimal(line.get("amount") or "0")
            for line in (submission.fees or {}).get("lines") or []
            if line.get("kind") == "basic"
        ),
        Decimal("0"),
    )
    # The money goes back by the payments consumer of the application.abandoned event.
    return max(examination.fees_paid - basic, Decimal("0"))


def _remove_designations(examination, rows, parties, remaining) -> None:
    before = list(examination.designations_removed)
    status_before = examination.status
    examination.designations_removed = sorted(set(before) | set(parties))
    examination.parties = _parties_field(remaining)
    examination.save(update_fields=["designations_removed", "parties", "updated_at"])
    _after_lapse_status(examination)
    # The lapsed irregularity may have been the last one invited: irregular -> under
    # examination, a status change like any other (before/after "status").
    event_record(
        submission=examination.submission,
        actor=None,
        kind="designation.removed",
        summary=f"Designation(s) deemed not made: {', '.join(parties)} (Article 5(2) "
        "requirement not met within the time limit)",
        before={"designations_removed": before, "status": status_before},
        after={
            "designations_removed": examination.designations_removed,
            "status": examination.status,
        },
        applicant_visible=True,
    )


def _after_lapse_status(examination) -> None:
    status_from_irregularities(examination)
    _refresh_counts(examination)


def examinations_remind(*, today: date | None = None) -> int:
    """Beat: a reminder one month and one week before a time limit ends, each sent once
    (claimed with a conditional UPDATE, so two beat runs never send it twice). An invitation
    already inside its last week gets the week reminder only."""
    today = today or geneva_today()
    week, month = period_end(today, days=7), period_end(today, months=1)
    candidates = Invitation.objects.filter(status=InvitationStatus.OPEN, time_limit__gte=today)
    sent = 0
    for invitation in candidates.filter(
        Q(reminded_week_at=None, time_limit__lte=week)
        | Q(reminded_month_at=None, time_limit__lte=month)
    ).select_related("examination__submission"):
        sent += _remind(invitation, in_last_week=invitation.time_limit <= week)
    return sent


def _claim(invitation, field: str) -> bool:
    now = timezone.now()
    claimed = {field: now}
    if field == "reminded_week_at":  # the month reminder is pointless now
        claimed["reminded_month_at"] = Coalesce(F("reminded_month_at"), Value(now))
    return bool(
        Invitation.objects.filter(pk=invitation.pk, **{f"{field}__isnull": True}).update(**claimed)
    )


def _remind(invitation, *, in_last_week: bool) -> bool:
    """Claimed and recorded in one transaction: a reminder is sent once, or not at all."""
    words = "one week" if in_last_week else "one month"  # the audit trail's (staff) wording
    with unit():
        if not _claim(invitation, "reminded_week_at" if in_last_week else "reminded_month_at"):
            return False
        event_record(
            submission=invitation.examination.submission,
            actor=None,
            kind="reminder.sent",
            summary=f"Reminder sent: {words} before the time limit of invitation "
            f"{invitation.sequence}",
            after={"invitation": invitation.pk, "week": in_last_week},
            applicant_visible=True,
        )
    return True
