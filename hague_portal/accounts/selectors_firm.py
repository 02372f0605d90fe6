"""Reads for the firm pages: the firms a user belongs to, members, invitations, clients."""

from allauth.account.models import EmailAddress
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Firm, FirmInvitation, FirmMembership, FirmRole


def user_verified_emails(*, user) -> set[str]:
    """The addresses the user has proved (allauth), lower-case: invitations and shares match
    on these, never on an address typed at sign-up and not yet confirmed."""
    return {
        e.lower()
        for e in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def verified_emails_query(*, user):
    """The same addresses as a subquery (one query for the caller's filter)."""
    return EmailAddress.objects.filter(user=user, verified=True).values("email")


def firms_of(*, user):
    return Firm.objects.filter(memberships__user=user).order_by("name")


def firm_get_for_member(*, user, firm_id) -> tuple[Firm, str]:
    """The firm and the user's role in it, or 404 for anyone who is not a member."""
    membership = (
        FirmMembership.objects.select_related("firm").filter(user=user, firm_id=firm_id).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such firm.")
    return membership.firm, membership.role


def firm_members(*, firm):
    return (
        FirmMembership.objects.filter(firm=firm)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def firm_admin_count(*, firm) -> int:
    return FirmMembership.objects.filter(firm=firm, role=FirmRole.ADMIN).count()


def firm_pending_invitations(*, firm):
    return (
        FirmInvitation.objects.filter(
            firm=firm, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


CLIENTS_PER_PAGE = 50


def firm_clients(*, firm, page: int = 1, per_page: int = CLIENTS_PER_PAGE):
    """One page (a Paginator page) of the firm's clients by name, each with its number of
    applications and its address on one line ("Storgatan 1, 211 34 Malmö, Sweden"; parts left
    blank are left out). A firm may have a thousand clients: only the page's are counted."""
    listed = Paginator(firm.clients.order_by("name", "pk"), per_page).get_page(page)
    counted = dict(
        firm.clients.filter(pk__in=[c.pk for c in listed])
        .annotate(n=Count("drafts"))
        .values_list("pk", "n")
    )
    for client in listed:
        client.applications = counted.get(client.pk, 0)
        town = f"{client.postcode} {client.city}".strip()
        parts = (client.street, town, client.country.name if client.country else "")
        client.address_line = ", ".join(part for part in parts if part)
    return listed


def invitation_state(*, invitation) -> str:
    """ "" when the invitation can be accepted; otherwise why not, for the invitee."""
    if invitation is None:
        return _("This invitation link is not valid. Ask the firm's administrator for a new one.")
    if invitation.accepted_at is not None:
        return _(
            "This invitation has already been used. Ask the firm's administrator for a new one."
        )
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the firm's administrator for a new one.")
    if invitation.expires_at <= timezone.now():
        # The date in the reader's language ("12 mars 2027"), as "%d %B %Y" gave in English.
        day = formats.date_format(timezone.localtime(invitation.expires_at), "d F Y")
        return _(
            "This invitation expired on %(date)s. Ask the firm's administrator for a new one."
        ) % {"date": day}
    return ""


def client_deletion_refusal(*, client) -> str:
    """Why the client may not be deleted ("" when it may), saying what can be done. A filed
    application is the International Register's record and names its client for good; a draft
    can be deleted first."""
    counts = client.drafts.aggregate(
        filed=Count("pk", filter=Q(submitted_at__isnull=False)),
        drafts=Count("pk", filter=Q(submitted_at__isnull=True)),
    )
    if counts["filed"]:
        text = ngettext(
            "%(client)s is named on %(count)s filed application: filed applications are the "
            "International Register's record and stay, and so does their client.",
            "%(client)s is named on %(count)s filed applications: filed applications are the "
            "International Register's record and stay, and so does their client.",
            counts["filed"],
        )
        return text % {"client": client, "count": counts["filed"]}
    if counts["drafts"]:
        text = ngettext(
            "%(client)s is named on %(count)s draft: delete it first, or keep the client.",
            "%(client)s is named on %(count)s drafts: delete them first, or keep the client.",
            counts["drafts"],
        )
        return text % {"client": client, "count": counts["drafts"]}
    return ""
