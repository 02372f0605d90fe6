"""Card payment providers: one small interface, a built-in test provider.

A real acquirer is a subclass with one method; `PAYMENT_CARD_PROVIDER` (a dotted path) picks it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_noop

PAID, DECLINED, PENDING = "paid", "declined", "pending"


@dataclass(frozen=True)
class CardResult:
    status: str  # PAID | DECLINED | PENDING
    provider_reference: str
    message: str = ""


class PaymentProvider:
    def charge(
        self, *, amount: Decimal, currency: str, card_number: str, reference: str
    ) -> CardResult:
        raise NotImplementedError


class TestCardProvider(PaymentProvider):
    """Outcome by card number, like the acquirers' own test cards."""

    OUTCOMES = {
        "4242424242424242": (PAID, ""),
        "4000000000000002": (DECLINED, gettext_noop("The card was declined by the issuer.")),
        "4000000000003220": (
            PENDING,
            gettext_noop("The issuer asked for authentication; the payment is pending."),
        ),
    }

    def charge(self, *, amount, currency, card_number, reference):
        digits = "".join(ch for ch in card_number if ch.isdigit())
        status, message = self.OUTCOMES.get(
            digits, (DECLINED, gettext_noop("Unknown card number."))
        )
        return CardResult(status=status, provider_reference=f"test_{reference}", message=message)


def card_provider() -> PaymentProvider:
    path = getattr(
        settings, "PAYMENT_CARD_PROVIDER", "hague_portal.payments.providers.TestCardProvider"
    )
    return import_string(path)()
