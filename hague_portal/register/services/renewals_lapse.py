"""The end of a term not renewed (Article 17; Rule 24(1)(c)): once the six-month grace period
after an expiry has ended without a renewal, what was not renewed lapses, at that expiry.

Run by beat (`register.tasks.register_daily`); each registration is changed under its lock and
only for what is still in force, so running it twice (or two workers at once) lapses once."""

from __future__ import annotations

from datetime import date

from hague_portal.events.services import unit
from hague_portal.hague.periods import add_months
from hague_portal.hague.renewal import GRACE_MONTHS, grace_end
from hague_portal.reference.selectors import reference_data

from ..models import Designation, DesignationStatus, EntryKind, RegisterStatus
from .common import record, today_or
from .renewals import registration_locked
from .state import entry_record, registration_state


def renewals_lapse(*, today: date | None = None) -> int:
    """Lapse what was not renewed by the end of its grace period; returns the number of
    registrations changed."""
    today = today_or(today)
    # A cheap, generous filter (the grace period is at most six months and a few closed days
    # long); each candidate is then checked exactly, under its lock.
    candidates = (
        _lapsable(Designation.objects.all())
        .filter(
            registration__status=RegisterStatus.IN_FORCE,
            expiry__lt=add_months(today, -GRACE_MONTHS),
        )
        .values_list("registration_id", flat=True)
        .distinct()
    )
    return sum(_lapse(pk, today) for pk in sorted(set(candidates)))


def _lapsable(designations):
    """In force in the Register; a party cancelled for its unpaid second part (Rule 12(3)(d))
    ended then, and does not lapse again."""
    return designations.filter(register_status=RegisterStatus.IN_FORCE).exclude(
        status=DesignationStatus.CANCELLED
    )


def _in_force(registration):
    return _lapsable(registration.designations.all())


def _lapse(pk, today: date) -> int:
    ref = reference_data()
    with unit():
        registration = registration_locked(pk)
        if registration.status != RegisterStatus.IN_FORCE:
            return 0
        ended = [
            d
            for d in _lapsable(registration.designations.select_for_update()).filter(
                expiry__isnull=False
            )
            if grace_end(ref, d.expiry) < today
        ]
        if not ended:
            return 0
        before = registration_state(registration)
        for d in ended:
            # Article 17: not renewed, protection ends at the expiry of the term paid for.
            d.register_status, d.ended_on = RegisterStatus.LAPSED, d.expiry
            d.save(update_fields=["register_status", "ended_on"])
        expiry = max(d.expiry for d in ended)
        whole = not _in_force(registration).exists()
        if whole:
            registration.status = RegisterStatus.LAPSED
            registration.save(update_fields=["status"])
        _record(registration, ended, expiry, whole, before, today)
    return 1


def _record(registration, ended, expiry, whole, before, today) -> None:
    parties = sorted(d.party for d in ended)
    summary = (
        f"Not renewed: lapsed on {expiry.isoformat()} for {', '.join(parties)}"
        f"{' (the whole registration)' if whole else ''} (Article 17, Rule 24(1)(c))"
    )
    params = {"expiry": expiry.isoformat(), "parties": parties, "whole": whole}
    entry_record(
        registration, EntryKind.LAPSE, summary, recorded_on=today, params=params, before=before
    )
    record(
        registration,
        "registration.lapsed",
        summary,
        parties=parties,
        expiry=expiry.isoformat(),
        whole=whole,
        in_force=sorted(_in_force(registration).values_list("party", flat=True)),
        on=today.isoformat(),
    )
