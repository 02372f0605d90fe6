"""Read-side questions about roles and access (HackSoft style: selectors read, services write)."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from .models import Client, FirmMembership, FirmRole

EDITING_ROLES = (FirmRole.ADMIN, FirmRole.EDITOR)


def user_is_representative(*, user) -> bool:
    return user.is_authenticated and user.memberships.exists()


def user_requires_mfa(*, user) -> bool:
    """Staff examiners and representatives must use a second factor; applicants may enrol."""
    return user.is_authenticated and (user.is_staff or user_is_representative(user=user))


def user_has_totp(*, user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_second_factor(*, request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def firm_role(*, user, firm) -> str | None:
    membership = FirmMembership.objects.filter(user=user, firm=firm).only("role").first()
    return membership.role if membership else None


def clients_visible_to(*, user):
    """The clients of every firm the user belongs to, whatever the role."""
    if not user.is_authenticated:
        return Client.objects.none()
    return Client.objects.filter(firm__memberships__user=user).select_related("firm").distinct()


def user_can_file_for_client(*, user, client) -> bool:
    return FirmMembership.objects.filter(
        user=user, firm_id=client.firm_id, role__in=EDITING_ROLES
    ).exists()


def user_can_view_client(*, user, client) -> bool:
    return FirmMembership.objects.filter(user=user, firm_id=client.firm_id).exists()
