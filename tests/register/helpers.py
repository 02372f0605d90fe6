"""Registrations in a state, through the real services (shared by the page, workbench, time
limits and API tests of the holder's side)."""

from __future__ import annotations

from datetime import date, timedelta

from hague_portal.hague.clock import geneva_today
from hague_portal.register import services

PUBLISHED = date(2027, 1, 5)  # the `registered` fixture's publication: 12 months after 5 Jan 2026


def published(registration, *, on: date = PUBLISHED):
    services.registrations_publish(today=on)
    registration.refresh_from_db()
    return registration


def designation(registration, party: str = "US"):
    return registration.designations.get(party=party)


def second_part_due(registration, by, *, party: str = "US", asked_on: date = date(2027, 3, 1)):
    """Asked for on `asked_on`, payable until 90 days after today at least, so that the pages,
    which read the real date, still take it whenever the suite runs."""
    limit = max(asked_on, geneva_today()) + timedelta(days=90)
    return services.second_part_due(
        designation=designation(registration, party), by=by, time_limit=limit, today=asked_on
    )


def refuse(registration, by, *, party: str = "US", designs=(), today: date = date(2027, 2, 1)):
    return services.refusal_notify(
        designation=designation(registration, party),
        by=by,
        designs=list(designs),
        grounds="The design lacks novelty over US D900,001.",
        provisions="35 U.S.C. 171",
        review_time_limit=date(2027, 5, 3),
        review_authority="USPTO, Patent Trial and Appeal Board",
        today=today,
    )
