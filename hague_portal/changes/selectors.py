"""Reads of the changes in the Register: a registration's requests, who may see one, the
appointments a firm is asked to accept."""

from __future__ import annotations

from django.http import Http404

from .models import OPEN_STATUSES, ChangeRequest


def change_requests_of(*, submission) -> list[ChangeRequest]:
    """The change requests of the application's registration, newest first."""
    return list(
        ChangeRequest.objects.filter(registration_id=submission.pk)
        .select_related("registration", "payment")
        .prefetch_related("also")
        .order_by("-filed_at", "-id")
    )


def change_request_of(*, submission, pk) -> ChangeRequest:
    """One request of the application's registration (the caller read the application through
    `submission_get_for_user`), or 404."""
    row = (
        ChangeRequest.objects.select_related("registration__examination__submission")
        .filter(pk=pk, registration_id=submission.pk)
        .first()
    )
    if row is None:
        raise Http404("No such request.")
    return row


def appointments_for_firm(*, user):
    """Appointments of a firm the user administers as representative, awaiting its answer."""
    from hague_portal.accounts.models import FirmMembership, FirmRole

    firms = FirmMembership.objects.filter(user=user, role=FirmRole.ADMIN).values("firm_id")
    return ChangeRequest.objects.filter(
        representative_firm_id__in=firms, status__in=OPEN_STATUSES
    ).select_related("registration", "representative_firm")


def appointment_for_firm(*, user, pk) -> ChangeRequest:
    row = appointments_for_firm(user=user).filter(pk=pk).first()
    if row is None:
        raise Http404("No such appointment.")
    return row
