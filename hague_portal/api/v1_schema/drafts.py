"""The OpenAPI description of a token's drafts (hague_portal/api/v1.py): list, start, read,
change, delete, check, price and submit one."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_view,
)
from rest_framework import serializers as s

from .. import v1
from ..examples import EXAMPLE_APPLICATION
from ..models import Scope
from ..serializers import (
    DraftDocumentSerializer,
    ErrorsSerializer,
    FeeCalculationSerializer,
    FieldErrorSerializer,
    FindingSerializer,
)
from .common import NO_CONTENT, PAGING, _err, _op
from .payments import ACCOUNT_FORBIDDEN, FeesStatementSerializer, PaymentSerializer


class ConflictSerializer(ErrorsSerializer):
    current_version = s.IntegerField()
    changes = s.ListField(child=s.CharField(), help_text="What the other save changed")


class NotReadySerializer(ErrorsSerializer):
    findings = FindingSerializer(many=True, help_text="The blocking formality errors")


CONFLICT = OpenApiResponse(
    ConflictSerializer,
    description="Someone saved the draft after the version sent; read it again",
    examples=[
        OpenApiExample(
            "Stale version",
            value={
                "errors": [{"path": "version", "message": "This application was changed…"}],
                "current_version": 5,
                "changes": ["Designations: changed from 'EM' to 'EM', 'CH'"],
            },
        )
    ],
)


class DraftSummarySerializer(s.Serializer):
    id = s.UUIDField()
    title = s.CharField()
    status = s.ChoiceField(choices=["draft", "submitted"])
    version = s.IntegerField(help_text="Send it back with every change (optimistic locking)")
    client = s.IntegerField(allow_null=True, help_text="The firm's client it is filed for")
    updated_at = s.DateTimeField()
    submitted_at = s.DateTimeField(allow_null=True)
    url = s.CharField()


class DraftSerializer(DraftSummarySerializer):
    role = s.ChoiceField(choices=["edit", "read"], help_text="What the token's owner may do")
    application = s.CharField(allow_null=True, help_text="Application number once submitted")
    document = s.JSONField(
        help_text="The application document (see ApplicationDocument), with its reproductions "
        "and annexes as uploaded"
    )


class DraftPageSerializer(s.Serializer):
    count = s.IntegerField()
    results = DraftSummarySerializer(many=True)


class DraftCreateSerializer(s.Serializer):
    client = s.IntegerField(
        required=False, allow_null=True, help_text="Required for a representative"
    )
    document = DraftDocumentSerializer(required=False)


class DraftWriteSerializer(s.Serializer):
    version = s.IntegerField(help_text="The version you read")
    document = DraftDocumentSerializer(
        help_text="PATCH: the top-level parts to set; PUT: the whole document"
    )


class DraftChecksSerializer(s.Serializer):
    findings = FindingSerializer(many=True)
    blocking = s.BooleanField()
    unreadable = FieldErrorSerializer(many=True, help_text="Parts left out to read the draft")


class SubmitSerializer(s.Serializer):
    version = s.IntegerField(help_text="The version you reviewed")
    account = s.IntegerField(
        required=False,
        allow_null=True,
        help_text="WIPO current account to debit with the fees due at filing, in the same step "
        "as the filing (the fee payment sheet; GET /api/v1/accounts/). If it cannot be debited nothing is "
        "filed: 400 unknown, 403 not yours to spend, 422 the balance does not cover the fees. "
        "Left out: filed with the fees due (pay them with POST …/pay/).",
    )


class SubmittedSerializer(s.Serializer):
    number = s.CharField()
    received_at = s.DateTimeField()
    fees_total = s.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    currency = s.CharField()
    fees = FeesStatementSerializer(help_text="Due, paid and what remains, after the debit")
    payments = PaymentSerializer(many=True)
    url = s.CharField()


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="Unique per filing: a retry with the same key and body returns the first "
    "answer and never files twice; the same key with another body is refused (422).",
    examples=[OpenApiExample("Key", value="acme-2026-001-attempt-1")],
)


_DOC_EXAMPLE = [
    OpenApiExample(
        "A draft with a document",
        value={"document": EXAMPLE_APPLICATION},
        request_only=True,
    )
]
_WRITE_EXAMPLE = [
    OpenApiExample(
        "Change the reference",
        value={"version": 3, "document": {"reference": "ACME-2026-001"}},
        request_only=True,
    )
]


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    draft = "drafts"
    extend_schema_view(
        get=_op(
            "List the drafts you may see",
            operation_id="drafts_list",
            tag=draft,
            scope=Scope.READ,
            responses={200: DraftPageSerializer},
            parameters=[
                *PAGING,
                OpenApiParameter("status", OpenApiTypes.STR, enum=["draft", "submitted"]),
            ],
        ),
        post=_op(
            "Start a draft",
            operation_id="drafts_create",
            tag=draft,
            scope=Scope.DRAFT,
            request=DraftCreateSerializer,
            responses={201: DraftSerializer},
            examples=_DOC_EXAMPLE,
            description="A representative names the client. The document is checked as it is "
            "stored: every bad path answers 400 at once.",
        ),
    )(v1.DraftListView)
    extend_schema_view(
        get=_op(
            "Read a draft",
            operation_id="drafts_read",
            tag=draft,
            scope=Scope.READ,
            responses={200: DraftSerializer},
        ),
        put=_op(
            "Replace the document",
            operation_id="drafts_replace",
            tag=draft,
            scope=Scope.DRAFT,
            request=DraftWriteSerializer,
            responses={200: DraftSerializer, 409: CONFLICT},
            examples=_WRITE_EXAMPLE,
        ),
        patch=_op(
            "Change parts of the document",
            operation_id="drafts_update",
            tag=draft,
            scope=Scope.DRAFT,
            request=DraftWriteSerializer,
            responses={200: DraftSerializer, 409: CONFLICT},
            examples=_WRITE_EXAMPLE,
        ),
        delete=_op(
            "Delete a draft never submitted",
            operation_id="drafts_delete",
            tag=draft,
            scope=Scope.DRAFT,
            responses={204: NO_CONTENT, 409: _err("Submitted: kept")},
        ),
    )(v1.DraftDetailView)
    extend_schema_view(
        get=_op(
            "Formality checks of a draft",
            operation_id="drafts_checks",
            tag=draft,
            scope=Scope.READ,
            responses={200: DraftChecksSerializer},
        )
    )(v1.DraftChecksView)
    extend_schema_view(
        get=_op(
            "Fees of a draft",
            operation_id="drafts_fees",
            tag=draft,
            scope=Scope.READ,
            responses={200: FeeCalculationSerializer},
        )
    )(v1.DraftFeesView)
    extend_schema_view(
        post=_op(
            "Submit a draft (file the application)",
            operation_id="drafts_submit",
            tag=draft,
            scope=Scope.SUBMIT,
            request=SubmitSerializer,
            parameters=[IDEMPOTENCY_KEY],
            responses={
                201: SubmittedSerializer,
                403: ACCOUNT_FORBIDDEN,
                409: CONFLICT,
                422: OpenApiResponse(
                    NotReadySerializer,
                    description="Errors left in the draft (`findings`), the key reused for "
                    "another body, or the account's balance does not cover the fees (at path "
                    "`account`): nothing was filed",
                ),
            },
            examples=[OpenApiExample("Submit", value={"version": 7}, request_only=True)],
        )
    )(v1.DraftSubmitView)
