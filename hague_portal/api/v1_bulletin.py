"""The International Designs Bulletin in the API (issue 22): public, read-only, no token.

The same data and the same search as the Bulletin's pages (`bulletin.selectors`, the search
form's checks), throttled per client address like the fee calculator's endpoints. Nothing of
a registration answers before its publication date (a 404, or no result)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings

from hague_portal.bulletin import selectors
from hague_portal.bulletin.forms import SearchForm
from hague_portal.bulletin.models import BulletinEntry

from .v1 import ApiError, V1View, _page, error
from .views import PublicRateThrottle, RateLimited


class PublicView(V1View):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PublicRateThrottle,)

    def throttled(self, request, wait):
        raise RateLimited(wait, api_settings.DEFAULT_THROTTLE_RATES["public"])


def entry_json(request, entry: BulletinEntry) -> dict:
    slug = selectors.number_slug(entry.number)
    return {
        "id": entry.pk,
        "kind": entry.kind,
        "issue": entry.issue.label,
        "date": entry.date.isoformat(),
        "party": entry.party or None,
        "registration_number": entry.number,
        "registration_date": entry.registration_date.isoformat(),
        "holder": {"name": entry.holder_name, "address": entry.holder_address},
        "designs": [_design(request, slug, d) for d in entry.designs],
        "designated_parties": entry.parties,
        "priorities": entry.priorities,
        "details": entry.details,
        "url": request.build_absolute_uri(reverse("bulletin-registration", args=[slug])),
    }


def _design(request, slug: str, design: dict) -> dict:
    def url(name, view):
        return request.build_absolute_uri(reverse(name, args=[slug, view["sha256"]]))

    return {
        "number": design["number"],
        "product": design["product"],
        "locarno": design["locarno"],
        "reproductions": [
            {
                "number": view["number"],
                "url": url("bulletin-reproduction", view),
                "thumbnail_url": url("bulletin-thumbnail", view),
            }
            for view in design.get("reproductions") or ()
        ],
    }


def _search(request) -> selectors.Search:
    form = SearchForm({k: v for k, v in request.query_params.items() if k in SEARCH_FIELDS})
    if not form.is_valid():
        raise ApiError(
            400,
            [error(field, str(m)) for field, messages in form.errors.items() for m in messages],
        )
    return form.search()


SEARCH_FIELDS = tuple(SearchForm.base_fields)


class BulletinEntriesView(PublicView):
    def get(self, request):
        found = selectors.entries_search(search=_search(request)).select_related("issue")
        count, rows = _page(request, found)
        return Response({"count": count, "results": [entry_json(request, e) for e in rows]})


class BulletinIssuesView(PublicView):
    def get(self, request):
        count, rows = _page(request, selectors.issues_public())
        return Response(
            {
                "count": count,
                "results": [
                    {"issue": i.label, "year": i.year, "number": i.number, "dated": i.dated}
                    for i in rows
                ],
            }
        )


class BulletinRegistrationView(PublicView):
    def get(self, request, ref: str):
        number = selectors.number_from_slug(ref)
        entries = selectors.registration_entries(number=number) if number else []
        if not entries:
            raise ApiError(
                404, [error("", "No published international registration has this number.")]
            )
        return Response({"entries": [entry_json(request, e) for e in entries]})
