"""The OpenAPI description of the Register through the token API (hague_portal/api/
v1_register.py, issue 23): a registration's state, its renewal's quote, paying a renewal, and a
bulk renewal with one payment."""

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_view,
)
from rest_framework import serializers as s

from .. import v1_register
from ..models import Scope
from ..serializers import ErrorsSerializer
from .common import _op
from .payments import PaymentSerializer, _money

DM_NUMBER = "DM/000001"


class RegisterDesignationSerializer(s.Serializer):
    party = s.CharField()
    designs = s.ListField(child=s.IntegerField(), help_text="The designs in force (1-based)")
    expiry = s.DateField(allow_null=True, help_text="The expiry of the term paid for the party")
    status = s.CharField(help_text="in_force, lapsed, renounced or cancelled")


class RenewalWindowSerializer(s.Serializer):
    window = s.CharField(
        help_text="not_open, open, grace (the surcharge is due, Rule 24(1)(c)), closed (the "
        "grace period ended) or ended (lapsed, renounced or cancelled)"
    )
    opens = s.DateField(help_text="Six months before the expiry (Rule 23)")
    due = s.DateField(help_text="The last day to pay without the surcharge (Rule 4(4) applied)")
    grace_end = s.DateField(help_text="The end of the six-month grace period")


class RenewalRecordSerializer(s.Serializer):
    number = s.IntegerField(help_text="1: the renewal at the end of the first term")
    expiry_renewed = s.DateField()
    new_expiry = s.DateField()
    parties = s.ListField(child=s.CharField())
    designs = s.ListField(child=s.IntegerField())
    in_grace = s.BooleanField()
    total = _money()
    payment = s.CharField(allow_null=True, help_text="The payment's reference")
    recorded_on = s.DateField()


class EntrySerializer(s.Serializer):
    kind = s.CharField(help_text="registration, renewal, lapse, ownership, ...")
    recorded_on = s.DateField()
    summary = s.CharField()


class RegisterStateSerializer(s.Serializer):
    number = s.CharField()
    registration_date = s.DateField()
    published_on = s.DateField(allow_null=True)
    holders = s.ListField(child=s.DictField(), help_text="As items 1-3 of the DM/1")
    representative = s.DictField(help_text="{} when none is recorded")
    term = s.IntegerField(help_text="The term running: 1 for the first five years")
    expiry = s.DateField(allow_null=True)
    status = s.CharField(help_text="in_force, lapsed, renounced or cancelled")
    designations = RegisterDesignationSerializer(many=True)
    renewal = RenewalWindowSerializer()
    renewals = RenewalRecordSerializer(many=True)
    history = EntrySerializer(many=True)


class OfferSerializer(s.Serializer):
    party = s.CharField()
    designs = s.ListField(child=s.IntegerField())
    renewable = s.BooleanField()
    reason = s.CharField(help_text="Why it cannot be renewed now; empty if it can")


class QuoteLineSerializer(s.Serializer):
    kind = s.CharField()
    party = s.CharField(allow_null=True)
    label = s.CharField()
    quantity = s.IntegerField()
    amount = _money()


class QuoteSerializer(s.Serializer):
    registration = s.CharField()
    renewal = s.IntegerField()
    expiry = s.DateField()
    new_expiry = s.DateField()
    in_grace = s.BooleanField()
    fees_on = s.DateField(help_text="The fees in force on this day apply (Rule 24(1)(d))")
    parties = s.ListField(child=s.CharField())
    designs = s.ListField(child=s.IntegerField())
    offers = OfferSerializer(many=True)
    lines = QuoteLineSerializer(many=True)
    total = _money()
    currency = s.CharField()


class RenewInSerializer(s.Serializer):
    parties = s.ListField(
        child=s.CharField(), required=False, help_text="Default: every renewable party"
    )
    designs = s.ListField(
        child=s.IntegerField(), required=False, help_text="Default: every design in force"
    )
    method = s.CharField(required=False, help_text="current_account (the default) or card")
    account = s.IntegerField(required=False, help_text="method current_account")
    card_number = s.CharField(required=False, min_length=1, help_text="method card")
    seen_total = s.CharField(
        required=False, help_text="The quote's total you accepted: a different one is refused"
    )


class RenewedSerializer(RenewalRecordSerializer):
    payment = PaymentSerializer()


