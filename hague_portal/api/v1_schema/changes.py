"""The OpenAPI description of requests to record a change in the Register through the token API
(hague_portal/api/v1_changes.py, issue 23; Article 16, Rule 21): a registration's requests,
filing one, reading one, answering an invitation to correct it."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_view
from rest_framework import serializers as s

from hague_portal.changes.models import ChangeKind, ChangeStatus

from .. import v1_changes
from ..models import Scope
from ..serializers import ErrorsSerializer
from .common import _op
from .payments import PaymentSerializer


def _codes(help_text: str) -> s.ListField:
    return s.ListField(child=s.CharField(), required=False, help_text=help_text)


class ChangeEntitlementSerializer(s.Serializer):
    establishment = _codes("Real and effective industrial or commercial establishment in")
    domicile = _codes("Domicile in")
    nationality = _codes("Nationality of")
    habitual_residence = _codes("Habitual residence in")


KINDS = ", ".join(ChangeKind.values)


class ChangeInSerializer(s.Serializer):
    kind = s.CharField(help_text=KINDS)
    parties = _codes("ownership, limitation, renunciation: the designated parties concerned")
    designs = s.ListField(
        child=s.IntegerField(),
        required=False,
        help_text="ownership, limitation: the designs concerned (1-based)",
    )
    new_holder_name = s.CharField(required=False, help_text="ownership")
    entitlement = ChangeEntitlementSerializer(
        required=False, help_text="ownership: the new holder's connections (Article 3)"
    )
    name = s.CharField(
        required=False, help_text="name_address: the new name; representative: its name"
    )
    address = s.CharField(
        required=False, help_text="ownership, name_address, representative: the address"
    )
    country = s.CharField(required=False, help_text="ownership, name_address: a country code")
    email = s.EmailField(required=False, help_text="ownership, name_address, representative")
    action = s.ChoiceField(
        choices=["appoint", "change", "cancel"], required=False, help_text="representative"
    )
    firm = s.IntegerField(
        required=False,
        help_text="representative: the firm on the portal, which accepts the appointment; "
        "ownership: the new holder's representative firm on the portal, which accepts and then "
        "holds the registration for the new holder",
    )
    also = _codes("name_address, renunciation: other registrations of the same holder")
    method = s.CharField(
        required=False,
        allow_blank=True,
        help_text="current_account or card: how to pay the fee (Article 16(3)); empty or "
        "left out: nothing to pay now",
    )
    account = s.IntegerField(required=False, help_text="method current_account")
    card_number = s.CharField(required=False, help_text="method card")


class ChangeFeeLineSerializer(s.Serializer):
    item = s.CharField(help_text="The item of the Schedule of Fees")
    count = s.IntegerField()
    amount = s.CharField(allow_null=True, help_text="null: not in the schedule")
    confidence = s.CharField()


class ChangeSerializer(s.Serializer):
    id = s.IntegerField()
    kind = s.CharField(help_text=KINDS)
    status = s.ChoiceField(choices=ChangeStatus.choices)
    registration = s.CharField()
    also = s.ListField(child=s.CharField())
    filed_at = s.DateTimeField(allow_null=True)
    data = s.DictField(help_text="What the request asks, per kind (docs/api.md)")
    fees = ChangeFeeLineSerializer(many=True)
    total = s.CharField(
        allow_null=True,
        help_text="null: an amount is not in the schedule; the International Bureau gives it",
    )
    currency = s.CharField()
    payment = PaymentSerializer(allow_null=True)
    invitation = s.CharField(allow_null=True, help_text="What to correct (an irregularity)")
    time_limit = s.DateField(allow_null=True, help_text="The time limit to correct it")
    response = s.CharField(allow_null=True)
    recorded_on = s.DateField(allow_null=True)
    reason = s.CharField(allow_null=True, help_text="Why it was refused")
    effect_deferred_in = s.ListField(
        child=s.CharField(),
        help_text="A change in ownership: the parties where it has no effect until their Office "
        "receives the documents it requires (Article 16(2): MX, SA, UZ); [] otherwise",
    )


class ChangeListSerializer(s.Serializer):
    changes = ChangeSerializer(many=True)


class ChangeResponseInSerializer(s.Serializer):
    response = s.CharField(help_text="What you corrected")


def _refused(description: str, path: str, message: str) -> OpenApiResponse:
    example = {"errors": [{"path": path, "message": message}]}
    return OpenApiResponse(
        ErrorsSerializer,
        description=description,
        examples=[OpenApiExample(description, value=example)],
    )


OWNERSHIP = {
    "kind": "ownership",
    "new_holder_name": "Bob Industries Ltd",
    "address": "1 Rue du Rhône, Geneva",
    "country": "CH",
    "email": "bob@example.test",
    "entitlement": {"establishment": ["CH"]},
    "parties": ["CH", "EM"],
    "designs": [1, 2],
}


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_op(
            "The registration's requests to record a change",
            operation_id="applications_changes",
            tag="register",
            scope=Scope.READ,
            responses={200: ChangeListSerializer},
            description="Newest first. 404 before registration, and for the former holder "
            "after a change in ownership.",
        ),
        post=_op(
            "Request to record a change in the Register",
            operation_id="applications_changes_file",
            tag="register",
            scope=Scope.SUBMIT,
            request=ChangeInSerializer,
            responses={
                201: ChangeSerializer,
                400: _refused(
                    "Refused at the field, nothing filed or charged: a field of the kind's "
                    "form, a rule (`entitlement`, `parties`, `designs`, `name`, `action`, "
                    "`also`), the payment (`account`, `card_number`)",
                    "entitlement",
                    "IN: neither a Contracting Party nor a member State of one on 2026-03-02; the "
                    "new holder is not entitled to hold an international registration (Articles "
                    "3 and 16(1)(i)), so the change cannot be recorded.",
                ),
            },
            examples=[
                OpenApiExample("A change in ownership (DM/2)", value=OWNERSHIP, request_only=True),
                OpenApiExample(
                    "A renunciation of two registrations (DM/5)",
                    value={"kind": "renunciation", "parties": ["US"], "also": ["DM/000002"]},
                    request_only=True,
                ),
            ],
            description="The fields of the kind's form on the application's page, checked by "
            "the same rules; a field another kind uses is refused. The fee (Article 16(3)) is "
            "charged at filing when the schedule has it. 403 for a viewer of the holder's firm.",
        ),
    )(v1_changes.ChangeListView)
    extend_schema_view(
        get=_op(
            "One request to record a change",
            operation_id="changes_get",
            tag="register",
            scope=Scope.READ,
            responses={200: ChangeSerializer},
        )
    )(v1_changes.ChangeDetailView)
    extend_schema_view(
        post=_op(
            "Answer an invitation to correct the request",
            operation_id="changes_respond",
            tag="register",
            scope=Scope.SUBMIT,
            request=ChangeResponseInSerializer,
            responses={
                200: ChangeSerializer,
                400: _refused(
                    "Not irregular now, the time limit passed, or no response",
                    "",
                    "This request is Submitted: awaiting examination: it cannot be acted on now.",
                ),
            },
            description="Within the time limit of the invitation; the request then awaits the "
            "examiner again. 403 for a viewer of the holder's firm.",
        )
    )(v1_changes.ChangeResponseView)
