"""The payments consumer of the event stream: an application considered abandoned has its fees
refunded less the basic fee (Rule 14(3)), and so has one withdrawn by the applicant (the Guide
says nothing of withdrawal: refunded as on abandonment); the examination worked out the amount,
the money goes back here, to the WIPO current accounts that paid it."""

from __future__ import annotations

from decimal import Decimal

from hague_portal.events.registry import Consumer
from hague_portal.events.services import event_record, unit

from .services import chf, refund_to_current_accounts

# What the ledger line and the audit trail say of each refunding kind.
REASONS = {
    "application.abandoned": ("considered abandoned (Rule 14(3))", " (Rule 14(3))"),
    "application.withdrawn": ("withdrawn by the applicant", " (withdrawal)"),
}


def refund(event) -> None:
    amount = Decimal(event.after.get("refund") or "0")
    if amount <= 0:
        return
    ledger, cause = REASONS[event.kind]
    with unit():
        owed = refund_to_current_accounts(submission=event.submission, amount=amount, reason=ledger)
        credited = amount - owed
        event_record(
            submission=event.submission,
            kind="refund.made",
            summary=f"Refund of {chf(amount)}: {chf(credited)} credited to the current "
            f"account(s) that paid, {chf(owed)} owed by transfer{cause}",
            after={"refund": str(amount), "credited": str(credited), "owed": str(owed)},
        )


CONSUMER = Consumer(name="refunds", kinds=frozenset(REASONS), handle=refund, order=5)
