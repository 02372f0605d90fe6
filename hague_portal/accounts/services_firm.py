"""A firm run by its admins: members and their roles, invitations by e-mail, clients.

Every function checks the actor's role itself (views only bind forms), and raises FirmError
with a message for the person at the screen when the action is not allowed.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hague_portal.mail.services import email_send_after_commit

from .models import Client, Firm, FirmInvitation, FirmMembership, FirmRole, User
from .selectors import EDITING_ROLES, firm_role
from .selectors_firm import client_deletion_refusal, invitation_state, user_verified_emails

INVITATION_DAYS = 14
# Who may act, for _require_role's message (whole sentences, so that they translate).
ONLY = {
    "administrators": gettext_lazy("Only the firm's administrators may do this."),
    "administrators and editors": gettext_lazy(
        "Only the firm's administrators and editors may do this."
    ),
}


class FirmError(Exception):
    """An action the actor may not take, or that would leave the firm broken; says why."""


def _require_role(*, user, firm, roles, what: str) -> str:
    role = firm_role(user=user, firm=firm)
    if role not in roles:
        raise FirmError(str(ONLY[what]))
    return role


# --- invitations ----------------------------------------------------------------------------


def invitation_create(*, firm: Firm, by: User, email: str, role: str) -> FirmInvitation:
    """An invitation with a secret link, e-mailed after commit; only admins invite."""
    _require_role(user=by, firm=firm, roles=(FirmRole.ADMIN,), what="administrators")
    email = email.strip().lower()
    if FirmMembership.objects.filter(firm=firm, user__email__iexact=email).exists():
        raise FirmError(
            _("%(email)s is already a member of %(firm)s.") % {"email": email, "firm": firm}
        )
    with transaction.atomic():
        # A new invitation replaces a pending one to the same address (one link works).
        FirmInvitation.objects.filter(
            firm=firm, email=email, accepted_at=None, revoked_at=None
        ).update(revoked_at=timezone.now())
        invitation = FirmInvitation.objects.create(
            firm=firm,
            email=email,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        context = {
            "invitation": invitation,
            "firm": firm,
            "by": by,
            "url": settings.SITE_URL + reverse("firm:join", args=[invitation.token]),
        }
        email_send_after_commit(
            name="firm_invitation", to=email, key=f"invitation:{invitation.pk}", context=context
        )
    return invitation


def invitation_revoke(*, invitation: FirmInvitation, by: User) -> None:
    _require_role(user=by, firm=invitation.firm, roles=(FirmRole.ADMIN,), what="administrators")
    FirmInvitation.objects.filter(pk=invitation.pk, accepted_at=None).update(
        revoked_at=timezone.now()
    )


def invitation_accept(*, token: str, user: User) -> FirmMembership:
    """Join the firm with the invitation's role: once, in time, with the invited address."""
    with transaction.atomic():
        invitation = (
            FirmInvitation.objects.select_for_update().select_related("firm").filter(token=token)
        ).first()
        problem = invitation_state(invitation=invitation)
        if problem:
            raise FirmError(problem)
        if invitation.email not in user_verified_emails(user=user):
            text = _(
                "This invitation was sent to %(invited)s; you are signed in as %(email)s. "
                "Sign in with the invited address to accept it."
            )
            raise FirmError(text % {"invited": invitation.email, "email": user.email})
        membership, created = FirmMembership.objects.get_or_create(
            firm=invitation.firm, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# --- members ---------------------------------------------------------------------------------


def member_set_role(*, membership: FirmMembership, by: User, role: str) -> FirmMembership:
    firm = membership.firm
    _require_role(user=by, firm=firm, roles=(FirmRole.ADMIN,), what="administrators")
    if role not in FirmRole.values:
        raise FirmError(_("Choose a role: administrator, editor or viewer."))
    with transaction.atomic():
        _lock_admins(firm)
        if membership.role == FirmRole.ADMIN and role != FirmRole.ADMIN:
            _keep_an_admin(firm=firm, leaving=membership, removing=False)
        FirmMembership.objects.filter(pk=membership.pk).update(role=role)
    membership.role = role
    return membership


def member_remove(*, membership: FirmMembership, by: User) -> None:
    """Access ends at once: every access check reads the membership rows on each request. (The
    member's notifications about the firm's clients go with it: notifications.services.
    firm_member_remove, which the page calls.)"""
    firm = membership.firm
    _require_role(user=by, firm=firm, roles=(FirmRole.ADMIN,), what="administrators")
    with transaction.atomic():
        _lock_admins(firm)
        if membership.role == FirmRole.ADMIN:
            _keep_an_admin(firm=firm, leaving=membership, removing=True)
        FirmMembership.objects.filter(pk=membership.pk).delete()


def _lock_admins(firm) -> None:
    # Two admins demoting each other at the same moment must not leave the firm without one.
    list(FirmMembership.objects.select_for_update().filter(firm=firm, role=FirmRole.ADMIN))


def _keep_an_admin(*, firm, leaving, removing: bool) -> None:
    others = FirmMembership.objects.filter(firm=firm, role=FirmRole.ADMIN).exclude(pk=leaving.pk)
    if not others.exists():
        if removing:
            text = _(
                "%(member)s is the firm's last administrator and cannot be removed. "
                "Make another member an administrator first."
            )
        else:
            text = _(
                "%(member)s is the firm's last administrator and cannot be demoted. "
                "Make another member an administrator first."
            )
        raise FirmError(text % {"member": leaving.user})


# --- clients ---------------------------------------------------------------------------------

CLIENT_FIELDS = ("name", "kind", "street", "city", "postcode", "country", "email", "reference")


def client_save(*, firm: Firm, by: User, client: Client | None = None, **fields) -> Client:
    """Add a client (client=None) or change one; admins and editors. A name the firm already
    uses raises FirmError naming it (the view shows it at the name field)."""
    _require_role(user=by, firm=firm, roles=EDITING_ROLES, what="administrators and editors")
    client = client or Client(firm=firm)
    for name in CLIENT_FIELDS:
        if name in fields:
            setattr(client, name, fields[name])
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError:
        text = _("The firm already has a client named “%(name)s”.")
        raise FirmError(text % {"name": client.name}) from None
    return client


def client_delete(*, client: Client, by: User) -> None:
    """Admins only, and only a client no application names (drafts keep their client)."""
    _require_role(user=by, firm=client.firm, roles=(FirmRole.ADMIN,), what="administrators")
    refusal = client_deletion_refusal(client=client)
    if refusal:
        raise FirmError(refusal)
    try:
        with transaction.atomic():
            client.delete()
    except (ProtectedError, IntegrityError):  # an application named it meanwhile
        raise FirmError(client_deletion_refusal(client=client)) from None
