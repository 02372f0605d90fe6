"""Writes of payments: charge the accepted fees by current account, card or bank transfer.

The amount charged is the fee calculation the applicant accepted at submission (frozen on the
Submission with its hash). If the fees calculated today differ, `payment_create` refuses until
the applicant has seen the differences (`fees_changed`); paying less than is now due leaves a fee
irregularity for the International Bureau.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import uuid4

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hague_portal.events.services import event_record, unit
from hague_portal.lib.numbers import amount_text
from hague_portal.submissions.models import Irregularity, Submission
from hague_portal.submissions.selectors import application_language, fees_current

from .models import (
    CurrentAccount,
    LedgerEntry,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
)
from .providers import DECLINED, PAID, card_provider
from .selectors import amount_due, amount_paid, fees_expected

OPEN = (PaymentStatus.PENDING, PaymentStatus.AWAITING_PAYMENT)


class PaymentError(Exception):
    pass


class InsufficientFunds(PaymentError):
    pass


class FeesChanged(PaymentError):
    def __init__(self, differences: list[dict]):
        super().__init__(_("The fees have changed since you accepted them."))
        self.differences = differences


def chf(amount: Decimal, currency: str = "CHF") -> str:
    """The audit trail's English record of an amount; what a person reads is
    lib.numbers.amount_text, in their language."""
    return f"{Decimal(amount):,.2f} {currency}"


# --- fees: accepted vs current -----------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    label: str
    amount: Decimal


def fees_changed(accepted: dict, current: dict) -> list[dict]:
    """The differences between two fee calculations (FeeCalculation.as_dict()), line by line,
    then the total due at filing; empty when they charge the same."""
    before, after = _lines(accepted), _lines(current)
    differences = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old is None or new is None or old.amount != new.amount:
            differences.append(
                {
                    "fee": (new or old).label,
                    "party": key[1],
                    "accepted": None if old is None else str(old.amount),
                    "current": None if new is None else str(new.amount),
                }
            )
    totals = [Decimal(str(c.get("total_due_at_filing", "0"))) for c in (accepted, current)]
    if totals[0] != totals[1]:
        differences.append(
            {
                "fee": _("Total due at filing"),
                "party": None,
                "accepted": str(totals[0]),
                "current": str(totals[1]),
            }
        )
    return differences


def _lines(calculation: dict) -> dict[tuple, _Line]:
    lines: dict[tuple, _Line] = {}
    for line in calculation.get("lines", []):
        key = (line.get("kind"), line.get("party"), line.get("due"))
        previous = lines.get(key)
        amount = Decimal(str(line.get("amount", "0"))) + (previous.amount if previous else 0)
        lines[key] = _Line(line.get("label", ""), amount)
    return lines


# --- paying ------------------------------------------------------------------------------------


def payment_create(
    *,
    submission: Submission,
    user,
    method: str,
    account: CurrentAccount | None = None,
    card_number: str = "",
    fees_seen: bool = False,
    current_fees: dict | None = None,
) -> Payment:
    """Charge the accepted fees once. `fees_seen`: the applicant was shown `fees_changed`."""
    current = current_fees if current_fees is not None else fees_current(submission)
    differences = fees_changed(submission.fees, current)
    if differences and not fees_seen:
        raise FeesChanged(differences)
    with unit():
        # One payment at a time per application: the row lock serialises double clicks.
        Submission.objects.select_for_update().only("pk").get(pk=submission.pk)
        open_payments = Payment.objects.filter(
            submission=submission, status__in=OPEN, purpose=PaymentPurpose.FEES
        )
        if open_payments.exists():
            raise PaymentError(_("A payment of these fees is in progress."))
        due = amount_due(submission)
        if due <= 0:
            raise PaymentError(_("These fees are already paid."))
        payment = _payment_new(submission, user, method, account, due)
        _METHODS[method](payment, card_number=card_number)
        if payment.status == PaymentStatus.PAID:
            _after_paid(submission, payment, current)
    return payment


def payment_charge(
    *,
    submission: Submission | None,
    user,
    purpose: str,
    amount: Decimal,
    description: str,
    method: str,
    account: CurrentAccount | None = None,
    card_number: str = "",
    reference: str = "",
    payer_name: str = "",
    payer_email: str = "",
) -> Payment:
    """Charge a fee due after registration (the second part of an individual fee, a renewal,
    the recording of a change): by current account or card, at once. The caller holds the
    transaction and records what was paid; a declined card leaves a declined payment and
    raises. `submission` None: a payment for several registrations (a bulk renewal), whose
    reference starts with `reference`; `user` None: a payer without an account (by card)."""
    if method not in (PaymentMethod.CURRENT_ACCOUNT, PaymentMethod.CARD):
        raise PaymentError(_("Pay by WIPO current account or by card."))
    if user is None and method != PaymentMethod.CARD:
        raise PaymentError(_("Without an account, pay by card."))
    payment = _payment_new(submission, user, method, account, amount, prefix=reference)
    payment.purpose, payment.payer_name, payment.payer_email = purpose, payer_name, payer_email
    payment.save(update_fields=["purpose", "payer_name", "payer_email"])
    if method == PaymentMethod.CURRENT_ACCOUNT:
        if payment.account is None:
            raise PaymentError(_("Choose the current account to debit."))
        current_account_debit(
            account=payment.account, amount=amount, payment=payment, description=description
        )
        _mark_paid(payment, amount)
    else:
        _pay_by_card(payment, card_number=card_number)
        if payment.status != PaymentStatus.PAID:
            raise PaymentError(payment.message or _("The card was declined."))
    return payment


def _after_paid(submission, payment, current) -> None:
    from hague_portal.examination.services import examination_fees_paid

    event_record(
        submission=submission,
        actor=payment.created_by,
        kind="payment.received",
        summary=f"Payment {payment.reference} of {chf(payment.amount_received)} received "
        f"({payment.get_method_display()})",
        after={"payment": payment.reference, "amount": str(payment.amount_received)},
        applicant_visible=True,
    )
    _underpayment_check(submission, payment, current)
    # A fee irregularity is remedied by paying the missing amount (Rule 14(1)).
    examination_fees_paid(submission=submission, paid=amount_paid(submission))


def _payment_new(submission, user, method, account, amount, *, prefix: str = "") -> Payment:
    if method not in PaymentMethod.values:
        raise PaymentError(_("Unknown payment method %(method)r.") % {"method": method})
    prefix = prefix or (submission.number if submission else "PAY")
    return Payment.objects.create(
        submission=submission,
        method=method,
        status=PaymentStatus.PENDING,
        amount=amount,  # the fees accepted at filing, or what is still missing
        currency=submission.currency if submission else "CHF",
        fees_sha256=submission.fees_sha256 if submission else "",
        reference=f"{prefix}-{uuid4().hex[:8].upper()}",
        account=account if method == PaymentMethod.CURRENT_ACCOUNT else None,
        created_by=user,
    )


def _pay_by_current_account(payment: Payment, **_) -> None:
    if payment.account is None:
        raise PaymentError(_("Choose the current account to debit."))
    current_account_debit(
        account=payment.account,
        amount=payment.amount,
        payment=payment,
        description=f"Fees of international application {payment.submission.number}",
    )
    _mark_paid(payment, payment.amount)


def _pay_by_card(payment: Payment, *, card_number: str, **_) -> None:
    result = card_provider().charge(
        amount=payment.amount,
        currency=payment.currency,
        card_number=card_number,
        reference=payment.reference,
    )
    payment.provider_reference, payment.message = result.provider_reference, result.message
    payment.save(update_fields=["provider_reference", "message"])
    if result.status == PAID:
        _mark_paid(payment, payment.amount)
    elif result.status == DECLINED:
        _set_status(payment, PaymentStatus.DECLINED)


def _pay_by_transfer(payment: Payment, **_) -> None:
    # The applicant quotes payment.reference on the transfer; staff record what arrives.
    _set_status(payment, PaymentStatus.AWAITING_PAYMENT)


_METHODS = {
    PaymentMethod.CURRENT_ACCOUNT: _pay_by_current_account,
    PaymentMethod.CARD: _pay_by_card,
    PaymentMethod.BANK_TRANSFER: _pay_by_transfer,
}


def payment_record_transfer(*, payment: Payment, amount_received: Decimal) -> Payment:
    """Staff record a bank transfer that arrived; less than due is a fee irregularity."""
    with unit():
        updated = Payment.objects.filter(
            pk=payment.pk, status=PaymentStatus.AWAITING_PAYMENT
        ).update(status=PaymentStatus.PAID, amount_received=amount_received, paid_at=timezone.now())
        if not updated:
            raise PaymentError(
                _("Payment %(reference)s is not awaiting payment.")
                % {"reference": payment.reference}
            )
        payment.refresh_from_db()
        _after_paid(payment.submission, payment, fees_current(payment.submission))
    return payment


def _mark_paid(payment: Payment, received: Decimal) -> None:
    payment.status, payment.amount_received, payment.paid_at = (
        PaymentStatus.PAID,
        received,
        timezone.now(),
    )
    payment.save(update_fields=["status", "amount_received", "paid_at"])


def _set_status(payment: Payment, status: str) -> None:
    payment.status = status
    payment.save(update_fields=["status"])


def _underpayment_check(submission: Submission, payment: Payment, current: dict) -> None:
    # Rule 14(1)/(2): the International Bureau invites payment of what is missing.
    due = max(Decimal(str(current.get("total_due_at_filing", "0"))), fees_expected(submission))
    paid = amount_paid(submission)
    if paid < due:
        # In the application's language, as the other irregularities (and the same text each
        # time: it is part of what makes the irregularity unique).
        with translation.override(application_language(submission)):
            message = _("%(paid)s paid; %(due)s is due (%(missing)s missing).") % {
                "paid": amount_text(paid, "CHF"),
                "due": amount_text(due, "CHF"),
                "missing": amount_text(due - paid, "CHF"),
            }
        Irregularity.objects.get_or_create(
            submission=submission,
            kind=Irregularity.Kind.FEE,
            code="fees.underpaid",
            item="fees",
            message=message,
            defaults={
                "details": {"paid": str(paid), "due": str(due), "payment": payment.reference}
            },
        )


# --- current accounts --------------------------------------------------------------------------


def current_account_debit(
    *, account: CurrentAccount, amount: Decimal, payment=None, description: str
) -> LedgerEntry:
    """Debit atomically: the row is locked, the balance checked, and the UPDATE is conditional
    on the balance still covering the amount (the CHECK constraint is the last line)."""
    amount = Decimal(amount)
    with transaction.atomic():
        locked = CurrentAccount.objects.select_for_update().get(pk=account.pk)
        if locked.balance < amount:
            raise InsufficientFunds(
                _("Current account %(number)s has %(balance)s; %(amount)s is due.")
                % {
                    "number": locked.number,
                    "balance": amount_text(locked.balance, locked.currency),
                    "amount": amount_text(amount, locked.currency),
                }
            )
        updated = CurrentAccount.objects.filter(pk=locked.pk, balance__gte=amount).update(
            balance=F("balance") - amount
        )
        if not updated:  # cannot happen under the lock; kept for databases without row locks
            raise InsufficientFunds(
                _("Current account %(number)s does not cover %(amount)s.")
                % {"number": locked.number, "amount": amount_text(amount, "CHF")}
            )
        return _ledger(locked, LedgerEntry.Kind.DEBIT, amount, payment, description)


def current_account_credit(
    *, account: CurrentAccount, amount: Decimal, description: str
) -> LedgerEntry:
    with transaction.atomic():
        locked = CurrentAccount.objects.select_for_update().get(pk=account.pk)
        CurrentAccount.objects.filter(pk=locked.pk).update(balance=F("balance") + Decimal(amount))
        return _ledger(locked, LedgerEntry.Kind.CREDIT, Decimal(amount), None, description)


def _ledger(account, kind, amount, payment, description) -> LedgerEntry:
    account.refresh_from_db(fields=["balance"])
    return LedgerEntry.objects.create(
        account=account,
        kind=kind,
        amount=amount,
        balance_after=account.balance,
        payment=payment,
        description=description,
    )


def refund_to_current_accounts(
    *, submission, amount: Decimal, reason: str = "considered abandoned (Rule 14(3))"
) -> Decimal:
    """Refund `amount` of the fees paid (Rule 14(3)): credited back to the current account(s)
    that paid, newest payment first; what card or transfer paid is owed by the finance staff
    (returned as the remainder)."""
    remaining = Decimal(amount)
    paid = Payment.objects.filter(
        submission=submission,
        status=PaymentStatus.PAID,
        method=PaymentMethod.CURRENT_ACCOUNT,
        purpose=PaymentPurpose.FEES,
    ).order_by("-paid_at")
    for payment in paid:
        part = min(remaining, payment.amount_received)
        if part <= 0:
            break
        current_account_credit(
            account=payment.account,
            amount=part,
            description=f"Refund: international application {submission.number} {reason}",
        )
        remaining -= part
    return remaining
