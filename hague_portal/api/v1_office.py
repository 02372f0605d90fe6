"""The token API of the Office of a designated Contracting Party (issue 22; scope `office`):
its registrations (published ones designating its party, never before publication) and the
notifications it sends: a refusal (Rule 18), its withdrawal (Article 12(4)), a statement of
grant (Rule 18bis), the second part of the individual fee due (Rule 12(3)(c)).

Reads and writes go through the same selectors and services as the Office's pages
(register.selectors, register.actions): 404 for a registration the token's owner may not see,
400 with each refused field (the Register's RegisterError) and nothing recorded."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from rest_framework import status
from rest_framework.response import Response

from hague_portal.register.actions import (
    GRANT,
    REFUSAL,
    SECOND_PART,
    WITHDRAWAL,
    decision_make,
)
from hague_portal.register.models import Designation, DesignationStatus
from hague_portal.register.selectors import designation_for_office
from hague_portal.register.selectors_office import (
    office_designations,
    party_has_two_part_fee,
    registration_designs,
)

from .models import Scope
from .v1 import ApiError, V1View, _page, error

# The fields each notification takes (all optional for the parser: the Register says what a
# refusal lacks, at its field, Rule 19(1)(a)).
FIELDS = {
    REFUSAL: {
        "designs": "designs",
        "grounds": "text",
        "provisions": "text",
        "review_time_limit": "date",
        "review_authority": "text",
    },
    WITHDRAWAL: {"designs": "designs", "note": "text"},
    GRANT: {"designs": "designs", "note": "text"},
    SECOND_PART: {"time_limit": "date"},
}


def _iso(day):
    return day.isoformat() if day else None


def _require_office(user) -> None:
    if getattr(user, "office_id", None) is None:
        raise PermissionDenied(
            "Only a user of the Office of a designated Contracting Party reads these."
        )


def _designation(request, number) -> Designation:
    _require_office(request.user)
    try:
        return designation_for_office(user=request.user, number=number)
    except Designation.DoesNotExist:
        raise Http404("No published registration designates your party with this number.") from None


def registration_summary(designation) -> dict:
    registration = designation.registration
    return {
        "number": registration.number,
        "registration_date": _iso(registration.registration_date),
        "published_on": _iso(registration.published_on),
        "holder": registration.holder_name,
        "party": designation.party,
        "status": designation.status,
        "refusal_period_end": _iso(designation.refusal_period_end),
        "url": reverse("api-office-registration", args=[registration.number]),
    }


def registration_detail(designation) -> dict:
    registration = designation.registration
    number = registration.number
    designs = [
        {
            "number": design["number"],
            "product": design["product"],
            "locarno": design["locarno"],
            "reproductions": [
                {
                    "number": view["number"],
                    "sha256": view["sha256"],
                    "url": reverse("office:reproduction", args=[number, view["sha256"]]),
                }
                for view in design["reproductions"]
            ],
        }
        for design in registration_designs(registration)
    ]
    return {
        **registration_summary(designation),
        "designated_parties": list(registration.designations.values_list("party", flat=True)),
        "designs": designs,
        "designation": _designation_state(designation),
        "decisions": [_decision(d) for d in designation.decisions.order_by("received_at", "id")],
    }


def _designation_state(designation) -> dict:
    part = getattr(designation, "second_part", None)
    return {
        "party": designation.party,
        "status": designation.status,
        "status_since": _iso(designation.status_since),
        "refusal_period_months": designation.refusal_period_months,
        "refusal_period_end": _iso(designation.refusal_period_end),
        "refused_designs": designation.refused_designs,
        "review_time_limit": _iso(designation.review_time_limit),
        "two_part_fee": party_has_two_part_fee(designation),
        "second_part": None
        if part is None
        else {
            "status": part.status,
            "amount": str(part.amount),
            "currency": part.currency,
            "time_limit": _iso(part.time_limit),
        },
    }


def _decision(decision) -> dict:
    return {
        "kind": decision.kind,
        "designs": decision.designs,
        "grounds": decision.grounds,
        "provisions": decision.provisions,
        "review_time_limit": _iso(decision.review_time_limit),
        "review_authority": decision.review_authority,
        "note": decision.note,
        "received_at": decision.received_at.isoformat(),
    }


class OfficeRegistrationListView(V1View):
    scopes = {"GET": Scope.OFFICE}

    def get(self, request):
        _require_office(request.user)
        wanted = request.query_params.get("status") or ""
        if wanted and wanted not in DesignationStatus.values:
            raise ApiError(400, [error("status", f"one of: {', '.join(DesignationStatus.values)}")])
        rows = office_designations(
            user=request.user, status=wanted, q=(request.query_params.get("q") or "")[:100]
        )
        count, page = _page(request, rows)
        return Response({"count": count, "results": [registration_summary(d) for d in page]})


class OfficeRegistrationDetailView(V1View):
    scopes = {"GET": Scope.OFFICE}

    def get(self, request, number):
        return Response(registration_detail(_designation(request, number)))


class OfficeDecisionView(V1View):
    """POST a notification about the Office's designation; answers the registration as it
    now stands (201)."""

    scopes = {"POST": Scope.OFFICE}
    action = ""

    def post(self, request, number):
        designation = _designation(request, number)
        data = _read(self.body(request), FIELDS[self.action])
        decision_make(action=self.action, designation=designation, by=request.user, data=data)
        designation = designation_for_office(user=request.user, number=number)
        return Response(registration_detail(designation), status=status.HTTP_201_CREATED)


def _read(body: dict, fields: dict) -> dict:
    """The body's fields, typed; every unknown or mistyped field refused at its name (400)."""
    errors = [
        error(name, f"unknown field: send {', '.join(fields)}")
        for name in body
        if name not in fields
    ]
    data = {}
    for name, kind in fields.items():
        value = body.get(name)
        if value is None:
            continue
        data[name], problem = READERS[kind](value)
        if problem:
            errors.append(error(name, problem))
    if errors:
        raise ApiError(400, errors)
    return data


def _text(value):
    return (value, "") if isinstance(value, str) else (None, "a text")


def _date(value):
    try:
        return date.fromisoformat(value), ""
    except (TypeError, ValueError):
        return None, "a date as YYYY-MM-DD"


def _designs(value):
    """A list of design numbers; [] (or the field left out) for all designs."""
    if isinstance(value, list) and all(type(n) is int and n > 0 for n in value):
        return value, ""
    return None, "a list of design numbers (1, 2, …); [] or leave it out for all designs"


READERS = {"text": _text, "date": _date, "designs": _designs}


class RefusalView(OfficeDecisionView):
    action = REFUSAL


class WithdrawalView(OfficeDecisionView):
    action = WITHDRAWAL


class GrantView(OfficeDecisionView):
    action = GRANT


class SecondPartView(OfficeDecisionView):
    action = SECOND_PART


# The name in the URL: the view (api/urls.py), each described on its own (v1_schema/office.py).
DECISION_VIEWS = {
    view.action: view for view in (RefusalView, WithdrawalView, GrantView, SecondPartView)
}
