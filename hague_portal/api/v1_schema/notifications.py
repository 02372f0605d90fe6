"""The OpenAPI description of a token owner's notifications (hague_portal/api/v1.py): the list
and a notification's PDF."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import serializers as s

from .. import v1
from ..models import Scope
from .common import PAGING, PDF, _op

NUMBER = "WIPO000123"


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


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_op(
            "Your notifications, newest first",
            operation_id="notifications_list",
            tag="notifications",
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
            tag="notifications",
            scope=Scope.READ,
            responses=PDF,
        )
    )(v1.NotificationPdfView)
