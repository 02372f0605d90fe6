"""Write-side account operations."""

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from .models import Client, Firm, FirmMembership, FirmRole, User


@transaction.atomic
def user_create_verified(*, email: str, password: str, full_name: str = "", is_staff=False) -> User:
    """A user whose e-mail address is already verified (demo data, admin-created accounts)."""
    user, _ = User.objects.get_or_create(email=email.lower(), defaults={"full_name": full_name})
    user.full_name = full_name
    user.is_staff = is_staff
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def user_enrol_totp(*, user: User, secret: str) -> None:
    """Give the user a TOTP authenticator with a known secret, plus recovery codes."""
    if not user.authenticator_set.filter(type="totp").exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)


@transaction.atomic
def firm_add_member(*, firm: Firm, user: User, role: str = FirmRole.EDITOR) -> FirmMembership:
    membership, _ = FirmMembership.objects.update_or_create(
        firm=firm, user=user, defaults={"role": role}
    )
    return membership


def client_get_or_create(*, firm: Firm, name: str, **fields) -> Client:
    client, _ = Client.objects.update_or_create(firm=firm, name=name, defaults=fields)
    return client


def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language the user chose ("" = the browser's), for every browser."""
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
