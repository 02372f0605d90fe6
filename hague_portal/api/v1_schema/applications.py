"""The OpenAPI description of filed applications (hague_portal/api/v1.py): the list, one
application with its timeline, documents and invitations, its PDFs, and a response to an
invitation."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import serializers as s

from hague_portal.filings.models import Attachment
from hague_portal.register.models import DesignationStatus, SecondPartStatus

from .. import v1
from ..models import Scope
from ..serializers import ApplicationDocumentSerializer
from .common import PAGING, PDF, _err, _message, _op
from .payments import FeesStatementSerializer, PaymentSerializer


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


class SecondPartSerializer(s.Serializer):
    amount = s.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    currency = s.CharField()
    time_limit = s.DateField(help_text="Set by the Office; a late payment is refused")
    status = s.ChoiceField(choices=SecondPartStatus.choices)
    paid_at = s.DateTimeField(allow_null=True)


class DesignationSerializer(s.Serializer):
    party = s.CharField()
    status = s.ChoiceField(
        choices=DesignationStatus.choices,
        help_text="awaiting (the Office's decision), refused (Rule 18), withdrawn (the refusal, "
        "Article 12(4)), granted (Rule 18bis), protected (no refusal in the period, Article "
        "14(2)(a)), cancelled (second part not paid, Rule 12(3)(d))",
    )
    refusal_period_end = s.DateField(
        allow_null=True, help_text="Set at publication: 6 or 12 months on (Rule 18(1))"
    )
    refused_designs = s.ListField(
        child=s.IntegerField(), help_text="Design numbers the refusals in force concern"
    )
    review_time_limit = s.DateField(
        allow_null=True, help_text="The Office's time limit for a review or appeal of its refusal"
    )
    second_part = SecondPartSerializer(
        allow_null=True, help_text="The second part of a two-part individual fee (Rule 12(3))"
    )


class ApplicationSerializer(ApplicationSummarySerializer):
    fees_total = s.CharField(help_text="The fees accepted at filing (fees.accepted)")
    currency = s.CharField()
    fees = FeesStatementSerializer(help_text="Due, paid and what remains to pay now")
    payments = PaymentSerializer(many=True)
    registration = RegistrationSerializer(allow_null=True)
    published_on = s.DateField(
        allow_null=True, help_text="Published in the International Designs Bulletin (Rule 17)"
    )
    designations = DesignationSerializer(
        many=True, help_text="Once registered: each designated party's protection"
    )
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


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    app = "applications"
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
            "An application: status, protection per party, timeline, documents, invitations",
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
