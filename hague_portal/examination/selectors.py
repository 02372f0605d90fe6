"""Reads of the examination for the application's page: the status timeline (received → checks →
invitations and responses → registered or abandoned → publication), the audit trail the reader
may see, the open irregularities grouped by invitation, and the document as it now stands.

Every function runs a fixed number of queries, whatever the number of invitations, responses or
events (the page is asserted constant in tests/examination/test_timeline.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from hague_portal.events.models import Event
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA, geneva_today
from hague_portal.hague.items import item_reference
from hague_portal.submissions.models import IRREGULARITY_OPEN, Irregularity

from .event_words import event_line
from .event_words_renewal import RENEWAL_STEPS
from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Examination,
    ExaminationStatus,
    Invitation,
    InvitationStatus,
    Response,
)

# Audit actions that are steps of the timeline of their own (invitations and responses come
# from their rows, which say more).
_EVENT_STEPS = {
    "checks.done": gettext_noop("Formality checks done"),
    "irregularity.remedied": gettext_noop("Irregularities remedied"),
    "designation.removed": gettext_noop("Designations deemed not made"),
    "time_limit.extended": gettext_noop("Time limit extended"),
    # After registration (issue 22): the designated Offices' decisions, per party.
    "designation.refused": gettext_noop("Refusal notified"),
    "designation.refusal_withdrawn": gettext_noop("Refusal withdrawn"),
    "designation.granted": gettext_noop("Protection granted"),
    "designation.protected": gettext_noop("Protected"),
    "second_part.due": gettext_noop("Second part of the fee due"),
    "designation.cancelled": gettext_noop("Cancelled for a party"),
    **RENEWAL_STEPS,  # issue 23
}
REGISTER_STEPS = (
    "designation.refused",
    "designation.refusal_withdrawn",
    "designation.granted",
    "designation.protected",
    "second_part.due",
    "designation.cancelled",
    *RENEWAL_STEPS,
)


@dataclass
class Step:
    kind: str  # received | checks | invitation | response | remedied | registered | ...
    title: str
    at: datetime | None = None  # when it happened (Geneva time); None: a date only
    on: date | None = None
    lines: list[str] = field(default_factory=list)
    state: str = "done"  # done | current | future | failed
    invitation: Invitation | None = None
    response: Response | None = None
    countdown: str = ""  # "Respond by 28 February 2027 — 91 days left"


def examination_for_submission(submission) -> Examination:
    return Examination.objects.select_related("submission").get(pk=submission.pk)


def audit_events(*, submission, for_staff: bool):
    """The application's audit trail, oldest first; the applicant sees only its own part."""
    events = Event.objects.filter(submission=submission).select_related("actor", "submission")
    return events if for_staff else events.filter(applicant_visible=True)


def worded(events) -> list[Event]:
    """The events, each with `text`: what it says in the reader's language (event_words)."""
    events = list(events)
    # The examiners that assignments name, read once for the list (not once an event).
    ids = {(e.after or {}).get("examiner") for e in events if e.kind == "examination.assigned"}
    users = get_user_model().objects.in_bulk(ids - {None}) if ids - {None} else {}
    for event in events:
        if event.kind == "examination.assigned":
            event.examiner = users.get((event.after or {}).get("examiner"))
        event.text = event_line(event)
    return events


def application_document_now(examination) -> dict:
    """The application as it now stands: the latest accepted revision, else as filed."""
    from .services import document_now

    return document_now(examination)


def invitations_with_irregularities(examination) -> list[Invitation]:
    """Every invitation, oldest first, each with its irregularities and responses loaded."""
    return list(
        Invitation.objects.filter(examination=examination)
        .order_by("sequence")
        .prefetch_related(
            Prefetch("irregularities", queryset=Irregularity.objects.order_by("id")),
            Prefetch(
                "responses",
                queryset=Response.objects.order_by("revision").select_related("submitted_by"),
            ),
        )
    )


def invitation_is_answerable(invitation: Invitation, examination: Examination) -> str:
    """ "" when a response may be sent now, else why not (for the user)."""
    from .services.common import long_date

    if examination.status in CLOSED_STATUSES:
        return _("This application is %(status)s.") % {
            "status": examination.get_status_display().lower()
        }
    if invitation.status not in (InvitationStatus.OPEN, InvitationStatus.ANSWERED):
        return _("This invitation is closed: there is nothing left to answer.")
    if geneva_today() > invitation.time_limit:
        return _(
            "The time limit ended on %(date)s; a response can no longer be accepted (Rule 14(1))."
        ) % {"date": long_date(invitation.time_limit)}
    return ""


