"""The public JSON API: an application document in, fees or formality findings out.

Both endpoints are anonymous (no session authentication, so no CSRF check for JSON clients) and
throttled per client address under the "public" rate (settings.REST_FRAMEWORK, env API_RATE).
Every client error, whatever its cause, answers {"errors": [{"path", "message"}, ...]}.
"""

import math

from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from hague_portal.hague.checks import is_blocking, run_checks
from hague_portal.hague.document import DocumentError, FieldError, parse_application
from hague_portal.hague.fees import calculate_fees
from hague_portal.lib.json_input import JsonTooDeep, json_loads
from hague_portal.reference.selectors import reference_data

from . import serializers
from .examples import DOCUMENT_EXAMPLES, EXAMPLE_ERRORS
from .parsers import JSONParser, too_deep_error

JSON_TYPES = ("application/json",)


class PublicRateThrottle(AnonRateThrottle):
    scope = "public"

    def get_rate(self):
        # Read per request: DRF's class attribute freezes the rates at import time.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class RateLimited(exceptions.Throttled):
    def __init__(self, wait, rate, per="client address"):
        seconds = max(1, math.ceil(wait or 1))
        super().__init__(
            detail=f"Too many requests: the limit is {rate} per {per}. "
            f"Try again in {seconds} seconds."
        )
        self.wait = wait  # set after __init__ so DRF sends Retry-After without its own wording


def read_document(request) -> object:
    """The JSON body, or DocumentError: the same error format as a bad field."""
    if request.content_type.split(";")[0].strip().lower() not in JSON_TYPES:
        got = request.content_type or "none"
        raise _body_error(f"send the document as JSON (Content-Type: application/json), got {got}")
    try:
        return json_loads(request.body)
    except JsonTooDeep as exc:
        raise too_deep_error(exc) from None
    except RequestDataTooBig:
        raise _body_error("the document is too large") from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError
        raise _body_error(f"the body is not valid JSON ({exc})") from None


def _body_error(message: str) -> DocumentError:
    return DocumentError([FieldError("", message)])


def errors_response(errors) -> Response:
    body = {"errors": [{"path": e.path, "message": e.message} for e in errors]}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class DocumentView(APIView):
    """Parse the posted document, hand it to the rules core, answer its result."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PublicRateThrottle,)
    parser_classes = (JSONParser,)  # for the schema; the body is read by read_document

    def throttled(self, request, wait):
        raise RateLimited(wait, api_settings.DEFAULT_THROTTLE_RATES["public"])

    def handle_exception(self, exc):
        if isinstance(exc, DocumentError):
            return errors_response(exc.errors)
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            message = str(response.data["detail"])
            response.data = {"errors": [{"path": "", "message": message}]}
        return response

    def document(self, request):
        ref = reference_data()
        return parse_application(read_document(request), ref), ref


_DOCUMENTS = [
    OpenApiExample(title, value=document, request_only=True)
    for title, document in DOCUMENT_EXAMPLES
]
_ERRORS = {
    400: OpenApiResponse(
        serializers.ErrorsSerializer,
        description="Malformed document: every bad field with its path",
        examples=[OpenApiExample("Bad fields", value=EXAMPLE_ERRORS)],
    ),
    429: OpenApiResponse(serializers.ErrorsSerializer, description="Rate limit exceeded"),
}


class FeesView(DocumentView):
    @extend_schema(
        operation_id="fees_calculate",
        summary="Calculate the fees of an application",
        description="Fees for any well-formed document, whatever its formality findings. "
        "Amounts are decimal strings in Swiss francs.",
        request=serializers.ApplicationDocumentSerializer,
        responses={200: serializers.FeeCalculationSerializer, **_ERRORS},
        examples=_DOCUMENTS,
        tags=["fees"],
    )
    def post(self, request):
        app, ref = self.document(request)
        return Response(calculate_fees(app, ref).as_dict())


class ChecksView(DocumentView):
    @extend_schema(
        operation_id="checks_run",
        summary="Run the formality checks on an application",
        description="Findings in DM/1 item order; `blocking` is true when one is an error.",
        request=serializers.ApplicationDocumentSerializer,
        responses={200: serializers.ChecksSerializer, **_ERRORS},
        examples=_DOCUMENTS,
        tags=["checks"],
    )
    def post(self, request):
        app, ref = self.document(request)
        findings = run_checks(app, ref)
        return Response(
            {"findings": [f.as_dict() for f in findings], "blocking": is_blocking(findings)}
        )
