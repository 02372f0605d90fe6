"""The OpenAPI description of a draft's files in the token API (hague_portal/api/v1_files.py):
reproductions and annex documents, listed, uploaded, changed and deleted."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_view
from rest_framework import serializers as s

from hague_portal.filings.models import Attachment

from .. import v1_files
from ..models import Scope
from ..serializers import ErrorsSerializer
from .common import NO_CONTENT, _err, _message, _op

GONE = _err(
    "The draft was submitted: its files are kept as filed",
    _message("This application was submitted and can no longer be changed."),
)


class ReproductionOutSerializer(s.Serializer):
    id = s.IntegerField()
    number = s.CharField(
        allow_null=True, help_text='"<design>.<view>" as in the document; null: not assigned'
    )
    design_number = s.IntegerField(allow_null=True, help_text="null: not assigned to a design")
    position = s.IntegerField(help_text="1, 2 ... within its design (or the unassigned images)")
    legend_code = s.CharField(allow_null=True, help_text='Item 10, e.g. "1"; "00" with a text')
    legend_text = s.CharField(allow_null=True)
    name = s.CharField(help_text="The uploaded file's name")
    file = s.CharField(allow_null=True, help_text="The stored file, as the document names it")
    sha256 = s.CharField()
    width_px = s.IntegerField()
    height_px = s.IntegerField()
    dpi = s.IntegerField()
    url = s.CharField()


class ReproductionListSerializer(s.Serializer):
    results = ReproductionOutSerializer(many=True)


class ReproductionChangeSerializer(s.Serializer):
    design_number = s.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Move it to the end of this design; null: to the unassigned images",
    )
    position = s.IntegerField(
        required=False, min_value=1, help_text="Its place in its design: 1 for the first view"
    )
    legend_code = s.CharField(
        required=False, allow_null=True, help_text='A legend code (item 10); "" or null: none'
    )
    legend_text = s.CharField(
        required=False, allow_null=True, help_text="With code 00 only, at most 50 characters"
    )


class UploadedSerializer(s.Serializer):
    accepted = ReproductionOutSerializer(many=True)


class UploadRefusedSerializer(ErrorsSerializer):
    accepted = ReproductionOutSerializer(many=True, required=False)


class ReproductionUploadSerializer(s.Serializer):
    design_number = s.IntegerField(required=False, help_text="Empty: not yet assigned")
    files = s.ListField(child=s.FileField(), help_text="JPEG or TIFF, 300 dpi (item 10)")


class AttachmentUploadSerializer(s.Serializer):
    kind = s.ChoiceField(choices=Attachment.Kind.choices)
    file = s.FileField(help_text="PDF")
    details = s.CharField(
        required=False,
        help_text="JSON object of what the document concerns, by kind: annex_I "
        '{"kind": "declaration" or "substitute_statement", "creator": "Jane Doe", '
        '"signatory": "/Jane Doe/"}; annex_II {"parties": ["CN"], "designs": [1]}; annex_III '
        '{"designs": [1]}; annex_IV {"signatory": "/Jane Doe/"}; annex_V {"priority": 0}. '
        "A refused detail answers 400 at details.<key>",
    )


class AttachmentOutSerializer(s.Serializer):
    id = s.IntegerField()
    kind = s.CharField()
    name = s.CharField()
    file = s.CharField(allow_null=True, help_text="The stored file, as the document names it")
    sha256 = s.CharField()
    details = s.JSONField()
    url = s.CharField()


class AttachmentListSerializer(s.Serializer):
    results = AttachmentOutSerializer(many=True)


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    draft = "drafts"
    extend_schema_view(
        get=_op(
            "List a draft's reproductions, the unassigned ones included",
            operation_id="drafts_reproductions_list",
            tag=draft,
            scope=Scope.READ,
            responses={200: ReproductionListSerializer},
        ),
        post=_op(
            "Upload reproductions",
            operation_id="drafts_reproductions_upload",
            tag=draft,
            scope=Scope.DRAFT,
            request={"multipart/form-data": ReproductionUploadSerializer},
            responses={
                201: UploadedSerializer,
                400: OpenApiResponse(
                    UploadRefusedSerializer,
                    description="Refused files at files[i]; the good ones were kept",
                ),
            },
            description="Each file is checked as the wizard checks it (format, 300 dpi, size, "
            "duplicates).",
        ),
    )(v1_files.ReproductionsView)
    extend_schema_view(
        get=_op(
            "Read a reproduction",
            operation_id="drafts_reproductions_read",
            tag=draft,
            scope=Scope.READ,
            responses={200: ReproductionOutSerializer},
        ),
        patch=_op(
            "Move a reproduction or set its legend",
            operation_id="drafts_reproductions_update",
            tag=draft,
            scope=Scope.DRAFT,
            request=ReproductionChangeSerializer,
            responses={200: ReproductionOutSerializer, 409: GONE},
            description="As the wizard's Reproductions page: to another design (at its end) or "
            "to the unassigned images, to a place in its design, a legend (item 10). Every "
            "refused field answers 400 at its name and nothing is changed. The draft's "
            "version is not changed.",
            examples=[
                OpenApiExample(
                    "Second view of design 2, legend 1",
                    value={"design_number": 2, "position": 2, "legend_code": "1"},
                    request_only=True,
                )
            ],
        ),
        delete=_op(
            "Delete a reproduction (and its file)",
            operation_id="drafts_reproductions_delete",
            tag=draft,
            scope=Scope.DRAFT,
            responses={204: NO_CONTENT, 409: GONE},
        ),
    )(v1_files.ReproductionDetailView)
    extend_schema_view(
        get=_op(
            "List a draft's annex documents and power of attorney",
            operation_id="drafts_attachments_list",
            tag=draft,
            scope=Scope.READ,
            responses={200: AttachmentListSerializer},
        ),
        post=_op(
            "Upload an annex or power of attorney",
            operation_id="drafts_attachments_upload",
            tag=draft,
            scope=Scope.DRAFT,
            request={"multipart/form-data": AttachmentUploadSerializer},
            responses={201: AttachmentOutSerializer},
        ),
    )(v1_files.AttachmentsView)
    extend_schema_view(
        get=_op(
            "Read an annex document",
            operation_id="drafts_attachments_read",
            tag=draft,
            scope=Scope.READ,
            responses={200: AttachmentOutSerializer},
        ),
        delete=_op(
            "Delete an annex document (and its file)",
            operation_id="drafts_attachments_delete",
            tag=draft,
            scope=Scope.DRAFT,
            responses={204: NO_CONTENT, 409: GONE},
        ),
    )(v1_files.AttachmentDetailView)
