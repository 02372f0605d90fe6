"""The workbench's consumer of the event stream: the tab a filed application shows under
(filings.Draft.workbench_state, one indexed column the workbench filters and counts on) follows
the application's status; once registered, its designations' states (portfolio.Protection, read
with the list's rows and filtered on) follow the Register's events (issue 22)."""

from __future__ import annotations

from hague_portal.events.registry import Consumer
from hague_portal.examination.models import Examination, ExaminationStatus
from hague_portal.filings.models import Draft
from hague_portal.hague.renewal import renewal_dates
from hague_portal.reference.selectors import reference_data
from hague_portal.register.models import (
    Designation,
    DesignationStatus,
    Registration,
    SecondPartStatus,
)
from hague_portal.submissions.models import Submission

from .models import Protection

S = ExaminationStatus
# The workbench's tab of a filed application; every other status is "filed".
WORKBENCH_STATES = {
    S.IRREGULAR: "irregular",
    S.REGISTERED: "registered",
    S.ABANDONED: "abandoned",
    S.WITHDRAWN: "withdrawn",
}
# Every kind that can move an application's status, and its filing.
KINDS = frozenset(
    {
        "application.filed",
        "checks.run",
        "checks.done",
        "invitation.sent",
        "invitation.again",
        "response.submitted",
        "irregularity.remedied",
        "designation.removed",
        "application.registered",
        "application.abandoned",
        "application.withdrawn",
    }
)
# The Register's kinds: what each designated party decided, the second parts of fees.
REGISTER_KINDS = frozenset(
    {
        "application.registered",
        "registration.published",
        "designation.refused",
        "designation.refusal_withdrawn",
        "designation.granted",
        "designation.protected",
        "second_part.due",
        "second_part.paid",
        "designation.cancelled",
        # Issue 23: the renewal's dates and the registration's status in the Register.
        "registration.renewed",
        "registration.lapsed",
    }
)
D = DesignationStatus
# The workbench's filter by decision (selectors.PROTECTION_FILTERS): a designation's token.
PROTECTION_TOKENS = {
    D.AWAITING: "awaiting",
    D.REFUSED: "refused",
    D.WITHDRAWN: "protected",  # protection from the withdrawal (Article 14(2)(b))
    D.GRANTED: "protected",
    D.PROTECTED: "protected",
    D.CANCELLED: "cancelled",
}


def workbench_state_sync(*, submission_id) -> None:
    """The draft's tab from the application's status as it is now (so a delivery re-run late, or
    two out of order, still leave it right)."""
    status = Examination.objects.filter(pk=submission_id).values_list("status", flat=True).first()
    Draft.objects.filter(submission__pk=submission_id).update(
        workbench_state=WORKBENCH_STATES.get(status, "filed")
    )


def protection_sync(*, submission_id) -> None:
    """The registration's designations as the workbench reads them, from the Register as it is
    now (idempotent, like the tab); no row before registration."""
    draft_id = Submission.objects.filter(pk=submission_id).values_list("draft_id", flat=True)
    rows = list(
        Designation.objects.filter(registration_id=submission_id)
        .select_related("second_part")
        .order_by("party")
    )
    if not rows:
        Protection.objects.filter(draft_id__in=draft_id).delete()
        return
    parties = [_party(row) for row in rows]
    tokens = {PROTECTION_TOKENS[row.status] for row in rows}
    tokens |= {"due" for p in parties if p["second_part"] == SecondPartStatus.DUE}
    registration = Registration.objects.only("registration_date", "term", "expiry", "status").get(
        pk=submission_id
    )
    Protection.objects.update_or_create(
        draft_id=draft_id.get(),
        defaults={
            "states": " " + " ".join(sorted(tokens)) + " ",
            "parties": parties,
            **renewal_columns(registration),
        },
    )


def renewal_columns(registration, ref=None) -> dict:
    """Where the registration stands for its next renewal, as Protection keeps it: the dates
    of the term running (Rule 23, Rule 24(1)(c), through Rule 4(4))."""
    if registration.expiry is None:
        return {"register_status": registration.status, "term": registration.term}
    dates = renewal_dates(
        ref or reference_data(), registration.registration_date, registration.term
    )
    return {
        "register_status": registration.status,
        "term": registration.term,
        "expiry": dates.expiry,
        # The window opens with the Rule 23 reminder (register.services.renewals.renewal_window).
        "renewal_opens": dates.reminder_on,
        "due": dates.due,
        "grace_end": dates.grace_end,
    }


def _party(row) -> dict:
    part = getattr(row, "second_part", None)  # none asked for: the reverse relation raises
    return {
        "party": row.party,
        "status": row.status,
        "second_part": part.status if part else "",
        "time_limit": part.time_limit.isoformat() if part else "",
    }


def renewal_sync(*, submission_id) -> None:
    """After a renewal only the renewal's columns change (the designations' decisions do not):
    two queries, not the whole row's six (a bulk renewal runs this once a registration)."""
    registration = Registration.objects.only("registration_date", "term", "expiry", "status").get(
        pk=submission_id
    )
    Protection.objects.filter(draft__submission__pk=submission_id).update(
        **renewal_columns(registration)
    )


def event_to_workbench(event) -> None:
    if event.kind in KINDS:
        workbench_state_sync(submission_id=event.submission_id)
    if event.kind == "registration.renewed":
        renewal_sync(submission_id=event.submission_id)
    elif event.kind in REGISTER_KINDS:
        protection_sync(submission_id=event.submission_id)


# After the examination consumer, which opens the examination of a filed application, and the
# Register's, which opens the registration of a registered one.
CONSUMER = Consumer(
    name="workbench",
    kinds=KINDS | REGISTER_KINDS,
    handle=event_to_workbench,
    order=30,
    after=("examination", "register"),
)
