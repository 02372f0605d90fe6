"""Renewing several registrations with one payment (issue 23: a representative renews its
clients' registrations due in a period): one itemised quote of them all, one charge, and each
renewal recorded on its own registration (`renewals.renewal_record`), in one transaction: if
one cannot be renewed or the payment is refused, nothing is charged and nothing recorded.

Reads are in bulk (the registrations, their applications and designations in three queries),
so that the cost per registration is the writes of its renewal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from hague_portal.events.services import unit
from hague_portal.payments.models import PaymentPurpose
from hague_portal.payments.services import PaymentError, payment_charge

from ..models import Registration, Renewal
from ..selectors_renewals import registrations_fileable_by, registrations_for_renewal
from .common import RegisterError, today_or
from .renewals import RenewalQuote, renewal_quote, renewal_record

REFERENCE_PREFIX = "BULK"


@dataclass(frozen=True)
class BulkItem:
    """A registration of a bulk renewal: its quote, or why it is not renewed now."""

    registration: Registration
    quote: RenewalQuote | None
    reason: str = ""


@dataclass(frozen=True)
class BulkQuote:
    items: list[BulkItem]

    @property
    def renewable(self) -> list[BulkItem]:
        return [item for item in self.items if item.quote is not None]

    @property
    def excluded(self) -> list[BulkItem]:
        return [item for item in self.items if item.quote is None]

    @property
    def total(self) -> Decimal:
        # The grand total is the sum of the registrations' totals, each of its own lines.
        return sum((item.quote.total for item in self.renewable), Decimal("0.00"))


def renewals_quote_bulk(*, registrations, today: date | None = None) -> BulkQuote:
    """Each registration's renewal of all its renewable parties and designs (Article 17(4)),
    or the reason it cannot be renewed now (not yet open, lapsed, nothing renewable...)."""
    today = today_or(today)
    rows = registrations_for_renewal(_queryset(registrations)).order_by("expiry", "number")
    items = []
    for registration in rows:
        try:
            items.append(
                BulkItem(registration, renewal_quote(registration=registration, today=today))
            )
        except RegisterError as error:
            items.append(BulkItem(registration, None, _reason(error)))
    return BulkQuote(items)


def renewals_pay_bulk(
    *,
    registrations,
    user,
    method: str,
    account=None,
    card_number: str = "",
    seen_total: Decimal | None = None,
    today: date | None = None,
) -> list[Renewal]:
    """Renew every registration given (all their renewable parties and designs) with one
    payment (reference BULK-...). Refused, nothing charged: a registration the user may not
    renew, one that cannot be renewed now (its number and field in the error), a total other
    than `seen_total` (the fees changed since the user saw them), a declined card or an account
    that does not cover it."""
    today = today_or(today)
    ids = sorted({r.pk if isinstance(r, Registration) else r for r in registrations})
    if not ids:
        raise RegisterError(_("Choose at least one registration to renew."), "registrations")
    with unit():
        locked = _locked(ids, user)
        quotes = [_quote_of(registration, today) for registration in locked]
        total = sum((q.total for q in quotes), Decimal("0.00"))
        if seen_total is not None and Decimal(seen_total) != total:
            raise RegisterError(
                _("The fees are now %(total)s CHF, not %(seen)s: check them and pay again.")
                % {"total": total, "seen": seen_total},
                "seen_total",
            )
        payment = _charge(quotes, total, user, method, account, card_number)
        return [
            renewal_record(quote=quote, payment=payment, by=user, today=today) for quote in quotes
        ]


def _locked(ids, user) -> list[Registration]:
    """The registrations locked for their renewal (two payments never renew one twice), each
    one the user may renew: any other is refused by its number, as if it did not exist."""
    rows = registrations_for_renewal(
        Registration.objects.select_for_update(of=("self",)).filter(pk__in=ids)
    ).order_by("pk")
    locked = list(rows)
    allowed = set(
        registrations_fileable_by(user=user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    refused = [r for r in locked if r.pk not in allowed]
    if refused or len(locked) != len(ids):
        raise RegisterError(
            _("No registration you may renew has the number %(numbers)s.")
            % {"numbers": ", ".join(r.number for r in refused) or _("given")},
            "registrations",
        )
    return sorted(locked, key=lambda r: (r.expiry, r.number))


def _quote_of(registration: Registration, today: date) -> RenewalQuote:
    try:
        return renewal_quote(registration=registration, today=today)
    except RegisterError as error:
        # Named by the registration and the field, so the user knows which to take out.
        raise RegisterError(
            {
                f"{registration.number}.{field}" if field != "__all__" else registration.number: (
                    f"{registration.number}: {' '.join(messages)}"
                )
                for field, messages in error.message_dict.items()
            }
        ) from error


def _charge(quotes, total, user, method, account, card_number):
    numbers = ", ".join(q.registration.number for q in quotes)
    description = f"Renewal of {len(quotes)} international registration(s): {numbers}"
    try:
        return payment_charge(
            submission=None,  # one payment for several registrations
            user=user,
            purpose=PaymentPurpose.RENEWAL,
            amount=total,
            description=description[:200],
            method=method,
            account=account,
            card_number=card_number,
            reference=REFERENCE_PREFIX,
        )
    except PaymentError as error:
        field = "card_number" if method == "card" else "account"
        raise RegisterError(str(error), field) from error


def _queryset(registrations):
    if hasattr(registrations, "model"):
        return registrations
    ids = [r.pk if isinstance(r, Registration) else r for r in registrations]
    return Registration.objects.filter(pk__in=ids)


def _reason(error: RegisterError) -> str:
    return " ".join(message for messages in error.message_dict.values() for message in messages)
