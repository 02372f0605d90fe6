"""Reads of payments: the state shown on the acknowledgement page and the accounts one may use."""

from django.db.models import Q

from .models import CurrentAccount, Payment, PaymentStatus


def payment_state(submission) -> dict:
    payments = list(Payment.objects.filter(submission=submission).order_by("-created_at"))
    paid = sum((p.amount_received for p in payments if p.status == PaymentStatus.PAID), 0)
    open_ = [
        p for p in payments if p.status in (PaymentStatus.PENDING, PaymentStatus.AWAITING_PAYMENT)
    ]
    return {
        "payments": payments,
        "paid": paid,
        "open": open_,
        "settled": paid >= submission.fees_total,
        "due": max(submission.fees_total - paid, 0),
    }


def current_accounts_for(*, user):
    """Accounts the user may debit: its own, and those of the firms where it may file (admin or
    editor). A viewer reads the firm's applications but spends none of its money (issue 8)."""
    from hague_portal.accounts.selectors import EDITING_ROLES

    return CurrentAccount.objects.filter(
        Q(owner_user=user)
        | Q(owner_firm__memberships__user=user, owner_firm__memberships__role__in=EDITING_ROLES)
    ).distinct()


def payment_method_chosen(submission) -> str | None:
    """The method chosen at the wizard's Fees step (item 19), frozen with what was filed."""
    return (submission.document.get("payment") or {}).get("method")
