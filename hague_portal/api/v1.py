"""The authenticated API (issue 13): drafts, files, submit, applications, notifications, webhooks.

Every view authenticates a personal token (`tokens.BearerTokenAuthentication`), checks its scope
(`tokens.HasScope`) and then asks the portal's own selectors with `request.user` = the token's
owner: 404 for what the owner may not see, 403 for what the owner may read but not change.
Writes call the wizard's services. Every client error answers {"errors": [{"path", "message"}]}.
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from hague_portal.accounts.selectors import clients_visible_to
from hague_portal.filings import document_extras
from hague_portal.filings import services as draft_services
from hague_portal.filings.selectors import (
    PORTAL_KEYS,
    document_parse_lenient,
    draft_document,
    draft_get_for_user,
    drafts_visible_to,
)
from hague_portal.filings.sharing import draft_may_submit
from hague_portal.hague.checks import is_blocking, run_checks
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.document import SCHEMA, DocumentError, FieldError, parse_application
from hague_portal.hague.fees import calculate_fees
from hague_portal.payments.submit import draft_submit
from hague_portal.reference.selectors import reference_data

from . import adapters, presenters, webhooks
from .models import IdempotencyKey, Scope, WebhookDelivery
from .parsers import JSONParser
from .tokens import BearerTokenAuthentication, HasScope, TokenRateThrottle
from .views import RateLimited

PAGE_MAX = 100


class ApiError(Exception):
    def __init__(self, status_code: int, errors, **extra):
        self.status_code, self.errors, self.extra = status_code, list(errors), extra


def error(path: str, message: str) -> FieldError:
    return FieldError(path, message)


def errors_body(errors, **extra) -> dict:
    return {"errors": [{"path": e.path, "message": e.message} for e in errors], **extra}


def _validation_errors(exc: ValidationError, prefix: str = "") -> list[FieldError]:
    if hasattr(exc, "error_dict"):
        return [
            error(f"{prefix}{field}" if field != "__all__" else prefix.rstrip("."), message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [error(prefix.rstrip("."), message) for message in exc.messages]


class V1View(APIView):
    authentication_classes = (BearerTokenAuthentication,)
    permission_classes = (HasScope,)
    throttle_classes = (TokenRateThrottle,)
    parser_classes = (JSONParser,)
    scopes = {"GET": Scope.READ}

    def throttled(self, request, wait):
        raise RateLimited(wait, api_settings.DEFAULT_THROTTLE_RATES["token"], per="token")

    def handle_exception(self, exc):
        known = self._known(exc)
        if known is not None:
            return known
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = errors_body([error("", str(response.data["detail"]))])
        elif isinstance(response.data, dict | list):  # parse errors of DRF's parsers
            response.data = errors_body([error("", json.dumps(response.data)[:500])])
        return response

    def _known(self, exc):
        if isinstance(exc, ApiError):
            return Response(errors_body(exc.errors, **exc.extra), status=exc.status_code)
        if isinstance(exc, DocumentError):
            return Response(errors_body(exc.errors), status=400)
        if isinstance(exc, ValidationError):
            return Response(errors_body(_validation_errors(exc)), status=400)
        if isinstance(exc, draft_services.DraftConflict):
            body = errors_body([error("version", str(exc))], current_version=exc.current_version)
            body["changes"] = exc.changes[:50]
            return Response(body, status=409)
        if isinstance(exc, draft_services.DraftNotReady):
            findings = [f.as_dict() for f in exc.findings if f.severity == "error"]
            body = errors_body([error("", str(exc))], findings=findings)
            return Response(body, status=422)
        if isinstance(exc, draft_services.DraftError):
            return Response(errors_body([error("", str(exc))]), status=409)
        if isinstance(exc, Http404):
            return Response(errors_body([error("", str(exc) or "Not found.")]), status=404)
        if isinstance(exc, PermissionDenied):
            return Response(errors_body([error("", str(exc) or "Forbidden.")]), status=403)
        return None

    def body(self, request) -> dict:
        data = request.data
        if not isinstance(data, dict):
            raise ApiError(400, [error("", "send a JSON object")])
        return data


def _page(request, rows):
    limit = _int_param(request, "limit", 50, 1, PAGE_MAX)
    offset = _int_param(request, "offset", 0, 0, 10**9)
    return rows.count(), list(rows[offset : offset + limit])


def _int_param(request, name, default, low, high) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, [error(name, "a whole number")]) from None
    if not low <= value <= high:
        raise ApiError(400, [error(name, f"between {low} and {high}")])
    return value


# --- drafts -------------------------------------------------------------------------------------


def _editable_draft(request, draft_id):
    """404 if the owner may not see it, 403 if the owner may only read it."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if draft.user_role != "edit":
        raise PermissionDenied("You may read this application but not change it.")
    return draft