class BulkInSerializer(s.Serializer):
    registrations = s.ListField(child=s.CharField(), min_length=1, max_length=1000)
    method = s.CharField(required=False, help_text="current_account (the default) or card")
    account = s.IntegerField(required=False)
    card_number = s.CharField(required=False, min_length=1)
    seen_total = s.CharField(required=False, help_text="The sum of the quotes' totals")


class BulkRenewalSerializer(RenewalRecordSerializer):
    registration = s.CharField()
    payment = s.CharField(allow_null=True)


class BulkRenewedSerializer(s.Serializer):
    payment = PaymentSerializer()
    renewals = BulkRenewalSerializer(many=True)


def _refused(description: str, path: str, message: str) -> OpenApiResponse:
    example = {"errors": [{"path": path, "message": message}]}
    return OpenApiResponse(
        ErrorsSerializer,
        description=description,
        examples=[OpenApiExample(description, value=example)],
    )


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_op(
            "The registration as the Register holds it now",
            operation_id="applications_registration",
            tag="register",
            scope=Scope.READ,
            responses={200: RegisterStateSerializer},
            description="Holders, representative, term, expiry and status, each designated "
            "party's designs in force and expiry, the renewal window (Article 17, Rules 23-24), "
            "the renewals recorded and the history of the Register's entries. 404 before "
            "registration.",
        )
    )(v1_register.RegistrationView)
    extend_schema_view(
        get=_op(
            "What renewing the registration costs now",
            operation_id="applications_renewal_quote",
            tag="register",
            scope=Scope.READ,
            parameters=[
                OpenApiParameter("parties", str, description="e.g. CH,EM (default: all)"),
                OpenApiParameter("designs", str, description="e.g. 1,2 (default: all)"),
            ],
            responses={
                200: QuoteSerializer,
                400: _refused(
                    "Not renewable now (window not open, closed, ended), or a party or design "
                    "that cannot be renewed, at its field",
                    "parties",
                    "US: The fee schedule holds no individual renewal fee for US.",
                ),
            },
            description="Itemised as the renewal page shows it; a party not offered has its "
            "reason in `offers`.",
        ),
        post=_op(
            "Pay and record the renewal",
            operation_id="applications_renewal_pay",
            tag="register",
            scope=Scope.SUBMIT,
            request=RenewInSerializer,
            responses={
                201: RenewedSerializer,
                400: _refused(
                    "Refused at the field, nothing charged: `parties`, `designs`, `seen_total` "
                    "(the fees changed), `account`, `card_number` (declined)",
                    "card_number",
                    "The card was declined by the issuer.",
                ),
            },
            examples=[
                OpenApiExample(
                    "By card",
                    value={
                        "method": "card",
                        "card_number": "4242424242424242",
                        "seen_total": "307.00",
                    },  # fmt: skip
                    request_only=True,
                )
            ],
            description="Renews the parties and designs named (all by default) for five more "
            "years from the expiry; what is not renewed lapses at the expiry. 403 for a viewer "
            "of the holder's firm. The event registration.renewed reaches the webhooks.",
        ),
    )(v1_register.RenewalView)
    extend_schema_view(
        post=_op(
            "Renew several registrations with one payment",
            operation_id="renewals_bulk",
            tag="register",
            scope=Scope.SUBMIT,
            request=BulkInSerializer,
            responses={
                201: BulkRenewedSerializer,
                400: _refused(
                    "Refused, nothing charged: one registration cannot be renewed now "
                    "(`<number>.<field>`), `seen_total`, `account`, `card_number`",
                    f"{DM_NUMBER}.parties",
                    f"{DM_NUMBER}: Choose at least one designated party to renew.",
                ),
                404: _refused(
                    "A number that is not a registration you may renew",
                    "registrations",
                    "No registration you may renew: DM/000042",
                ),
            },
            examples=[
                OpenApiExample(
                    "From the firm's account",
                    value={
                        "registrations": [DM_NUMBER, "DM/000002"],
                        "method": "current_account",
                        "account": 7,
                        "seen_total": "614.00",
                    },  # fmt: skip
                    request_only=True,
                )
            ],
            description="Each registration renewed for all its renewable parties and designs, "
            "one charge (reference BULK-...), a renewal recorded on each; all or nothing.",
        )
    )(v1_register.BulkRenewalView)
