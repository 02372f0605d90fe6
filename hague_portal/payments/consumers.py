"""The payments consumer of the event stream: an application considered abandoned has its fees
refunded less the basic fee (Rule 14(3)); the examination worked out the amount, the money goes
back here, to the WIPO current accounts that paid it."""

from __future__ import annotations

from decimal import Decimal

from hague_portal.events.registry import Consumer
from hague_portal.events.services import event_record, unit

from .services import chf, refund_to_current_accounts


def refund(event) -> None:
    amount = Decimal(event.after.get("refund") or "0")
    if amount <= 0:
        return
    with unit():
        owed = refund_to_current_accounts(submission=event.submission, amount=amount)
        credited = amount - owed
        event_record(
            submission=event.submission,
            kind="refund.made",
            summary=f"Refund of {chf(amount)}: {chf(credited)} credited to the current "
            f"account(s) that paid, {chf(owed)} owed by transfer (Rule 14(3))",
            after={"refund": str(amount), "credited": str(credited), "owed": str(owed)},
        )


CONSUMER = Consumer(
    name="refunds", kinds=frozenset({"application.abandoned"}), handle=refund, order=5
)
