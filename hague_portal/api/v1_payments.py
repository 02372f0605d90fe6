"""Paying through the token API (the fee payment sheet): the current accounts one may debit,
the account named at submit, and paying what an application has due. Every debit is the wizard's own
(payments.services.payment_create); nothing here computes or moves money.

Refusals answer at the field concerned: `account` (400 unknown, 403 a firm's account the
caller's role may not spend, 422 the balance does not cover what is due), `item` (400 unknown,
409 nothing due on it), `fees_seen` (409: the fees changed since they were accepted).

The second part of an individual fee (Rule 12(3)(c), issue 22) is paid with its own endpoint,
through register.services.second_part_pay, as the application's page pays it: its refusals are
400s at the field (`account`: no account or one that does not cover it; `card_number`: declined;
`""`: already paid, or the time limit passed, Rule 12(3)(d)).
"""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response

from hague_portal.payments import services as payments
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.selectors import FILING_ITEM, current_accounts_for, fees_statement
from hague_portal.register import services as register
from hague_portal.register.models import SecondPart
from hague_portal.register.selectors import second_part_of
from hague_portal.submissions.selectors import submission_may_file

from . import adapters, presenters
from .models import Scope
from .v1 import ApiError, V1View, _validation_errors, error

ACCOUNTS_HINT = "the id of a current account you may debit (GET /api/v1/accounts/)"


def account_to_debit(*, user, account_id) -> CurrentAccount | None:
    """The current account named in a request, if the user may debit it (None: none named)."""
    if account_id is None:
        return None
    if not isinstance(account_id, int) or isinstance(account_id, bool):
        raise ApiError(400, [error("account", f"send {ACCOUNTS_HINT}")])
    account = current_accounts_for(user=user).filter(pk=account_id).first()
    if account is not None:
        return account
    # A firm's viewer knows the firm's account: it is told why, not that it does not exist.
    firm_account = CurrentAccount.objects.filter(
        pk=account_id, owner_firm__memberships__user=user
    ).first()
    if firm_account is not None:
        raise ApiError(
            403,
            [
                error(
                    "account",
                    f"Your role in {firm_account.owner_firm} does not allow debiting its "
                    "current account: its administrators and editors may.",
                )
            ],
        )
    raise ApiError(400, [error("account", f"No such current account: send {ACCOUNTS_HINT}.")])


def payment_refused(exc: payments.PaymentError) -> ApiError:
    """A refusal of payments.services as the API answers it."""
    if isinstance(exc, payments.InsufficientFunds):
        return ApiError(422, [error("account", str(exc))])
    if isinstance(exc, payments.FeesChanged):
        return ApiError(
            409,
            [
                error(
                    "fees_seen",
                    f'{exc} Read the differences, then send "fees_seen": true to pay the fees '
                    "accepted at filing (any amount missing is then asked for by the "
                    "International Bureau).",
                )
            ],
            differences=exc.differences,
        )
    return ApiError(409, [error("", str(exc))])


class AccountListView(V1View):
    def get(self, request):
        rows = current_accounts_for(user=request.user).select_related("owner_firm")
        return Response({"results": [presenters.current_account(a) for a in rows]})


class ApplicationPayView(V1View):
    """Pay an item of the application's fees that is due now, from a current account."""

    scopes = {"POST": Scope.SUBMIT}

    def post(self, request, number):
        submission = adapters.submission_for(user=request.user, number=number)
        # As the pay page: seeing an application is no leave to pay for it (issue 8).
        if not submission_may_file(user=request.user, submission=submission):
            raise ApiError(
                403, [error("", "Only those who may file for this application may pay its fees.")]
            )
        body = self.body(request)
        account = account_to_debit(user=request.user, account_id=body.get("account"))
        if account is None:
            raise ApiError(400, [error("account", f"send {ACCOUNTS_HINT}")])
        self._item_payable(submission, body.get("item", FILING_ITEM))
        try:
            payment = payments.payment_create(
                submission=submission,
                user=request.user,
                method=PaymentMethod.CURRENT_ACCOUNT,
                account=account,
                fees_seen=body.get("fees_seen") is True,
            )
        except payments.PaymentError as exc:
            raise payment_refused(exc) from None
        return Response(
            {**presenters.payment(payment), "fees": presenters.fees(submission)},
            status=status.HTTP_201_CREATED,
        )

    @staticmethod
    def _item_payable(submission, item) -> None:
        items = {entry["item"]: entry for entry in fees_statement(submission)["items"]}
        if item not in items:
            known = ", ".join(items)
            raise ApiError(400, [error("item", f"one of the application's fee items: {known}")])
        if not items[item]["payable"]:
            raise ApiError(409, [error("item", f"Nothing is due on {item} now.")])


SECOND_PART_METHODS = (PaymentMethod.CURRENT_ACCOUNT, PaymentMethod.CARD)


class SecondPartPayView(V1View):
    """Pay the second part of a party's individual fee, once its Office asked for it."""

    scopes = {"POST": Scope.SUBMIT}

    def post(self, request, number, party):
        submission = adapters.submission_for(user=request.user, number=number)
        try:
            part = second_part_of(submission=submission, party=party)
        except SecondPart.DoesNotExist:
            raise ApiError(
                404, [error("", f"No second part of a fee is due for {party}.")]
            ) from None
        if not submission_may_file(user=request.user, submission=submission):
            raise ApiError(
                403, [error("", "Only those who may file for this application may pay its fees.")]
            )
        body = self.body(request)
        method = body.get("method", PaymentMethod.CURRENT_ACCOUNT)
        if method not in SECOND_PART_METHODS:
            raise ApiError(400, [error("method", "current_account or card")])
        account = account_to_debit(user=request.user, account_id=body.get("account"))
        card_number = body.get("card_number") or ""
        self._required(method, account, card_number)
        try:
            part = register.second_part_pay(
                second_part=part, user=request.user, method=method, account=account,
                card_number=str(card_number),
            )  # fmt: skip
        except register.RegisterError as exc:
            raise ApiError(400, _validation_errors(exc)) from None
        except payments.PaymentError as exc:
            field = "card_number" if method == PaymentMethod.CARD else "account"
            raise ApiError(400, [error(field, str(exc))]) from None
        return Response(
            {
                "party": part.designation.party,
                **presenters.second_part(part),
                "payment": presenters.payment(part.payment),
            },
            status=status.HTTP_201_CREATED,
        )

    @staticmethod
    def _required(method, account, card_number) -> None:
        if method == PaymentMethod.CURRENT_ACCOUNT and account is None:
            raise ApiError(400, [error("account", f"send {ACCOUNTS_HINT}")])
        if method == PaymentMethod.CARD and not (isinstance(card_number, str) and card_number):
            raise ApiError(400, [error("card_number", "send the card number")])
