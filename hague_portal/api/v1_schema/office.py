"""The OpenAPI description of the Office of a designated party's API (hague_portal/api/
v1_office.py, scope `office`): its registrations and the notifications it sends."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers as s

from hague_portal.register.models import DecisionKind, DesignationStatus, SecondPartStatus

from .. import v1_office
from ..models import Scope
from .common import COMMON, PAGING, _err, _message, _op

TAG = "office"
STATUSES = ", ".join(DesignationStatus.values)


class OfficeRegistrationSerializer(s.Serializer):
    number = s.CharField(help_text="The international registration number, DM/000001")
    registration_date = s.DateField()
    published_on = s.DateField()
    holder = s.CharField(allow_blank=True)
    party = s.CharField(help_text="Your Office's Contracting Party")
    status = s.ChoiceField(
        choices=DesignationStatus.choices, help_text="Of your party's designation"
    )
    refusal_period_end = s.DateField(
        allow_null=True, help_text="The last day to notify a refusal (Rule 18(1), Rule 4(4))"
    )
    url = s.CharField()


class OfficeRegistrationPageSerializer(s.Serializer):
    count = s.IntegerField()
    results = OfficeRegistrationSerializer(many=True)


class OfficeViewSerializer(s.Serializer):
    number = s.CharField()
    sha256 = s.CharField()
    url = s.CharField(help_text="The image, on the Office's pages (a signed-in session)")


class OfficeDesignSerializer(s.Serializer):
    number = s.IntegerField()
    product = s.CharField(allow_blank=True)
    locarno = s.CharField(allow_blank=True)
    reproductions = OfficeViewSerializer(many=True)


class OfficeSecondPartSerializer(s.Serializer):
    status = s.ChoiceField(choices=SecondPartStatus.choices)
    amount = s.CharField()
    currency = s.CharField()
    time_limit = s.DateField()


class OfficeDesignationSerializer(s.Serializer):
    party = s.CharField()
    status = s.ChoiceField(choices=DesignationStatus.choices)
    status_since = s.DateField(allow_null=True)
    refusal_period_months = s.IntegerField()
    refusal_period_end = s.DateField(allow_null=True)
    refused_designs = s.ListField(child=s.IntegerField())
    review_time_limit = s.DateField(allow_null=True)
    two_part_fee = s.BooleanField(
        help_text="The party's individual fee is in two parts (Rule 12(3))"
    )
    second_part = OfficeSecondPartSerializer(allow_null=True)


class OfficeDecisionSerializer(s.Serializer):
    kind = s.ChoiceField(choices=DecisionKind.choices)
    designs = s.ListField(child=s.IntegerField(), help_text="[]: all designs")
    grounds = s.CharField(allow_blank=True)
    provisions = s.CharField(allow_blank=True)
    review_time_limit = s.DateField(allow_null=True)
    review_authority = s.CharField(allow_blank=True)
    note = s.CharField(allow_blank=True)
    received_at = s.DateTimeField()


class OfficeRegistrationDetailSerializer(OfficeRegistrationSerializer):
    designated_parties = s.ListField(child=s.CharField())
    designs = OfficeDesignSerializer(many=True)
    designation = OfficeDesignationSerializer()
    decisions = OfficeDecisionSerializer(many=True)


DESIGNS = s.ListField(
    child=s.IntegerField(min_value=1),
    required=False,
    help_text="The design numbers concerned; [] or left out: all designs",
)


class RefusalInSerializer(s.Serializer):
    designs = DESIGNS
    grounds = s.CharField(required=False, help_text="All the grounds (Article 12(2))")
    provisions = s.CharField(required=False, help_text="The provisions of the law relied on")
    review_time_limit = s.DateField(required=False, help_text="After today (Rule 18(2)(b))")
    review_authority = s.CharField(required=False)


class WithdrawalInSerializer(s.Serializer):
    designs = DESIGNS
    note = s.CharField(required=False)


class GrantInSerializer(WithdrawalInSerializer):
    pass


class SecondPartInSerializer(s.Serializer):
    time_limit = s.DateField(
        required=False, help_text="After today; left out: three months on (Rule 4(4) applied)"
    )


NUMBER = OpenApiParameter(
    "number",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=r"^[A-Z]{2}/[0-9]{1,9}$",
    examples=[OpenApiExample("DM/000001", value="DM/000001")],
)
NOT_VISIBLE = _err(
    "Not a published registration designating your party (nothing is shown before publication)",
    _message("No published registration designates your party with this number."),
)
POSTS = {
    "refusal": (
        "Notify a refusal (Rule 18)",
        RefusalInSerializer,
        {
            "designs": [2],
            "grounds": "The design lacks novelty over US D900,001.",
            "provisions": "35 U.S.C. 171",
            "review_time_limit": "2027-05-01",
            "review_authority": "USPTO, Patent Trial and Appeal Board",
        },
        "Within the refusal period only: a refusal after it, or without its grounds, "
        "provisions, review time limit or authority, is not recorded (Rule 19(1)(a)): 400 "
        "at the field (`__all__`: the whole request).",
    ),
    "withdrawal": (
        "Withdraw a refusal, in whole or in part (Article 12(4))",
        WithdrawalInSerializer,
        {"designs": [1]},
        "",
    ),
    "grant": (
        "Statement of grant of protection (Rule 18bis)",
        GrantInSerializer,
        {"designs": []},
        "",
    ),
    "second-part": (
        "The second part of the individual fee is due (Rule 12(3)(c))",
        SecondPartInSerializer,
        {"time_limit": "2027-05-03"},
        "Only for a party whose individual fee is in two parts; the holder is invited to pay.",
    ),
}


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_op(
            "Your Office's registrations: published, designating your party",
            operation_id="office_registrations_list",
            tag=TAG,
            scope=Scope.OFFICE,
            responses={200: OfficeRegistrationPageSerializer},
            parameters=[
                *PAGING,
                OpenApiParameter("status", OpenApiTypes.STR, enum=DesignationStatus.values),
                OpenApiParameter("q", OpenApiTypes.STR, description="Number or holder"),
            ],
            description="Sorted by the end of the refusal period. A user of no Office: 403.",
        )
    )(v1_office.OfficeRegistrationListView)
    extend_schema_view(
        get=_op(
            "A registration designating your party, with your designation and notifications",
            operation_id="office_registrations_read",
            tag=TAG,
            scope=Scope.OFFICE,
            parameters=[NUMBER],
            responses={200: OfficeRegistrationDetailSerializer, 404: NOT_VISIBLE},
        )
    )(v1_office.OfficeRegistrationDetailView)
    for action, view in v1_office.DECISION_VIEWS.items():
        extend_schema_view(post=decision_schema(action))(view)


def decision_schema(action: str):
    summary, body, example, more = POSTS[action]
    return extend_schema(
        operation_id=f"office_{action.replace('-', '_')}",
        summary=summary,
        description=f"Scope: `{Scope.OFFICE}`. {more} Answers the registration as it now "
        "stands.".replace("  ", " "),
        tags=[TAG],
        parameters=[NUMBER],
        request=body,
        responses={
            **COMMON,
            201: OfficeRegistrationDetailSerializer,
            400: _err(
                "Refused at its field; nothing recorded",
                _message("Design 3 does not exist: this registration has 2 design(s).", "designs"),
            ),
            404: NOT_VISIBLE,
        },
        examples=[OpenApiExample(summary, value=example, request_only=True)],
    )
