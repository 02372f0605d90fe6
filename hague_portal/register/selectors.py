"""Reads of the Register."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from hague_portal.hague.clock import geneva_today

from .models import (
    Decision,
    DecisionKind,
    Designation,
    DesignationStatus,
    Registration,
    SecondPart,
    SecondPartStatus,
)


def registrations_published(*, today: date | None = None) -> QuerySet[Registration]:
    """What the public and the designated Offices may see: published, on or before today."""
    return Registration.objects.filter(
        published_on__isnull=False, published_on__lte=today or geneva_today()
    )


def registrations_for_office(*, user, today: date | None = None) -> QuerySet[Registration]:
    """The published registrations that designate the party of the user's Office; none for a
    user of no Office."""
    office = getattr(user, "office", None)
    if office is None:
        return Registration.objects.none()
    return registrations_published(today=today).filter(designations__party=office.party)


def designation_for_office(*, user, number: str, today: date | None = None) -> Designation:
    """The designation of the user's party in a published registration; DoesNotExist (a 404)
    for anything else, unpublished included."""
    office = getattr(user, "office", None)
    if office is None:
        raise Designation.DoesNotExist
    return Designation.objects.select_related("registration__examination__submission").get(
        registration__in=registrations_published(today=today),
        registration__number=number,
        party=office.party,
    )


def designations_of(registration) -> list[Designation]:
    return list(
        registration.designations.select_related("second_part").prefetch_related("decisions")
    )


# --- the holder's side: the application's page, the API ----------------------------------------


def registration_of(submission) -> Registration | None:
    return Registration.objects.filter(pk=submission.pk).first()


def protection_of(submission) -> dict | None:
    """What the application's page and the API show once it is registered: the registration
    and each designation with its second part and decisions, in three queries whatever the
    number of designated parties (None before registration)."""
    registration = registration_of(submission)
    if registration is None:
        return None
    designations = list(
        registration.designations.select_related("second_part").prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("received_at", "id"))
        )
    )
    for designation in designations:
        designation.registration = registration  # read once above, not once a designation
        designation.refusal = _last_refusal(designation)
        designation.part = _second_part(designation)
    from .services.renewals import renewal_window

    # Where the registration stands for its renewal: the page offers "Renew" when open or in
    # the grace period (issue 23).
    window = renewal_window(registration)
    return {"registration": registration, "designations": designations, "renewal_window": window}


def _last_refusal(designation) -> Decision | None:
    refusals = [d for d in designation.decisions.all() if d.kind == DecisionKind.REFUSAL]
    if designation.status != DesignationStatus.REFUSED or not refusals:
        return None
    return refusals[-1]


def _second_part(designation) -> SecondPart | None:
    try:
        return designation.second_part
    except SecondPart.DoesNotExist:
        return None


def second_part_of(*, submission, party: str) -> SecondPart:
    """The second part of the party's fee in this application's registration; DoesNotExist (a
    404) when none was asked for."""
    return SecondPart.objects.select_related("designation__registration").get(
        designation__registration_id=submission.pk, designation__party=party.upper()
    )


def second_part_payable(part: SecondPart, *, today: date | None = None) -> bool:
    """Due and within its time limit (Rule 12(3)(c); a late payment is refused, Rule 27(5)(a))."""
    return part.status == SecondPartStatus.DUE and (today or geneva_today()) <= part.time_limit


# --- the Register's current state and history (issue 23): the page's section, the extract -------

# What a change in the Register may replace, shown before/after in the history.
CHANGED_PARTS = ("holders", "representative")


def register_view(registration: Registration, *, today: date | None = None) -> dict:
    """The registration as the Register holds it now (holders with their address and
    entitlement, representative, term, expiry, each designated party's designs in force and
    expiry), where its renewal stands, and its history, each entry with the holders or the
    representative it replaced where it changed them: two queries whatever the number of
    designations and entries (the application's document is read with the registration)."""
    today = today or geneva_today()
    document = _application_document(registration)
    entries = list(registration.entries.order_by("recorded_on", "id"))
    return {
        "registration": registration,
        "holders": [_holder(holder, document) for holder in registration.holders or []],
        "representative": registration.representative or {},
        "designations": list(registration.designations.order_by("party")),
        "renewal": renewal_situation(registration, today=today),
        "history": [{"entry": entry, "changes": _changes(entry)} for entry in entries],
        "today": today,
    }


def renewal_situation(registration: Registration, *, today: date) -> dict:
    """Where the next renewal stands (`renewals.renewal_window`) and its dates: from when it
    can be paid (Rule 23's six months), the last day without surcharge, the end of the grace
    period (Rule 24(1)(c); Rule 4(4) applied)."""
    from hague_portal.hague.renewal import renewal_dates
    from hague_portal.reference.selectors import reference_data

    from .services.renewals import renewal_window

    window = renewal_window(registration, today)
    if window == "ended":
        return {"window": window}
    dates = renewal_dates(reference_data(), registration.registration_date, registration.term)
    return {
        "window": window,
        "opens_on": dates.reminder_on,
        "expiry": dates.expiry,
        "due": dates.due,
        "grace_end": dates.grace_end,
    }


def _application_document(registration: Registration) -> dict:
    # The frozen application: the entitlement of the holders it named (DM/1 item 2) is the
    # document's, not each applicant's.
    from hague_portal.submissions.models import Submission

    document = Submission.objects.values_list("document", flat=True).get(pk=registration.pk)
    return document or {}


def _holder(holder: dict, document: dict) -> dict:
    from hague_portal.submissions.selectors import FACTORS

    entitlement = holder.get("entitlement")
    if not entitlement and holder in (document.get("applicants") or []):
        entitlement = document.get("entitlement")
    factors = [(label, (entitlement or {}).get(key) or []) for key, label in FACTORS]
    return {**holder, "factors": [(label, codes) for label, codes in factors if codes]}


def _changes(entry) -> list[dict]:
    """The holders or representative an entry replaced, with what replaced them; nothing for
    an entry that changed neither (a renewal) or has no state before it (the registration)."""
    if not entry.before:
        return []
    return [
        {"part": part, "before": entry.before.get(part), "after": entry.state.get(part)}
        for part in CHANGED_PARTS
        if entry.before.get(part) != entry.state.get(part)
    ]
