"""The OpenAPI description of the token API (hague_portal/api/v1.py): request and response
shapes, every status code each operation answers, and examples. Serializers here only describe;
the views validate with the portal's own services."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as s

from hague_portal.filings.models import Attachment

from . import v1
from .examples import EXAMPLE_APPLICATION
from .models import DeliveryStatus, Scope, WebhookEvent
from .serializers import (
    ApplicationDocumentSerializer,
    DraftDocumentSerializer,
    ErrorsSerializer,
    FeeCalculationSerializer,
    FieldErrorSerializer,
    FindingSerializer,
)
from .v1_schema_payments import (
    ACCOUNT_FORBIDDEN,
    FeesStatementSerializer,
    PaymentSerializer,
)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "hague_portal.api.tokens.BearerTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made on the portal's API tokens page: "
            "`Authorization: Bearer hp_…`",
        }


NUMBER = "WIPO000123"


def _err(description: str, example=None) -> OpenApiResponse:
    examples = [OpenApiExample(description, value=example)] if example else None
    return OpenApiResponse(ErrorsSerializer, description=description, examples=examples)


def _message(text: str, path: str = "") -> dict:
    return {"errors": [{"path": path, "message": text}]}


COMMON = {
    400: _err("Malformed request: every bad field with its path"),
    401: _err(
        "No token, or an unknown, revoked or expired one", _message("This token was revoked.")
    ),
    403: _err(
        "The token lacks the scope, or its owner may read but not change this",
        _message("This token lacks the 'submit' scope this request needs."),
    ),
    404: _err("No such object, or not one the token's owner may see"),
    415: _err("Unsupported content type"),
    429: _err(
        "More requests than API_TOKEN_RATE allows this token; Retry-After says when to retry",
        _message("Too many requests: the limit is 300/minute per token. Try again in 12 seconds."),
    ),
}


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


# --- drafts -------------------------------------------------------------------------------------


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
# The bounds the views enforce (v1._page): a value outside them is refused (400).
PAGING = [
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": v1.PAGE_MAX},
        description=f"1-{v1.PAGE_MAX} (50)",
    ),
    OpenApiParameter("offset", {"type": "integer", "minimum": 0}, description="0 or more"),
]


# --- applications, notifications, webhooks ------------------------------------------------------


class ApplicationSummarySerializer(s.Serializer):
    number = s.CharField()
    received_at = s.DateTimeField()
    status = s.CharField(help_text="received, examination, irregular, responded, registered, …")
    reference = s.CharField(allow_blank=True)
    client = s.IntegerField(allow_null=True)
    url = s.CharField()


class ApplicationPageSerializer(s.Serializer):
    count = s.IntegerField()
    results = ApplicationSummarySerializer(many=True)


class StepSerializer(s.Serializer):
    kind = s.CharField()
    title = s.CharField()
    at = s.DateTimeField(allow_null=True)
    on = s.DateField(allow_null=True)
    state = s.ChoiceField(choices=["done", "current", "future", "failed"])
    lines = s.ListField(child=s.CharField(allow_blank=True))
    countdown = s.CharField(allow_blank=True)


class DocumentLinkSerializer(s.Serializer):
    kind = s.CharField(help_text="dm1, acknowledgement, notification:<kind>")
    url = s.CharField(help_text="Download with the same token")


class IrregularitySerializer(s.Serializer):
    id = s.IntegerField()
    code = s.CharField()
    item = s.CharField(allow_blank=True)
    category = s.CharField(allow_blank=True)
    message = s.CharField(allow_blank=True)
    status = s.CharField()
    amount = s.CharField(allow_null=True)


class ResponseFileSerializer(s.Serializer):
    role = s.CharField(help_text="reproduction or attachment")
    number = s.CharField(required=False, help_text="The reproduction replaced")
    kind = s.CharField(required=False, help_text="The attachment's kind")
    sha256 = s.CharField()
    size = s.IntegerField()


class ResponseOutSerializer(s.Serializer):
    revision = s.IntegerField()
    submitted_at = s.DateTimeField()
    message = s.CharField(allow_blank=True)
    document_sha256 = s.CharField()
    files = ResponseFileSerializer(many=True, help_text="The replacement files it carries")


class InvitationSerializer(s.Serializer):
    sequence = s.IntegerField()
    status = s.CharField()
    sent_at = s.DateTimeField()
    time_limit = s.DateField()
    answerable = s.BooleanField()
    irregularities = IrregularitySerializer(many=True)
    responses = ResponseOutSerializer(many=True)


class RegistrationSerializer(s.Serializer):
    number = s.CharField()
    date = s.DateField(allow_null=True)
    publication_date = s.DateField(allow_null=True)


class ApplicationSerializer(ApplicationSummarySerializer):
    fees_total = s.CharField(help_text="The fees accepted at filing (fees.accepted)")
    currency = s.CharField()
    fees = FeesStatementSerializer(help_text="Due, paid and what remains to pay now")
    payments = PaymentSerializer(many=True)
    registration = RegistrationSerializer(allow_null=True)
    timeline = StepSerializer(many=True)
    documents = DocumentLinkSerializer(many=True)
    invitations = InvitationSerializer(many=True)


class ResponseInSerializer(s.Serializer):
    message = s.CharField(required=False, allow_blank=True)
    document = ApplicationDocumentSerializer(
        required=False,
        help_text="The whole corrected document; left out: as it now stands. Its reproductions "
        "and annexes stay as the application has them (replace them with multipart/form-data)",
    )


class ResponseFilesInSerializer(s.Serializer):
    """multipart/form-data: the message and the replacement files; one more file field per
    reproduction replaced, named "reproduction_<number>" (e.g. "reproduction_1.1")."""

    message = s.CharField(required=False, allow_blank=True)
    reproduction_1_1 = s.FileField(
        required=False,
        help_text='Named "reproduction_<number>": the replacement of that reproduction, checked '
        "as the wizard checks one (JPEG or TIFF, 300 dpi, size, not already in the application)",
    )
    attachment = s.FileField(
        required=False, help_text="An annex PDF (no JavaScript, no encryption, size limit)"
    )
    attachment_kind = s.CharField(
        required=False,
        help_text=f"One of {', '.join(Attachment.Kind.values)}; left out: power_of_attorney",
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["reproduction_1.1"] = fields.pop("reproduction_1_1")
        return fields


class NotificationSerializer(s.Serializer):
    id = s.IntegerField()
    kind = s.CharField()
    title = s.CharField()
    application = s.CharField()
    created_at = s.DateTimeField()
    read = s.BooleanField()
    pdf_url = s.CharField(allow_null=True)


class NotificationPageSerializer(s.Serializer):
    count = s.IntegerField()
    results = NotificationSerializer(many=True)


class WebhookInSerializer(s.Serializer):
    url = s.URLField()
    events = s.ListField(child=s.ChoiceField(choices=WebhookEvent.choices), min_length=1)
    firm = s.IntegerField(required=False, allow_null=True, help_text="A firm you administer")


class WebhookSerializer(s.Serializer):
    id = s.UUIDField()
    url = s.CharField()
    events = s.ListField(child=s.CharField())
    firm = s.IntegerField(allow_null=True)
    active = s.BooleanField()
    created_at = s.DateTimeField()


class WebhookCreatedSerializer(WebhookSerializer):
    secret = s.CharField(help_text="HMAC-SHA256 key of X-Hague-Signature: shown this once")


class DeliverySerializer(s.Serializer):
    id = s.UUIDField()
    event = s.CharField()
    status = s.ChoiceField(choices=DeliveryStatus.choices)
    attempts = s.IntegerField()
    response_status = s.IntegerField(allow_null=True)
    last_error = s.CharField(allow_blank=True)
    created_at = s.DateTimeField()
    sent_at = s.DateTimeField(allow_null=True)
    next_attempt_at = s.DateTimeField(allow_null=True)
    payload = s.JSONField()


class WebhookDetailSerializer(WebhookSerializer):
    deliveries = DeliverySerializer(many=True)


PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")}
NO_CONTENT = OpenApiResponse(None, description="Done")


def _op(
    summary,
    *,
    operation_id,
    tag,
    scope,
    responses,
    request=None,
    examples=None,
    parameters=None,
    **kw,
):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=f"Scope: `{scope}`. {kw.pop('description', '')}".strip(),
        tags=[tag],
        request=request,
        responses={**COMMON, **responses},
        examples=examples,
        parameters=parameters,
        **kw,
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
    """Attach the descriptions to the views (called once by urls.py)."""
    draft, app, other = "drafts", "applications", "notifications"
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
    extend_schema_view(
        get=_op(
            "List your filed applications",
            operation_id="applications_list",
            tag=app,
            scope=Scope.READ,
            responses={200: ApplicationPageSerializer},
            parameters=PAGING,
        )
    )(v1.ApplicationListView)
    extend_schema_view(
        get=_op(
            "An application: status, timeline, documents, invitations",
            operation_id="applications_read",
            tag=app,
            scope=Scope.READ,
            responses={200: ApplicationSerializer},
        )
    )(v1.ApplicationDetailView)
    extend_schema_view(
        get=_op(
            "Download the DM/1 or the acknowledgement",
            operation_id="applications_document",
            tag=app,
            scope=Scope.READ,
            responses=PDF,
            parameters=[
                OpenApiParameter(
                    "document",
                    OpenApiTypes.STR,
                    OpenApiParameter.PATH,
                    enum=["dm1", "acknowledgement"],
                )
            ],
        )
    )(v1.ApplicationDocumentView)
    extend_schema_view(
        post=_op(
            "Respond to an invitation",
            operation_id="applications_respond",
            tag=app,
            scope=Scope.SUBMIT,
            request={
                "application/json": ResponseInSerializer,
                "multipart/form-data": ResponseFilesInSerializer,
            },
            responses={
                201: ResponseOutSerializer,
                400: _err(
                    "A file refused at its field",
                    _message("Resolution too low: 72 dpi (300 required)", "reproduction_1.1"),
                ),
                409: _err("The invitation cannot be answered, or is answered by paying"),
            },
            description="JSON: a message and optionally the whole corrected document. "
            'multipart/form-data: a message, replacement reproductions "reproduction_<number>" '
            'and an annex PDF "attachment" ("attachment_kind"), checked and stored as on the '
            "respond page; any file refused: 400 at its field and nothing is stored. The "
            "response must bring what each open irregularity asks for, as on the respond page "
            "(a replacement reproduction of a design concerned, the document, the text in the "
            "corrected document, or a message for another kind): what is missing answers 400 "
            "at its path (`reproduction_1.1`, `attachment`, `document.description`, "
            "`message` ...), as does a field the API does not know. Fee irregularities are "
            "remedied by paying (POST …/pay/): an invitation with only those answers 409.",
            examples=[
                OpenApiExample(
                    "Respond",
                    value={"message": "Corrected as asked."},
                    request_only=True,
                    media_type="application/json",
                ),
                OpenApiExample(
                    "Respond with a replacement reproduction and an annex",
                    value={
                        "message": "The corrected view 1.1 and the declaration.",
                        "reproduction_1.1": "(binary JPEG)",
                        "attachment": "(binary PDF)",
                        "attachment_kind": "annex_I",
                    },
                    request_only=True,
                    media_type="multipart/form-data",
                ),
            ],
        )
    )(v1.ResponseCreateView)
    extend_schema_view(
        get=_op(
            "Your notifications, newest first",
            operation_id="notifications_list",
            tag=other,
            scope=Scope.READ,
            responses={200: NotificationPageSerializer},
            parameters=[
                *PAGING,
                OpenApiParameter("unread", OpenApiTypes.BOOL),
                OpenApiParameter(
                    "application", OpenApiTypes.STR, examples=[OpenApiExample("n", value=NUMBER)]
                ),
            ],
        )
    )(v1.NotificationListView)
    extend_schema_view(
        get=_op(
            "A notification's PDF",
            operation_id="notifications_pdf",
            tag=other,
            scope=Scope.READ,
            responses=PDF,
        )
    )(v1.NotificationPdfView)
    extend_schema_view(
        get=_op(
            "Your webhooks (and your firms' for an admin)",
            operation_id="webhooks_list",
            tag="webhooks",
            scope=Scope.READ,
            responses={
                200: inline_serializer("WebhookList", {"results": WebhookSerializer(many=True)})
            },
        ),
        post=_op(
            "Add a webhook",
            operation_id="webhooks_create",
            tag="webhooks",
            scope=Scope.DRAFT,
            request=WebhookInSerializer,
            responses={201: WebhookCreatedSerializer},
            examples=[
                OpenApiExample(
                    "Webhook",
                    value={
                        "url": "https://docketing.example/hague",
                        "events": ["notification.created"],
                    },
                    request_only=True,
                )
            ],
        ),
    )(v1.WebhookListView)
    extend_schema_view(
        get=_op(
            "A webhook and its delivery log",
            operation_id="webhooks_read",
            tag="webhooks",
            scope=Scope.READ,
            responses={200: WebhookDetailSerializer},
        ),
        delete=_op(
            "Remove a webhook",
            operation_id="webhooks_delete",
            tag="webhooks",
            scope=Scope.DRAFT,
            responses={204: NO_CONTENT},
        ),
    )(v1.WebhookDetailView)
