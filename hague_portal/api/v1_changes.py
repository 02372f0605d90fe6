"""Requests to record a change in the International Register through the token API (issue 23;
Article 16, Rule 21): a registration's requests, filing one of each kind (DM/2, DM/3, DM/5,
DM/6, DM/7), reading one, and answering an invitation to correct it.

A request is bound to the web page's own form (changes.forms.FORMS) and filed by the portal's
own service (changes.services.change_file): the same fields, the same rules, the same fees.

404 for a registration (or a request) the token's owner may not see, before registration, and
for the former holder after a change in ownership (its history ends there, as on the web page);
403 for one the owner may read but not change (a viewer of the holder's firm); 400 at the field
for what the form or the rules refuse, nothing filed or charged.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response

from hague_portal.accounts.models import Firm
from hague_portal.changes import services
from hague_portal.changes.forms import FACTORS, FORMS, ResponseForm
from hague_portal.changes.models import ChangeKind, ChangeRequest
from hague_portal.changes.selectors import change_request_of, change_requests_of
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.selectors import current_accounts_for
from hague_portal.register.models import Registration
from hague_portal.register.services import RegisterError
from hague_portal.submissions.selectors import former_holder_until, submission_may_file

from . import adapters, presenters
from .models import Scope
from .v1 import ApiError, V1View, _validation_errors, error

MAY_NOT_CHANGE = (
    "Only the holder's account, or an administrator or editor of the holder's firm, may request "
    "a change of this registration."
)
# Sent as {"entitlement": {"nationality": ["CH"], ...}}; the form has a field per factor.
ENTITLEMENT = tuple(key for key, _label in FACTORS)
# DM/5 and DM/6 may cover several registrations of the same holder (Rule 21).
ALSO_KINDS = (ChangeKind.NAME_ADDRESS, ChangeKind.RENUNCIATION)


# --- who may see and change what ----------------------------------------------------------------


def registration_for(*, user, number: str):
    """The application and its registration, as its page shows them: 404 for who may not see
    it, before registration, and for the former holder after a change in ownership."""
    submission = adapters.submission_for(user=user, number=number)
    registration = Registration.objects.filter(pk=submission.pk).first()
    if registration is None:
        raise ApiError(404, [error("", f"Application {number} is not registered.")])
    if former_holder_until(submission=submission, user=user) is not None:
        raise Http404("Transferred to another holder.")
    return submission, registration


def change_for(*, user, pk: int) -> tuple:
    """One request and its application, for who may see the application's registration now."""
    row = ChangeRequest.objects.filter(pk=pk).select_related("registration").first()
    if row is None:
        raise Http404("No such request.")
    try:
        submission, _registration = registration_for(user=user, number=_number_of(row))
    except ApiError:
        raise Http404("No such request.") from None
    return submission, change_request_of(submission=submission, pk=pk)


def _number_of(row: ChangeRequest) -> str:
    return row.registration.examination.submission.number


def _require_may_file(user, submission) -> None:
    if not submission_may_file(user=user, submission=submission):
        raise ApiError(403, [error("", MAY_NOT_CHANGE)])


# --- what the API answers -------------------------------------------------------------------


def change_body(row: ChangeRequest) -> dict:
    return {
        "id": row.pk,
        "kind": row.kind,
        "status": row.status,
        "registration": row.registration.number,
        "also": sorted(r.number for r in row.also.all()),
        "filed_at": presenters._iso(row.filed_at),
        "data": row.data,
        "fees": row.fees,
        "total": None if row.total is None else presenters._money(row.total),
        "currency": "CHF",
        "payment": presenters.payment(row.payment) if row.payment_id else None,
        "invitation": row.invitation or None,
        "time_limit": presenters._iso(row.time_limit),
        "response": row.response or None,
        "recorded_on": presenters._iso(row.recorded_on),
        "reason": row.reason or None,
        # Article 16(2): the parties where a change in ownership has no effect until their
        # Office has the documents it requires (MX, SA, UZ); [] for every other request.
        "effect_deferred_in": list(
            services.ownership_deferred(parties=row.data.get("parties") or [], today=geneva_today())
        )
        if row.kind == ChangeKind.OWNERSHIP
        else [],
    }


# --- filing: the web form, bound from JSON ----------------------------------------------------


def _form_for(user, registration, kind: str, body: dict):
    """The page's form of this kind, bound to what the body says (lists and numbers as the
    form's text and choices); a field the form of this kind does not know is refused."""
    with_firm = kind in (ChangeKind.REPRESENTATIVE, ChangeKind.OWNERSHIP)
    extra = {"firms": Firm.objects.order_by("name")} if with_firm else {}
    form = FORMS[kind](
        _form_data(body),
        scope=services.registration_scope(registration),
        accounts=list(current_accounts_for(user=user).order_by("number")),
        **extra,
    )
    known = {"kind", "also", *form.fields} - set(ENTITLEMENT)
    if kind == ChangeKind.OWNERSHIP:
        known.add("entitlement")
    if kind not in ALSO_KINDS:
        known.discard("also")
    unknown = sorted(set(body) - known)
    if unknown:
        message = f"Unknown field for {kind}: send {', '.join(sorted(known))}."
        raise ApiError(400, [error(name, message) for name in unknown])
    return form


