"""The OpenAPI description of webhooks (hague_portal/api/v1.py): list, add, read with the
delivery log, remove."""

from drf_spectacular.utils import OpenApiExample, extend_schema_view, inline_serializer
from rest_framework import serializers as s

from .. import v1
from ..models import DeliveryStatus, Scope, WebhookEvent
from .common import NO_CONTENT, _op


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


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
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