def open_irregularities(invitation: Invitation) -> list[Irregularity]:
    """The invitation's irregularities still awaiting a response or the examiner, each with the
    label of its Rule 14 kind (`label`)."""
    rows = [row for row in invitation.irregularities.all() if row.status in IRREGULARITY_OPEN]
    for row in rows:
        row.label = rule14.kind_of(row.category).label
    return rows


def countdown(time_limit: date, *, today: date | None = None, respond: bool = True) -> str:
    """ "Respond by 28 February 2027 — 91 days left", in Geneva days (Rule 14(1)); "Time limit
    28 February 2027 — …" when `respond` is False (an invitation answered already)."""
    from .services.common import long_date

    days = (time_limit - (today or geneva_today())).days
    on = long_date(time_limit)
    if days < 0:
        return _("Time limit %(date)s — time limit passed") % {"date": on}
    if days == 0:
        if respond:
            return _("Respond by %(date)s — today is the last day") % {"date": on}
        return _("Time limit %(date)s — today is the last day") % {"date": on}
    if respond:
        text = ngettext(
            "Respond by %(date)s — %(days)d day left",
            "Respond by %(date)s — %(days)d days left",
            days,
        )
    else:
        text = ngettext(
            "Time limit %(date)s — %(days)d day left",
            "Time limit %(date)s — %(days)d days left",
            days,
        )
    return text % {"date": on, "days": days}


def file_entry(*, submission, sha256: str) -> dict | None:
    """The stored file with this SHA-256 among the filing's files and its responses' files."""
    for entry in submission.files:
        if entry.get("sha256") == sha256:
            return entry
    for files in Response.objects.filter(invitation__examination_id=submission.pk).values_list(
        "files", flat=True
    ):
        for entry in files or []:
            if entry.get("sha256") == sha256:
                return entry
    return None


# --- the timeline ------------------------------------------------------------------------------


def examination_timeline(*, submission, for_staff: bool, examination=None, invitations=None):
    """The steps of the application's life after filing, in order, with what comes next."""
    examination = examination or examination_for_submission(submission)
    if invitations is None:
        invitations = invitations_with_irregularities(examination)
    events = list(audit_events(submission=submission, for_staff=for_staff))
    steps = [_received(submission), *_event_steps(events, "checks.done")]
    if examination.status == ExaminationStatus.RECEIVED:
        steps.append(Step("checks", _("Formality checks"), state="current", lines=[_("Running.")]))
    middle = _event_steps(
        events, "irregularity.remedied", "designation.removed", "time_limit.extended"
    )
    for invitation in invitations:
        middle.append(_invitation_step(invitation, examination))
        middle += [_response_step(response) for response in invitation.responses.all()]
    middle.sort(key=lambda step: step.at)  # a stable sort: a response stays after its invitation
    after = _event_steps(events, *REGISTER_STEPS)  # each Office's decisions, after publication
    return [*steps, *middle, *_outcome_steps(examination, events), *after]


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(GENEVA) if moment else None


def _received(submission) -> Step:
    return Step(
        "received",
        _("Received: application %(number)s") % {"number": submission.number},
        at=_local(submission.received_at),
        lines=[_("Date and time of receipt, Geneva time.")],
    )


def _event_steps(events, *actions) -> list[Step]:
    return [
        Step(event.kind.split(".")[0], _(_EVENT_STEPS[event.kind]), at=_local(event.at),
             lines=[event_line(event)])
        for event in events
        if event.kind in actions
    ]  # fmt: skip


def _invitation_step(invitation: Invitation, examination: Examination) -> Step:
    from .services.common import long_date

    rows = list(invitation.irregularities.all())
    step = Step(
        "invitation",
        _("Invitation %(sequence)s to correct irregularities") % {"sequence": invitation.sequence},
        at=_local(invitation.sent_at),
        lines=[_irregularity_line(row) for row in rows],
        state="done",
        invitation=invitation,
    )
    if invitation.status == InvitationStatus.OPEN and examination.status not in CLOSED_STATUSES:
        step.state = "current"
        step.countdown = countdown(invitation.time_limit)
    else:
        step.lines.append(
            _("Time limit %(date)s: %(status)s.")
            % {
                "date": long_date(invitation.time_limit),
                "status": invitation.get_status_display().lower(),
            }
        )
    return step


