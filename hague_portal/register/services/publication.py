"""Opening a registration, its publication (Rule 17) and protection where no refusal came in
the refusal period (Article 14(2)(a))."""

from __future__ import annotations

from datetime import date

from hague_portal.events.services import unit
from hague_portal.examination.models import ExaminationStatus
from hague_portal.examination.selectors import application_document_now
from hague_portal.hague.periods import time_limit
from hague_portal.reference.selectors import reference_data

from ..models import Designation, DesignationStatus, Registration
from .common import designation_locked, record, today_or
from .state import state_open

# Rule 18(1)(a): six months from publication unless the party declared twelve (Rule 18(1)(b)).
REFUSAL_PERIOD_DEFAULT_MONTHS = 6


def refusal_period_months(ref, party: str, on: date) -> int:
    declared = ref.effective(party, "refusal_period_months", on)
    return int(declared.value) if declared else REFUSAL_PERIOD_DEFAULT_MONTHS


def registration_open(*, examination) -> Registration:
    """The Register's entry for a registered application, with a designation per party that
    remains designated (Article 5(2) removals excluded). Run by the event stream, in the
    registration's transaction; running it again changes nothing."""
    existing = Registration.objects.filter(pk=examination.pk).first()
    if existing is not None:
        return existing
    document = application_document_now(examination)
    holders = "; ".join(a.get("name", "") for a in document.get("applicants") or [])
    registration = Registration.objects.create(
        examination=examination,
        number=examination.registration_number,
        registration_date=examination.registration_date,
        publication_date=examination.publication_date,
        holder_name=holders[:500],
    )
    ref, removed = reference_data(), set(examination.designations_removed or ())
    parties = [p for p in examination.parties.split() if p not in removed]
    Designation.objects.bulk_create(
        Designation(
            registration=registration,
            party=party,
            refusal_period_months=refusal_period_months(ref, party, registration.registration_date),
        )
        for party in parties
    )
    state_open(registration, document, examination.submission)
    return registration


def registrations_publish(*, today: date | None = None) -> int:
    """Publish every registration whose publication date has come (Rule 17), on that date: the
    refusal periods start (Rule 18(1)). Beat runs it hourly; a missed day is caught up with
    the date it should have had."""
    today = today_or(today)
    due = Registration.objects.filter(
        published_on__isnull=True,
        publication_date__lte=today,
        examination__status=ExaminationStatus.REGISTERED,
    ).values_list("pk", flat=True)
    return sum(_publish(pk) for pk in list(due))


def _publish(pk) -> int:
    with unit():
        registration = (
            Registration.objects.select_for_update()
            .select_related("examination__submission")
            .get(pk=pk)
        )
        if registration.published_on is not None:
            return 0  # another run published it
        registration.published_on = registration.publication_date
        registration.save(update_fields=["published_on"])
        ends = _refusal_periods_start(registration)
        record(
            registration,
            "registration.published",
            f"Published on {registration.published_on.isoformat()} (Rule 17)",
            published_on=registration.published_on.isoformat(),
            refusal_periods={party: end.isoformat() for party, end in ends.items()},
        )
    return 1


def _refusal_periods_start(registration) -> dict[str, date]:
    ref, ends = reference_data(), {}
    for designation in registration.designations.all():
        # Rule 18(1): counted from publication; Rule 4(4) through the one time-limit function.
        designation.refusal_period_end = time_limit(
            ref, registration.published_on, months=designation.refusal_period_months
        )
        designation.save(update_fields=["refusal_period_end"])
        ends[designation.party] = designation.refusal_period_end
    return ends


def designations_protect(*, today: date | None = None) -> int:
    """Article 14(2)(a): where no refusal was notified within the refusal period, the
    registration has the effect of a grant of protection at the latest when it ends."""
    today = today_or(today)
    due = Designation.objects.filter(
        status=DesignationStatus.AWAITING, refusal_period_end__lt=today
    ).values_list("pk", flat=True)
    return sum(_protect(pk, today) for pk in list(due))


def _protect(pk, today) -> int:
    with unit():
        designation = designation_locked(pk)
        if designation.status != DesignationStatus.AWAITING:
            return 0
        designation.status = DesignationStatus.PROTECTED
        designation.status_since = designation.refusal_period_end
        designation.save(update_fields=["status", "status_since"])
        record(
            designation,
            "designation.protected",
            f"{designation.party}: no refusal notified by "
            f"{designation.refusal_period_end.isoformat()}; protected (Article 14(2)(a))",
            refusal_period_end=designation.refusal_period_end.isoformat(),
        )
    return 1