def _document_in(body, *, required: bool, base: dict | None = None) -> dict | None:
    """The body's "document" (its files left out), checked by the parser as it will be stored
    (over `base`, the stored document, for a PATCH): every bad path at once (400)."""
    document = body.get("document")
    if document is None and not required:
        return None
    if not isinstance(document, dict):
        raise ApiError(400, [error("document", "send the application document as an object")])
    document = draft_services._without_files(document)
    whole = {"schema": SCHEMA, **(base or {}), **document}
    try:
        parse_application(
            {k: v for k, v in whole.items() if k not in PORTAL_KEYS}, reference_data()
        )
    except DocumentError as exc:
        errors = [error(f"document.{e.path}".rstrip("."), e.message) for e in exc.errors]
        raise ApiError(400, errors) from None
    return document


def _draft_document_in(body, *, draft, replace: bool, required: bool = True) -> dict | None:
    """`_document_in` for a draft (None: one to create), with what the document says of the
    draft's files and payment checked as well (filings.document_extras): every bad path of
    both at once (400), nothing stored."""
    raw, errors = body.get("document"), []
    try:
        base = None if replace or draft is None else draft.document
        document = _document_in(body, required=required, base=base)
    except ApiError as exc:
        if not isinstance(raw, dict):
            raise
        document, errors = None, exc.errors
    if isinstance(raw, dict):
        extras = document_extras.document_extras_errors(draft=draft, document=raw, replace=replace)
        errors += _in_document(extras)
    if errors:
        raise ApiError(400, errors)
    return document


def _in_document(errors) -> list[FieldError]:
    return [error(f"document.{e.path}".rstrip("."), e.message) for e in errors]


def _cleared(stored: dict, document: dict) -> dict:
    """PUT: the stored parts the new document leaves out, emptied (the parser reads an empty
    list, object or text as not given; null it refuses)."""
    empty = {list: [], dict: {}, str: ""}
    return {
        key: empty.get(type(value))
        for key, value in stored.items()
        if key not in document and key != "schema"
    }


def _version_in(body) -> int:
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ApiError(400, [error("version", "send the version you read (an integer)")])
    return version


class DraftListView(V1View):
    scopes = {"GET": Scope.READ, "POST": Scope.DRAFT}

    def get(self, request):
        rows = drafts_visible_to(user=request.user)
        wanted = request.query_params.get("status")
        if wanted:
            rows = rows.filter(status=wanted)
        count, page = _page(request, rows)
        return Response({"count": count, "results": [presenters.draft_summary(d) for d in page]})

    def post(self, request):
        body = self.body(request)
        client = self._client(request, body.get("client"))
        document = _draft_document_in(body, draft=None, replace=False, required=False)
        try:
            with transaction.atomic():
                draft = draft_services.draft_create(user=request.user, client=client)
                if document is not None:
                    draft = draft_services.draft_save_step(
                        draft=draft,
                        user=request.user,
                        step="api",
                        seen_version=draft.version,
                        data=document,
                    )
        except draft_services.DraftError as exc:
            raise ApiError(400, [error("client", str(exc))]) from None
        draft = draft_get_for_user(user=request.user, draft_id=draft.pk)
        return Response(presenters.draft_detail(draft), status=status.HTTP_201_CREATED)

    def _client(self, request, client_id):
        if client_id is None:
            return None
        if not isinstance(client_id, int) or isinstance(client_id, bool):
            raise ApiError(400, [error("client", "the id of one of your firm's clients")])
        client = clients_visible_to(user=request.user).filter(pk=client_id).first()
        if client is None:
            raise ApiError(400, [error("client", "no such client among your firm's clients")])
        return client


