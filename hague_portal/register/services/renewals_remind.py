"""The Rule 23 reminder: six months before each expiry, the International Bureau tells the
holder and its representative that the registration is due for renewal. Unofficial: not
receiving it excuses nothing (Rule 23), so it is sent once per term and never repeated.

Run by beat (`register.tasks.register_daily`): `Registration.reminded_term` is claimed with a
conditional UPDATE in the transaction that records the event, so a second run sends nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import F

from hague_portal.events.services import unit
from hague_portal.hague import renewal as rules
from hague_portal.hague.periods import add_months
from hague_portal.reference.selectors import reference_data

from ..models import RegisterStatus, Registration
from .common import record, today_or


def renewals_remind(*, today: date | None = None) -> int:
    """Send the reminder of every registration whose reminder day has come and whose term's
    expiry has not passed; returns how many were sent."""
    today = today_or(today)
    # Generous by a few days (months differ in length); renewal_dates decides exactly.
    candidates = Registration.objects.filter(
        status=RegisterStatus.IN_FORCE,
        published_on__isnull=False,
        expiry__gte=today,
        expiry__lte=add_months(today, rules.REMINDER_MONTHS) + timedelta(days=3),
        reminded_term__lt=F("term"),
    ).values_list("pk", flat=True)
    return sum(_remind(pk, today) for pk in list(candidates))


def _remind(pk, today: date) -> int:
    ref = reference_data()
    with unit():
        registration = Registration.objects.select_related("examination__submission").get(pk=pk)
        dates = rules.renewal_dates(ref, registration.registration_date, registration.term)
        if not dates.reminder_on <= today <= dates.expiry:
            return 0
        claimed = Registration.objects.filter(
            pk=pk, term=registration.term, reminded_term__lt=registration.term
        ).update(reminded_term=registration.term)
        if not claimed:
            return 0  # another run sent it
        record(
            registration,
            "renewal.reminder",
            f"Rule 23 reminder: the term ends on {dates.expiry.isoformat()}; renewal due by "
            f"{dates.due.isoformat()}, with a surcharge until {dates.grace_end.isoformat()}",
            term=registration.term,
            expiry=dates.expiry.isoformat(),
            due=dates.due.isoformat(),
            grace_end=dates.grace_end.isoformat(),
            on=today.isoformat(),
        )
    return 1
