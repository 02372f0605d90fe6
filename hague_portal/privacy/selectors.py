"""What of the portal is a user's own (to download it) and whether the account may be deleted.

A user's own: the account itself (profile, e-mail addresses, second factor, settings), the drafts
the user made and still may open (with their files), the user's firm memberships, API tokens,
webhooks, current accounts, approvals and inbox; and, listed by number, the filed applications
the user may see. A draft of a colleague, or one shared with the user, is not the user's: it
belongs to the firm (or applicant) that made it.
"""

from django.db.models import Q
from django.utils.translation import gettext, ngettext

from hague_portal.accounts.models import FirmMembership, FirmRole
from hague_portal.examination.models import Response
from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.payments.models import CurrentAccount
from hague_portal.portfolio.selectors import applications_visible_to
from hague_portal.submissions.models import Submission

NUMBERS_SHOWN = 5


def account_drafts(*, user):
    """The unfiled drafts the user made and may still open: their own, and those made for a
    client of a firm the user still belongs to (one left behind in a firm is the firm's)."""
    firms = FirmMembership.objects.filter(user=user).values("firm_id")
    return (
        Draft.objects.filter(created_by=user, status=DraftStatus.DRAFT)
        .filter(Q(client__isnull=True) | Q(client__firm_id__in=firms))
        .order_by("created_at", "pk")
    )


def account_applications(*, user):
    """The filed applications the user may see (as on the workbench), oldest first, as rows."""
    return (
        applications_visible_to(user=user)
        .filter(status=DraftStatus.SUBMITTED, submission__isnull=False)
        .order_by("submission__received_at", "pk")
        .values(
            "submission__number",
            "submission__received_at",
            "submission__examination__status",
            "submission__examination__registration_number",
            "title",
            "reference",
            "client__name",
        )
    )


def account_filed_numbers(*, user) -> list[str]:
    """The numbers of the applications the user filed or answered an invitation for."""
    answered = Response.objects.filter(submitted_by=user).values(
        "invitation__examination__submission_id"
    )
    rows = Submission.objects.filter(Q(created_by=user) | Q(pk__in=answered))
    return list(rows.order_by("received_at", "pk").values_list("number", flat=True))


def account_deletion_blockers(*, user) -> list[str]:
    """Why the account may not be deleted, one sentence each, each saying what can be done; empty
    when it may. Filed applications are the International Register's record, with who filed them
    (the Bureau writes about them to that account); a firm must keep an administrator."""
    if user.is_staff or user.is_superuser:
        return [
            gettext(
                "This is a staff account of the International Bureau: what you did as an "
                "examiner is part of the Register's record. The portal's administrators close "
                "staff accounts."
            )
        ]
    return [*_filed(user), *_last_admin(user), *_current_accounts(user)]


def _filed(user) -> list[str]:
    numbers = account_filed_numbers(user=user)
    if not numbers:
        return []
    shown = ", ".join(numbers[:NUMBERS_SHOWN]) + ("…" if len(numbers) > NUMBERS_SHOWN else "")
    text = ngettext(
        "You filed, or answered an invitation for, %(count)s international application: "
        "%(numbers)s.",
        "You filed, or answered an invitation for, %(count)s international applications: "
        "%(numbers)s.",
        len(numbers),
    )
    return [text % {"count": len(numbers), "numbers": shown}]


def _last_admin(user) -> list[str]:
    administered = FirmMembership.objects.filter(user=user, role=FirmRole.ADMIN)
    others = FirmMembership.objects.filter(role=FirmRole.ADMIN).exclude(user=user)
    alone = administered.exclude(firm_id__in=others.values("firm_id")).select_related("firm")
    text = gettext(
        "You are the last administrator of %(firm)s. Make another member an administrator "
        "first (on the firm's page)."
    )
    return [text % {"firm": membership.firm} for membership in alone.order_by("firm__name")]


def _current_accounts(user) -> list[str]:
    text = gettext(
        "You hold the WIPO current account %(number)s. Its ledger is the International "
        "Bureau's record: ask the International Bureau to close it (and to pay out its "
        "balance) first."
    )
    accounts = CurrentAccount.objects.filter(owner_user=user).order_by("number")
    return [text % {"number": number} for number in accounts.values_list("number", flat=True)]