class DraftDetailView(V1View):
    scopes = {"GET": Scope.READ, "PUT": Scope.DRAFT, "PATCH": Scope.DRAFT, "DELETE": Scope.DRAFT}

    def get(self, request, draft_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        return Response(presenters.draft_detail(draft))

    def put(self, request, draft_id):
        return self._save(request, draft_id, replace=True)

    def patch(self, request, draft_id):
        return self._save(request, draft_id, replace=False)

    def _save(self, request, draft_id, *, replace: bool):
        draft = _editable_draft(request, draft_id)
        body = self.body(request)
        version = _version_in(body)
        document = _draft_document_in(body, draft=draft, replace=replace)
        if replace:
            document = {**_cleared(draft.document, document), **document}
        try:
            document_extras.draft_save_document(
                draft=draft,
                user=request.user,
                seen_version=version,
                data=document,
                document=body["document"],
                replace=replace,
            )
        except DocumentError as exc:  # a file came or went between the check and the lock
            raise ApiError(400, _in_document(exc.errors)) from None
        return Response(
            presenters.draft_detail(draft_get_for_user(user=request.user, draft_id=draft.pk))
        )

    def delete(self, request, draft_id):
        draft = _editable_draft(request, draft_id)
        adapters.draft_delete(draft=draft, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DraftChecksView(V1View):
    def get(self, request, draft_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        parsed = document_parse_lenient(draft_document(draft), reference_data())
        findings = run_checks(parsed.application, reference_data(), on=geneva_today())
        dropped = [{"path": e.path, "message": e.message} for e in parsed.dropped]
        return Response(
            {
                "findings": [f.as_dict() for f in findings],
                "blocking": bool(dropped) or is_blocking(findings),
                "unreadable": dropped,
            }
        )


class DraftFeesView(V1View):
    def get(self, request, draft_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        ref = reference_data()
        application = document_parse_lenient(draft_document(draft), ref).application
        return Response(calculate_fees(application, ref, on=geneva_today()).as_dict())


class DraftSubmitView(V1View):
    """File once per Idempotency-Key: the key's row is inserted in the filing's transaction, so
    a concurrent retry waits on the unique index and then replays the first answer. A refused
    submit (409, 422) rolls back the key too: a retry with it tries again."""

    scopes = {"POST": Scope.SUBMIT}

    def post(self, request, draft_id):
        key = (request.headers.get("Idempotency-Key") or "").strip()
        if not key or len(key) > 255:
            raise ApiError(
                400, [error("Idempotency-Key", "send a unique key (1-255 characters) per filing")]
            )
        body = self.body(request)
        fingerprint = hashlib.sha256(
            json.dumps([str(draft_id), body], sort_keys=True, default=str).encode()
        ).hexdigest()
        try:
            status_code, answer = self._submit_once(request, draft_id, body, key, fingerprint)
        except IntegrityError:
            status_code, answer = self._replay(request, key, fingerprint)
        return Response(answer, status=status_code)

    def _submit_once(self, request, draft_id, body, key, fingerprint):
        with transaction.atomic():
            record = IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                request_sha256=fingerprint,
                response_status=0,
                response_body={},
            )
            answer = self._submit(request, draft_id, body)
            record.response_status, record.response_body = 201, answer
            record.save(update_fields=["response_status", "response_body"])
        return 201, answer

    def _submit(self, request, draft_id, body):
        draft = _editable_draft(request, draft_id)
        if not draft_may_submit(user=request.user, draft=draft):
            raise PermissionDenied("The firm's administrators and editors submit this application.")
        from hague_portal.payments.services import PaymentError

        from .v1_payments import account_to_debit, payment_refused

        account = account_to_debit(user=request.user, account_id=body.get("account"))
        try:
            submitted = draft_submit(
                draft=draft,
                user=request.user,
                seen_version=_version_in(body),
                ref=reference_data(),
                account=account,
                debit_or_refuse=True,  # the account named here is debited, or nothing is filed
            )
        except PaymentError as exc:
            raise payment_refused(exc) from None
        return presenters.submitted(submitted.submission)

    def _replay(self, request, key, fingerprint):
        record = IdempotencyKey.objects.get(user=request.user, key=key)
        if record.request_sha256 != fingerprint:
            raise ApiError(
                422,
                [error("Idempotency-Key", "this key was used for another request; use a new key")],
            )
        return record.response_status, record.response_body


# --- applications -------------------------------------------------------------------------------


class ApplicationListView(V1View):
    def get(self, request):
        rows = adapters.applications_for(user=request.user)
        count, page = _page(request, rows)
        return Response(
            {"count": count, "results": [presenters.application_summary(s) for s in page]}
        )


class ApplicationDetailView(V1View):
    def get(self, request, number):
        submission = adapters.submission_for(user=request.user, number=number)
        return Response(presenters.application_detail(submission, user=request.user))


class ApplicationDocumentView(V1View):
    def get(self, request, number, document):
        submission = adapters.submission_for(user=request.user, number=number)
        file, filename = adapters.submission_document(submission=submission, document=document)
        return FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
        )


class ResponseCreateView(V1View):
    """JSON ({"message", "document"}) or multipart/form-data: "message", replacement
    reproductions "reproduction_<number>" and an annex PDF "attachment" ("attachment_kind")."""

    scopes = {"POST": Scope.SUBMIT}
    parser_classes = (JSONParser, MultiPartParser)

    def post(self, request, number, sequence):
        submission = adapters.submission_for(user=request.user, number=number)
        multipart = request.content_type.startswith("multipart/")
        body = request.data.dict() if multipart else self.body(request)
        _response_fields_known(body, request.FILES, multipart=multipart)
        message = body.get("message") or ""
        if not isinstance(message, str):
            raise ApiError(400, [error("message", "a text")])
        document = None if multipart else _document_in(body, required=False)
        uploads = {**request.FILES.dict(), "attachment_kind": body.get("attachment_kind")}
        response = adapters.response_submit(
            submission=submission,
            user=request.user,
            sequence=sequence,
            message=message,
            document=document,
            uploads=uploads if multipart else None,
        )
        return Response(presenters.response(response), status=status.HTTP_201_CREATED)


RESPONSE_FIELDS = {False: ("message", "document"), True: ("message", "attachment_kind")}


def _response_fields_known(body: dict, files, *, multipart: bool) -> None:
    """A mistyped field is refused at its name, not dropped: a response without what it meant
    to carry would be filed as if complete."""
    unknown = [
        name for name in body if name not in RESPONSE_FIELDS[multipart] and name not in files
    ]
    unknown += [
        name for name in files if name != "attachment" and not name.startswith("reproduction_")
    ]
    if unknown:
        known = ", ".join(RESPONSE_FIELDS[multipart])
        files_known = ', "attachment", "reproduction_<number>"' if multipart else ""
        raise ApiError(
            400, [error(name, f"unknown field: send {known}{files_known}") for name in unknown]
        )


# --- notifications ------------------------------------------------------------------------------


class NotificationListView(V1View):
    def get(self, request):
        from hague_portal.notifications.selectors import inbox_for_user

        unread = request.query_params.get("unread") in ("1", "true")
        rows = inbox_for_user(
            user=request.user,
            unread_only=unread,
            application=request.query_params.get("application") or "",
        )
        count, page = _page(request, rows)
        return Response({"count": count, "results": [presenters.notification(r) for r in page]})


class NotificationPdfView(V1View):
    def get(self, request, notification_id):
        from hague_portal.notifications.selectors import recipient_get_for_user
        from hague_portal.notifications.services import pdf_filename

        notification = recipient_get_for_user(
            user=request.user, notification_id=notification_id
        ).notification
        if not notification.pdf:
            raise Http404("This notification has no PDF.")
        return FileResponse(
            notification.pdf.open("rb"),
            as_attachment=True,
            filename=pdf_filename(notification),
            content_type="application/pdf",
        )


# --- webhooks -----------------------------------------------------------------------------------


class WebhookListView(V1View):
    scopes = {"GET": Scope.READ, "POST": Scope.DRAFT}

    def get(self, request):
        hooks = webhooks.webhooks_visible_to(user=request.user)
        return Response({"results": [presenters.webhook(h) for h in hooks]})

    def post(self, request):
        body = self.body(request)
        firm = adapters.firm_for(user=request.user, firm_id=body.get("firm"))
        url = body.get("url") if isinstance(body.get("url"), str) else ""
        events = body.get("events") if isinstance(body.get("events"), list) else []
        hook, secret = webhooks.webhook_create(
            user=request.user, url=url, events=[e for e in events if isinstance(e, str)], firm=firm
        )
        return Response(
            {**presenters.webhook(hook), "secret": secret}, status=status.HTTP_201_CREATED
        )


class WebhookDetailView(V1View):
    scopes = {"GET": Scope.READ, "DELETE": Scope.DRAFT}

    def get(self, request, webhook_id):
        hook = adapters.webhook_for(user=request.user, webhook_id=webhook_id)
        deliveries = WebhookDelivery.objects.filter(webhook=hook).order_by("-created_at")[:100]
        return Response(
            {**presenters.webhook(hook), "deliveries": [presenters.delivery(d) for d in deliveries]}
        )

    def delete(self, request, webhook_id):
        hook = adapters.webhook_for(user=request.user, webhook_id=webhook_id)
        webhooks.webhook_delete(webhook=hook, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@csrf_exempt  # no session here: a POST to a wrong address is told 404, not a CSRF page
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404, as the API's own 404s, not an HTML page."""
    from django.http import JsonResponse

    return JsonResponse(errors_body([error("", "No such API address.")]), status=404)
