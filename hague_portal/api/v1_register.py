"""The Register through the token API (issue 23): an application's registration as the Register
holds it now, its renewal's quote, paying a renewal, and renewing several registrations with one
payment. Every write is the portal's own service (register.services.renewals and renewals_bulk);
nothing here computes a fee or moves money.

404 for a registration the token's owner may not see (or that does not exist yet); 403 for one
the owner may read but not renew (a viewer of the holder's firm); 400 at the field for what the
Register refuses (`parties`, `designs`, `seen_total`, `account`, `card_number`, and for a bulk
renewal `<number>.<field>`), nothing charged.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rest_framework import status
from rest_framework.response import Response

from hague_portal.payments.models import PaymentMethod
from hague_portal.register.models import Registration
from hague_portal.register.selectors_renewals import (
    registrations_fileable_by,
    registrations_for_renewal,
)
from hague_portal.register.services import RegisterError
from hague_portal.register.services.renewals import (
    renewal_pay,
    renewal_quote,
    renewal_window,
)
from hague_portal.register.services.renewals_bulk import renewals_pay_bulk
from hague_portal.register.services.state import registration_state

from . import adapters, presenters
from .models import Scope
from .v1 import ApiError, V1View, _validation_errors, error
from .v1_payments import ACCOUNTS_HINT, account_to_debit

METHODS = (PaymentMethod.CURRENT_ACCOUNT, PaymentMethod.CARD)
BULK_MAX = 1000
MAY_NOT_RENEW = (
    "Only the holder's account, or an administrator or editor of the holder's firm, may renew "
    "this registration."
)


def registration_for(*, user, number: str) -> Registration:
    """The registration of an application the user may see; 404 otherwise (before it is
    registered too)."""
    submission = adapters.submission_for(user=user, number=number)
    found = registrations_for_renewal(Registration.objects.filter(pk=submission.pk)).first()
    if found is None:
        raise ApiError(404, [error("", f"Application {number} is not registered.")])
    return found


def registration_body(registration: Registration) -> dict:
    """The Register's state now, the renewal window and the history (three queries)."""
    from hague_portal.hague import renewal as rules
    from hague_portal.hague.periods import add_months
    from hague_portal.reference.selectors import reference_data

    state = registration_state(registration)
    dates = rules.renewal_dates(reference_data(), registration.registration_date, registration.term)
    return {
        "number": registration.number,
        "registration_date": registration.registration_date.isoformat(),
        "published_on": presenters._iso(registration.published_on),
        **state,
        "renewal": {
            "window": renewal_window(registration),
            "opens": add_months(dates.expiry, -rules.REMINDER_MONTHS).isoformat(),
            "due": dates.due.isoformat(),
            "grace_end": dates.grace_end.isoformat(),
        },
        "renewals": [_renewal(r) for r in registration.renewals.order_by("number")],
        "history": [
            {"kind": e.kind, "recorded_on": e.recorded_on.isoformat(), "summary": e.summary}
            for e in registration.entries.order_by("recorded_on", "id")
        ],
    }


def _renewal(row) -> dict:
    return {
        "number": row.number,
        "expiry_renewed": row.expiry_renewed.isoformat(),
        "new_expiry": row.new_expiry.isoformat(),
        "parties": row.parties,
        "designs": row.designs,
        "in_grace": row.in_grace,
        "total": presenters._money(row.total),
        "payment": row.payment.reference if row.payment_id else None,
        "recorded_on": row.recorded_on.isoformat(),
    }


def quote_body(quote) -> dict:
    return {
        "registration": quote.registration.number,
        "renewal": quote.number,
        "expiry": quote.dates.expiry.isoformat(),
        "new_expiry": quote.new_expiry.isoformat(),
        "in_grace": quote.in_grace,
        "fees_on": quote.fees_on.isoformat(),
        "parties": quote.parties,
        "designs": quote.designs,
        "offers": [
            {"party": o.party, "designs": o.designs, "renewable": o.renewable, "reason": o.reason}
            for o in quote.offers
        ],
        "lines": [
            {
                "kind": line.kind,
                "party": line.party,
                "label": line.label,
                "quantity": line.quantity,
                "amount": presenters._money(line.amount),
            }
            for line in quote.lines
        ],
        "total": presenters._money(quote.total),
        "currency": "CHF",
    }


