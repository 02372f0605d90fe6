"""Reads of payments: the state shown on the acknowledgement page and the accounts one may use."""

from decimal import Decimal

from django.db.models import Q, Sum

from .models import CurrentAccount, Payment, PaymentPurpose, PaymentStatus


def payment_state(submission) -> dict:
    payments = list(Payment.objects.filter(submission=submission).order_by("-created_at"))
    # The application's fees only: a second part of an individual fee (paid after
    # registration, Rule 12(3)) is listed with the payments but pays no fee of the filing.
    paid = sum(
        (
            p.amount_received
            for p in payments
            if p.status == PaymentStatus.PAID and p.purpose == PaymentPurpose.FEES
        ),
        0,
    )
    open_ = [
        p for p in payments if p.status in (PaymentStatus.PENDING, PaymentStatus.AWAITING_PAYMENT)
    ]
    expected = fees_expected(submission)
    return {
        "payments": payments,
        "paid": paid,
        "open": open_,
        "expected": expected,
        "settled": paid >= expected,
        "due": max(expected - paid, 0),
    }


def fees_expected(submission) -> Decimal:
    """The fees accepted at filing, plus any amount an examiner found missing since (a fee
    irregularity raises the examination's expected total)."""
    from hague_portal.examination.models import Examination

    expected = (
        Examination.objects.filter(pk=submission.pk).values_list("fees_expected", flat=True).first()
    )
    return max(expected or 0, submission.fees_total)


def amount_paid(submission) -> Decimal:
    total = Payment.objects.filter(
        submission=submission, status=PaymentStatus.PAID, purpose=PaymentPurpose.FEES
    ).aggregate(total=Sum("amount_received"))["total"]
    return total or Decimal("0")


def amount_due(submission) -> Decimal:
    return max(fees_expected(submission) - amount_paid(submission), Decimal("0"))


def current_accounts_for(*, user):
    """Accounts the user may debit: its own, and those of the firms where it may file (admin or
    editor). A viewer reads the firm's applications but spends none of its money (issue 8)."""
    from hague_portal.accounts.selectors import EDITING_ROLES

    return CurrentAccount.objects.filter(
        Q(owner_user=user)
        | Q(owner_firm__memberships__user=user, owner_firm__memberships__role__in=EDITING_ROLES)
    ).distinct()


def payment_method_chosen(submission) -> str | None:
    """The method chosen at the wizard's Fees step (the DM/1's fee payment sheet, not an item),
    frozen with what was filed."""
    return (submission.document.get("payment") or {}).get("method")


# The fees one may pay now: those due at filing, with any amount an examiner found missing.
FILING_ITEM = "filing"


def fees_statement(submission) -> dict:
    """The application's fees as a statement: accepted at filing, expected now (with any amount
    an examiner found missing, Rule 14(1)), paid, and due now (what remains), as items one may
    pay. A second part of an individual fee (Rule 12(3): US, MX) is an item of its own, due
    later: payable only once the Office allows the design and its Notice of Allowance asks for
    it (Guide, "Individual designation fee payable in two parts"); not yet payable here."""
    expected, paid = fees_expected(submission), amount_paid(submission)
    due = max(expected - paid, Decimal("0"))
    items = [{"item": FILING_ITEM, "amount": expected, "due": due, "payable": due > 0}]
    items += [
        {
            "item": f"second_part:{line.get('party')}",
            "amount": Decimal(str(line.get("amount", "0"))),
            "due": Decimal("0"),
            "payable": False,
        }
        for line in (submission.fees or {}).get("lines", [])
        if line.get("due") == "later"
    ]
    return {
        "currency": submission.currency,
        "accepted": submission.fees_total,
        "expected": expected,
        "paid": paid,
        "due": due,
        "due_later": Decimal(str((submission.fees or {}).get("total_due_later", "0"))),
        "items": items,
    }
