"""The OpenAPI description of the International Designs Bulletin (hague_portal/api/
v1_bulletin.py): public, no token; the same search as the Bulletin's page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers as s

from hague_portal.bulletin.models import EntryKind

from .. import v1_bulletin
from ..serializers import ErrorsSerializer
from .common import PAGING

TAG = "bulletin"
ERRORS = {
    400: OpenApiResponse(ErrorsSerializer, description="A search value refused, at its field"),
    429: OpenApiResponse(ErrorsSerializer, description="Rate limit exceeded (API_RATE)"),
}


class BulletinReproductionSerializer(s.Serializer):
    number = s.CharField()
    url = s.URLField()
    thumbnail_url = s.URLField()


class BulletinDesignSerializer(s.Serializer):
    number = s.IntegerField()
    product = s.CharField()
    locarno = s.CharField()
    reproductions = BulletinReproductionSerializer(many=True)


class BulletinHolderSerializer(s.Serializer):
    name = s.CharField()
    address = s.CharField()


class BulletinEntrySerializer(s.Serializer):
    id = s.IntegerField()
    kind = s.ChoiceField(choices=EntryKind.values)
    issue = s.CharField(help_text='"2027/02": year and number of the weekly issue')
    date = s.DateField(help_text="Published, or the day the Office's decision was recorded")
    party = s.CharField(allow_null=True, help_text="The party of an Office's decision")
    registration_number = s.CharField()
    registration_date = s.DateField()
    holder = BulletinHolderSerializer()
    designs = BulletinDesignSerializer(many=True)
    designated_parties = s.ListField(child=s.CharField())
    priorities = s.ListField(child=s.DictField())
    details = s.DictField(help_text="Of a decision: designs concerned ([] all), ...")
    url = s.URLField()


class BulletinEntryPageSerializer(s.Serializer):
    count = s.IntegerField()
    results = BulletinEntrySerializer(many=True)


class BulletinIssueSerializer(s.Serializer):
    issue = s.CharField()
    year = s.IntegerField()
    number = s.IntegerField()
    dated = s.DateField()


class BulletinIssuePageSerializer(s.Serializer):
    count = s.IntegerField()
    results = BulletinIssueSerializer(many=True)


class BulletinRegistrationEntriesSerializer(s.Serializer):
    entries = BulletinEntrySerializer(many=True)


def _text(name, description, example=None):
    examples = [OpenApiExample(name, value=example)] if example else None
    return OpenApiParameter(name, OpenApiTypes.STR, description=description, examples=examples)


SEARCH = [
    _text("number", "The registration number, or part of it", "DM/000001"),
    _text("holder", "Within the holder's name (case and accents ignored)", "atelier"),
    _text("product", "Within a design's product indication", "chair"),
    OpenApiParameter(
        "locarno",
        {"type": "string", "pattern": r"^\d{1,2}(-\d{1,2})?$"},
        description="A Locarno class (06) or subclass (06-01)",
    ),
    _text("party", "A designated Contracting Party's code", "US"),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
    OpenApiParameter("kind", {"type": "string", "enum": EntryKind.values}),
]


def _public(summary, operation_id, responses, parameters=(), description=""):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=f"Public: no token. {description}".strip(),
        tags=[TAG],
        responses={**responses, **ERRORS},
        parameters=list(parameters),
    )


def document_views() -> None:
    """Attach the descriptions to the views (called once by v1_schema.document_views)."""
    extend_schema_view(
        get=_public(
            "Search the Bulletin's entries, newest first",
            "bulletin_entries",
            {200: BulletinEntryPageSerializer},
            [*PAGING, *SEARCH],
            "Published registrations and the Offices' decisions published since.",
        )
    )(v1_bulletin.BulletinEntriesView)
    extend_schema_view(
        get=_public(
            "The Bulletin's weekly issues, newest first",
            "bulletin_issues",
            {200: BulletinIssuePageSerializer},
            PAGING,
        )
    )(v1_bulletin.BulletinIssuesView)
    extend_schema_view(
        get=_public(
            "A published registration's entries",
            "bulletin_registration",
            {
                200: BulletinRegistrationEntriesSerializer,
                404: OpenApiResponse(ErrorsSerializer, description="Not published"),
            },
            [
                OpenApiParameter(
                    "ref",
                    OpenApiTypes.STR,
                    OpenApiParameter.PATH,
                    description='"DM-000001" for DM/000001',
                )
            ],
        )
    )(v1_bulletin.BulletinRegistrationView)