def _form_data(body: dict) -> dict:
    data = {}
    for name, value in body.items():
        if name in ("kind", "also"):
            continue
        if name == "entitlement":
            data.update(_entitlement_data(value))
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            data[name] = str(value)
        else:
            raise ApiError(400, [error(name, "a text, a number or a list")])
    return data


def _entitlement_data(value) -> dict:
    if not isinstance(value, dict) or set(value) - set(ENTITLEMENT):
        raise ApiError(400, [error("entitlement", _ENTITLEMENT_SHAPE)])
    data = {}
    for factor, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ApiError(400, [error(f"entitlement.{factor}", "a list of party codes")])
        data[factor] = ",".join(codes)
    return data


_ENTITLEMENT_SHAPE = "an object of party codes by connection: " + ", ".join(
    f'"{factor}": ["CH"]' for factor in ENTITLEMENT
)


def _path(field: str) -> str:
    """The body's path of a form field or of a rule's finding."""
    if field == "__all__":
        return ""
    return f"entitlement.{field}" if field in ENTITLEMENT else field


def _form_errors(form) -> list:
    return [
        error(_path(name), str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]


def _also(registration, body: dict) -> list[Registration]:
    """The holder's other registrations in force named by number, as the page offers them."""
    numbers = body.get("also") or []
    if not isinstance(numbers, list) or not all(isinstance(n, str) for n in numbers):
        raise ApiError(400, [error("also", "a list of registration numbers")])
    found = list(services.registrations_of_same_holder(registration).filter(number__in=numbers))
    missing = sorted(set(numbers) - {r.number for r in found})
    if missing:
        message = f"{', '.join(missing)}: not a registration of the same holder in force."
        raise ApiError(400, [error("also", message)])
    return found


def _filing_errors(exc: RegisterError, payment: dict) -> list:
    """The service's refusals at the body's paths; a payment refused is at the field the
    caller sent (the card or the account), as the renewal's."""
    field = "card_number" if payment.get("method") == "card" else "account"
    return [error(field if e.path == "method" else e.path, e.message) for e in _errors(exc)]


def _errors(exc: RegisterError) -> list:
    return [error(_path(e.path or "__all__"), e.message) for e in _validation_errors(exc)]


# --- the views ----------------------------------------------------------------------------------


class ChangeListView(V1View):
    """GET the registration's requests; POST file one (its `kind` and the fields of its form)."""

    scopes = {"GET": Scope.READ, "POST": Scope.SUBMIT}

    def get(self, request, number):
        submission, _registration = registration_for(user=request.user, number=number)
        rows = change_requests_of(submission=submission)
        return Response({"changes": [change_body(row) for row in rows]})

    def post(self, request, number):
        submission, registration = registration_for(user=request.user, number=number)
        _require_may_file(request.user, submission)
        body = self.body(request)
        kind = body.get("kind")
        if kind not in ChangeKind.values:
            raise ApiError(400, [error("kind", f"one of {', '.join(ChangeKind.values)}")])
        form = _form_for(request.user, registration, kind, body)
        also = _also(registration, body)
        if not form.is_valid():
            raise ApiError(400, _form_errors(form))
        payment = form.payment()
        try:
            row = services.change_file(
                registration=registration, kind=kind, user=request.user,
                data=form.request_data(), also=also, **payment,
            )  # fmt: skip
        except RegisterError as exc:
            raise ApiError(400, _filing_errors(exc, payment)) from None
        return Response(change_body(row), status=status.HTTP_201_CREATED)


class ChangeDetailView(V1View):
    """GET one request."""

    def get(self, request, change_id):
        _submission, row = change_for(user=request.user, pk=change_id)
        return Response(change_body(row))


class ChangeResponseView(V1View):
    """POST the answer to an invitation to correct the request ({"response": "..."})."""

    scopes = {"POST": Scope.SUBMIT}

    def post(self, request, change_id):
        submission, row = change_for(user=request.user, pk=change_id)
        _require_may_file(request.user, submission)
        body = self.body(request)
        unknown = sorted(set(body) - {"response"})
        if unknown:
            raise ApiError(400, [error(name, "Unknown field: send response.") for name in unknown])
        text = body.get("response")
        form = ResponseForm({"response": text if isinstance(text, str) else ""})
        if not form.is_valid():
            raise ApiError(400, _form_errors(form))
        try:
            row = services.change_respond(
                request=row, user=request.user, response=form.cleaned_data["response"]
            )
        except RegisterError as exc:
            raise ApiError(400, _errors(exc)) from None
        return Response(change_body(row))
