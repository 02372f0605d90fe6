"""Reads of the Register."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from hague_portal.hague.clock import geneva_today

from .models import Designation, Registration


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
