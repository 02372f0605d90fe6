"""Reads for renewing several registrations at once (issue 23): which registrations a user may
renew, as `submissions.selectors.submission_may_file` says who may pay for an application, but
of the registration's holder on the portal now (a change in ownership moves it)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from hague_portal.accounts.models import FirmMembership
from hague_portal.accounts.selectors import EDITING_ROLES

from .models import Designation, Registration


def registrations_fileable_by(*, user) -> QuerySet[Registration]:
    """The registrations the user may renew: held by the user's own account (no client), or by
    a client of a firm where the user is an administrator or editor (a viewer reads, not pays),
    or represented by such a firm (DM/7)."""
    if not user.is_authenticated:
        return Registration.objects.none()
    firms = FirmMembership.objects.filter(user=user, role__in=EDITING_ROLES).values("firm_id")
    return Registration.objects.filter(
        Q(owner_user=user, owner_client__isnull=True)
        | Q(owner_client__firm_id__in=firms)
        | Q(representative_firm_id__in=firms)
    )


def registrations_for_renewal(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """What quoting and recording a renewal read of each registration, in three queries
    whatever their number: the registration with its application, its designations by party."""
    return queryset.select_related("examination__submission").prefetch_related(
        Prefetch("designations", queryset=Designation.objects.order_by("party"))
    )