def _codes(value, field: str, *, number: bool = False) -> list | None:
    """A list of party codes or design numbers, as a JSON list or "CH,EM" (a query)."""
    if value is None or value == "":
        return None
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ApiError(400, [error(field, "a list, or comma-separated values")])
    if number:
        try:
            return [int(str(n).strip()) for n in items]
        except ValueError:
            raise ApiError(400, [error(field, "design numbers, such as 1,2")]) from None
    return [str(p).strip().upper() for p in items]


def _seen_total(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ApiError(
            400, [error("seen_total", "the total you were shown, e.g. 307.00")]
        ) from None


def _payment(user, body) -> dict:
    method = body.get("method", PaymentMethod.CURRENT_ACCOUNT)
    if method not in METHODS:
        raise ApiError(400, [error("method", "current_account or card")])
    account = account_to_debit(user=user, account_id=body.get("account"))
    card_number = body.get("card_number") or ""
    if method == PaymentMethod.CURRENT_ACCOUNT and account is None:
        raise ApiError(400, [error("account", f"send {ACCOUNTS_HINT}")])
    if method == PaymentMethod.CARD and not (isinstance(card_number, str) and card_number):
        raise ApiError(400, [error("card_number", "send the card number")])
    return {"method": method, "account": account, "card_number": card_number}


def _require_fileable(user, registration) -> None:
    if not registrations_fileable_by(user=user).filter(pk=registration.pk).exists():
        raise ApiError(403, [error("", MAY_NOT_RENEW)])


class RegistrationView(V1View):
    """GET the Register's state of the application's registration."""

    def get(self, request, number):
        return Response(registration_body(registration_for(user=request.user, number=number)))


class RenewalView(V1View):
    """GET the renewal's quote (?parties=CH,EM&designs=1,2); POST pay and record it."""

    scopes = {"GET": Scope.READ, "POST": Scope.SUBMIT}

    def get(self, request, number):
        registration = registration_for(user=request.user, number=number)
        try:
            quote = renewal_quote(
                registration=registration,
                parties=_codes(request.query_params.get("parties"), "parties"),
                designs=_codes(request.query_params.get("designs"), "designs", number=True),
            )
        except RegisterError as exc:
            raise ApiError(400, _validation_errors(exc)) from None
        return Response(quote_body(quote))

    def post(self, request, number):
        registration = registration_for(user=request.user, number=number)
        _require_fileable(request.user, registration)
        body = self.body(request)
        try:
            renewal = renewal_pay(
                registration=registration,
                user=request.user,
                parties=_codes(body.get("parties"), "parties"),
                designs=_codes(body.get("designs"), "designs", number=True),
                seen_total=_seen_total(body.get("seen_total")),
                **_payment(request.user, body),
            )
        except RegisterError as exc:
            raise ApiError(400, _renewal_errors(exc, body)) from None
        return Response(
            {**_renewal(renewal), "payment": presenters.payment(renewal.payment)},
            status=status.HTTP_201_CREATED,
        )


def _renewal_errors(exc: RegisterError, body: dict):
    """renewal_pay's refusals: a payment refused is at `method`; the API names the field the
    caller sent (the card or the account)."""
    errors = _validation_errors(exc)
    field = "card_number" if body.get("method") == PaymentMethod.CARD else "account"
    return [error(field, e.message) if e.path == "method" else e for e in errors]


class BulkRenewalView(V1View):
    """POST renew several registrations with one payment."""

    scopes = {"POST": Scope.SUBMIT}

    def post(self, request):
        body = self.body(request)
        numbers = body.get("registrations")
        if not isinstance(numbers, list) or not numbers or len(numbers) > BULK_MAX:
            raise ApiError(
                400, [error("registrations", f"a list of 1 to {BULK_MAX} registration numbers")]
            )
        found = list(
            registrations_fileable_by(user=request.user)
            .filter(number__in=[str(n) for n in numbers])
            .values_list("pk", "number")
        )
        missing = sorted({str(n) for n in numbers} - {n for _, n in found})
        if missing:
            raise ApiError(
                404,
                [error("registrations", f"No registration you may renew: {', '.join(missing)}")],
            )
        try:
            renewed = renewals_pay_bulk(
                registrations=[pk for pk, _ in found],
                user=request.user,
                seen_total=_seen_total(body.get("seen_total")),
                **_payment(request.user, body),
            )
        except RegisterError as exc:
            raise ApiError(400, _validation_errors(exc)) from None
        return Response(
            {
                "payment": presenters.payment(renewed[0].payment),
                "renewals": [
                    {"registration": r.registration.number, **_renewal(r)} for r in renewed
                ],
            },
            status=status.HTTP_201_CREATED,
        )
