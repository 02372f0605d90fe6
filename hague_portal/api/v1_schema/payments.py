"""The OpenAPI description of paying through the token API (hague_portal/api/v1_payments.py):
the fees statement of an application, its payments, the current accounts and the pay operation.
The shapes are imported by drafts and applications (a submit answer and an application carry
them)."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_view
from rest_framework import serializers as s

from hague_portal.payments.models import PaymentMethod, PaymentStatus

from .. import v1_payments
from ..models import Scope
from ..serializers import ErrorsSerializer
from .common import _op


def _money(help_text: str = "") -> s.DecimalField:
    return s.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=True, help_text=help_text
    )


class FeeItemSerializer(s.Serializer):
    item = s.CharField(
        help_text='"filing": the fees due at filing with any amount found missing since; '
        '"second_part:<party>": a second part of an individual fee (Rule 12(3)), '
        "due later"
    )
    amount = _money("What the item comes to")
    due = _money("What remains to pay on it now")
    payable = s.BooleanField(help_text="Whether POST …/pay/ accepts it now")


class FeesStatementSerializer(s.Serializer):
    currency = s.CharField()
    accepted = _money("The fees accepted at filing")
    expected = _money("What is due in all now: accepted, plus any amount found missing")
    paid = _money("What was received")
    due = _money("What remains to pay now (expected - paid, never below 0)")
    due_later = _money("Second parts of individual fees, due on the Office's notice of allowance")
    items = FeeItemSerializer(many=True)


class PaymentSerializer(s.Serializer):
    reference = s.CharField(help_text="Quoted on receipts and transfers")
    method = s.ChoiceField(choices=PaymentMethod.choices)
    status = s.ChoiceField(choices=PaymentStatus.choices)
    amount = _money("What was charged")
    amount_received = _money()
    currency = s.CharField()
    account = s.IntegerField(allow_null=True, help_text="The current account debited")
    created_at = s.DateTimeField()
    paid_at = s.DateTimeField(allow_null=True)


class PaidSerializer(PaymentSerializer):
    fees = FeesStatementSerializer(help_text="The application's fees after this payment")


class PayInSerializer(s.Serializer):
    account = s.IntegerField(help_text="The current account to debit (GET /api/v1/accounts/)")
    item = s.CharField(
        required=False,
        min_length=1,
        help_text='The fee item to pay, one of the application\'s `fees.items`; default "filing"',
    )
    fees_seen = s.BooleanField(
        required=False,
        help_text="true: you were shown that the fees changed since they were accepted (409) "
        "and pay the accepted amount all the same",
    )


class SecondPartPayInSerializer(s.Serializer):
    method = s.ChoiceField(
        choices=["current_account", "card"], required=False, help_text="Default current_account"
    )
    account = s.IntegerField(
        required=False, help_text="method current_account: the account to debit"
    )
    card_number = s.CharField(required=False, min_length=1, help_text="method card")


class SecondPartPaidSerializer(s.Serializer):
    party = s.CharField()
    amount = _money("What was charged: the amount in the Schedule for the registration's date")
    currency = s.CharField()
    time_limit = s.DateField()
    status = s.CharField(help_text="paid")
    paid_at = s.DateTimeField(allow_null=True)
    payment = PaymentSerializer()


class AccountSerializer(s.Serializer):
    id = s.IntegerField()
    number = s.CharField()
    holder_name = s.CharField()
    firm = s.IntegerField(allow_null=True, help_text="The firm that holds it; null: your own")
    balance = _money()
    currency = s.CharField()


class AccountListSerializer(s.Serializer):
    results = AccountSerializer(many=True)


class FeesChangedSerializer(ErrorsSerializer):
    differences = s.ListField(child=s.DictField(), help_text="Fee by fee: accepted, current")


def _account_refused(description: str, message: str) -> OpenApiResponse:
    example = {"errors": [{"path": "account", "message": message}]}
    return OpenApiResponse(
        ErrorsSerializer,
        description=description,
        examples=[OpenApiExample(description, value=example)],
    )


ACCOUNT_FORBIDDEN = _account_refused(
    "The token lacks the scope, or the account is the firm's and your role may not spend it",
    "Your role in Bob & Partners does not allow debiting its current account: its "
    "administrators and editors may.",
)
INSUFFICIENT_FUNDS = _account_refused(
    "The account's balance does not cover what is due: nothing was debited (or filed)",
    "Current account 1001 has 100.00 CHF; 2,010.00 CHF is due.",
)


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_op(
            "The WIPO current accounts you may debit",
            operation_id="accounts_list",
            tag="payments",
            scope=Scope.READ,
            responses={200: AccountListSerializer},
            description="Your own, and those of the firms where you are an administrator or "
            "editor, with their balance.",
        )
    )(v1_payments.AccountListView)
    extend_schema_view(
        post=_op(
            "Pay what is due from a current account",
            operation_id="applications_pay",
            tag="payments",
            scope=Scope.SUBMIT,
            request=PayInSerializer,
            responses={
                201: PaidSerializer,
                403: ACCOUNT_FORBIDDEN,
                409: OpenApiResponse(
                    FeesChangedSerializer,
                    description="Nothing due on the item, a payment in progress, or the fees "
                    "changed since they were accepted (`differences`; send `fees_seen`)",
                ),
                422: INSUFFICIENT_FUNDS,
            },
            examples=[OpenApiExample("Pay", value={"account": 7}, request_only=True)],
            description="Debits the account with what remains due on the item (`fees.due` of "
            "the application), as the portal's pay page does: a shortfall an examiner found, "
            "or fees left due at filing. Paying covers a fee irregularity (Rule 14(1)). A "
            "second request finds nothing due (409): nothing is ever debited twice.",
        )
    )(v1_payments.ApplicationPayView)
    extend_schema_view(
        post=_op(
            "Pay the second part of a party's individual fee",
            operation_id="applications_second_part_pay",
            tag="payments",
            scope=Scope.SUBMIT,
            request=SecondPartPayInSerializer,
            responses={
                201: SecondPartPaidSerializer,
                400: OpenApiResponse(
                    ErrorsSerializer,
                    description="Refused at the field, nothing charged: `account` (none named, "
                    "or its balance does not cover the amount), `card_number` (declined), or "
                    '`""` (already paid; the time limit passed: a late payment is not accepted, '
                    "Rule 12(3)(d))",
                    examples=[
                        OpenApiExample(
                            "Declined",
                            value={
                                "errors": [
                                    {
                                        "path": "card_number",
                                        "message": "The card was declined by the issuer.",
                                    }
                                ]
                            },
                        )
                    ],
                ),
                403: ACCOUNT_FORBIDDEN,
            },
            examples=[
                OpenApiExample(
                    "By current account",
                    value={"method": "current_account", "account": 7},
                    request_only=True,
                ),
                OpenApiExample(
                    "By card",
                    value={"method": "card", "card_number": "4242424242424242"},
                    request_only=True,
                ),
            ],
            description="Once the Office of a party whose individual fee has two parts (US, "
            "MX) asks for the second part (`designations[].second_part.status` due), pay it "
            "through the International Bureau, in full, by its `time_limit` (Rule 12(3)(c)), as "
            "the application's page does. Not paid in time, the registration is cancelled for "
            "that party (Rule 12(3)(d)). A 404 when no second part was asked for that party.",
        )
    )(v1_payments.SecondPartPayView)