def _irregularity_line(row) -> str:
    """ "Indication of the products (item 8)"; the part named as the Guide names it."""
    label = rule14.kind_of(row.category).label
    return f"{label} ({item_reference(row.item)})" if row.item else label


def _response_step(response: Response) -> Step:
    return Step(
        "response",
        _("Response sent: revision %(revision)s") % {"revision": response.revision},
        at=_local(response.submitted_at),
        lines=[
            f"SHA-256 {response.document_sha256}",
            (_("By %(user)s: “%(message)s”") if response.message else _("By %(user)s"))
            % {"user": response.submitted_by, "message": response.message},
        ],
        response=response,
    )


def _outcome_steps(examination: Examination, events) -> list[Step]:
    from .services.common import long_date

    if examination.status == ExaminationStatus.REGISTERED:
        published = examination.publication_date <= geneva_today()
        return [
            Step(
                "registered",
                _("Registered: %(registration)s")
                % {"registration": examination.registration_number},
                at=_local(examination.registered_at),
                lines=[
                    _("Date of the international registration: %(date)s.")
                    % {"date": long_date(examination.registration_date)}
                ],
            ),
            Step(
                "publication",
                _("Published") if published else _("Publication"),
                on=examination.publication_date,
                lines=[
                    _("International Designs Bulletin: %(date)s.")
                    % {"date": long_date(examination.publication_date)}
                ],
                state="done" if published else "future",
            ),
        ]
    if examination.status == ExaminationStatus.ABANDONED:
        return [_abandoned(examination, events)]
    if examination.status == ExaminationStatus.WITHDRAWN:
        return [_withdrawn(examination, events)]
    return [
        Step(
            "registered",
            _("Registration"),
            lines=[_("When no irregularity remains, the International Bureau registers the "
                     "design(s) and publishes them.")],
            state="future",
        )
    ]  # fmt: skip


def _abandoned(examination: Examination, events) -> Step:
    summaries = [event_line(event) for event in events if event.kind == "application.abandoned"]
    lines = summaries[-1:] or [_("The time limit passed without the irregularities remedied.")]
    if examination.refund_amount is not None and not summaries:  # the event names the refund
        lines.append(
            _("Refund: %(amount)s %(currency)s (the fees paid less the basic fee, Rule 14(3)).")
            % {"amount": examination.refund_amount, "currency": examination.submission.currency}
        )
    return Step(
        "abandoned",
        _("Considered abandoned"),
        at=_local(examination.abandoned_at),
        lines=lines,
        state="failed",
    )


def _withdrawn(examination: Examination, events) -> Step:
    lines = [event_line(event) for event in events if event.kind == "application.withdrawn"]
    return Step(
        "withdrawn",
        _("Withdrawn"),
        at=_local(examination.withdrawn_at),
        lines=lines[-1:] or [_("Withdrawn by the applicant before registration.")],
        state="failed",
    )


# --- the application's page --------------------------------------------------------------------


def examination_page(*, submission, user, may_file: bool) -> dict:
    """What the application's page shows of the examination, in a fixed number of queries: the
    status, the timeline, the open invitations with their irregularities, the history."""
    examination = Examination.objects.filter(pk=submission.pk).first()
    if examination is None:  # filed before examinations existed
        return {"examination": None}
    examination.submission = submission
    invitations = invitations_with_irregularities(examination)
    for_staff = bool(user.is_staff)
    return {
        "examination": examination,
        "timeline": examination_timeline(
            submission=submission,
            for_staff=for_staff,
            examination=examination,
            invitations=invitations,
        ),
        "invitations_open": [
            {
                "invitation": invitation,
                "irregularities": rows,
                "countdown": countdown(
                    invitation.time_limit,
                    respond=invitation.status == InvitationStatus.OPEN,
                ),
                "refused": invitation_is_answerable(invitation, examination),
            }
            for invitation in invitations
            if (rows := open_irregularities(invitation))
        ],
        "history": worded(audit_events(submission=submission, for_staff=for_staff)),
        "may_respond": may_file,
        # The page offers withdrawal while it is possible (services.withdrawal_refused).
        "may_withdraw": may_file and examination.status in OPEN_STATUSES,
    }
