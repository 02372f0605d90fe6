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
    """Accounts the user may debit: its own and its firms'."""
    return CurrentAccount.objects.filter(
        Q(owner_user=user) | Q(owner_firm__memberships__user=user)
    ).distinct()
