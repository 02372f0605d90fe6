"""Deleting one's account (issue 19).

Allowed when the account has filed nothing, is not staff, is no firm's last administrator and
holds no current account (`selectors.account_deletion_blockers` says why not, and what to do).

What is only the user's goes: their own drafts (with their files), their address book, firm
memberships, inbox, notification setting, calendar link, personal webhooks, second factor and
e-mail addresses;
API tokens are revoked. What others keep stays with them: drafts made for a firm's client, a
firm's webhooks, the revisions, approvals, shares and payments that name the user. Those rows
point to the user's row, so it is kept as a tombstone with nothing personal left: no name, an
address `deleted-<id>@deleted.invalid` (RFC 2606: never delivered), no usable password, not
active. With the password changed every other session of the user ends at its next request
(Django checks the session's password hash); the view signs out the one in use.
"""

import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from hague_portal.accounts.models import FirmMembership, FirmRole, User
from hague_portal.addressbook.models import Entry
from hague_portal.api.models import ApiToken, IdempotencyKey, Webhook
from hague_portal.filings.deletion import draft_delete
from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.notifications.models import Preference, Recipient
from hague_portal.portfolio.models import CalendarToken

from .selectors import account_deletion_blockers

logger = logging.getLogger(__name__)
TOMBSTONE_DOMAIN = "deleted.invalid"


class AccountKept(Exception):
    """The account may not be deleted; `reasons` say why, one sentence each."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account (see the module's docstring), or raise AccountKept."""
    _lock(user)
    reasons = account_deletion_blockers(user=user)
    if reasons:
        raise AccountKept(reasons)
    for draft in Draft.objects.filter(created_by=user, client=None, status=DraftStatus.DRAFT):
        draft_delete(draft=draft, user=user)  # its files leave storage after commit
    _end_access(user)
    _erase(user)
    logger.info("account %s deleted", user.pk)


def _lock(user) -> None:
    """Locks taken before the checks, so that what they found still holds at the end."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    # Two administrators of a firm deleting their accounts at once must not leave it without one
    # (accounts.services_firm locks the same rows for demoting and removing).
    administered = FirmMembership.objects.filter(user=user, role=FirmRole.ADMIN).values("firm_id")
    list(
        FirmMembership.objects.select_for_update().filter(
            firm_id__in=administered, role=FirmRole.ADMIN
        )
    )
    # Submitting locks its draft first: a filing of one of these waits, then finds it deleted.
    list(Draft.objects.select_for_update().filter(created_by=user, status=DraftStatus.DRAFT))


def _end_access(user) -> None:
    ApiToken.objects.filter(user=user, revoked_at=None).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    Webhook.objects.filter(user=user, firm__isnull=True).delete()  # a firm's stay with it
    FirmMembership.objects.filter(user=user).delete()
    Entry.objects.filter(owner_user=user).delete()  # a firm's address book stays with it
    for model in (Recipient, Preference, CalendarToken, IdempotencyKey, Authenticator):
        model.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


def _erase(user) -> None:
    user.email = f"deleted-{user.pk}@{TOMBSTONE_DOMAIN}"
    user.full_name = user.first_name = user.last_name = user.language = ""
    user.set_unusable_password()
    user.is_active = False
    user.last_login = None
    user.save()
