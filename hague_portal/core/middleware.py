"""Request guards and response headers every page shares (issue 8, security), and what the
operator sees of each request (issue 24): its id, its log line, its latency."""

import logging
import time

from django.http import HttpResponseBadRequest

from hague_portal.lib.logs import request_id_bound, request_id_from
from hague_portal.lib.text import text_problem

from .metrics import request_observe

logger = logging.getLogger("hague_portal.requests")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# Browser features the portal never uses: a page (or a script injected into one) may not ask
# for them. "()" is the empty allow-list.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every answer; Cache-Control: no-store on whatever a signed-in user
    gets and on every download.

    Drafts, reproductions and PDFs of undisclosed designs (deferred publication exists to keep
    them secret) must not stay in a shared computer's browser cache or a proxy after sign-out.
    Thumbnails included: they show the design as plainly as the full file.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        download = response.get("Content-Disposition", "").startswith("attachment")
        # A view that declares its answer public (the scripts' messages) holds nothing personal.
        public = "public" in response.get("Cache-Control", "")
        if (signed_in and not public) or download:
            response["Cache-Control"] = "no-store"
        return response


class RefuseUnstorableAddressMiddleware:
    """400 for an address (path or query) holding a NUL character.

    Views pass path parts (`/submissions/<number>/`) and query values (admin search, filters)
    straight to the database, which refuses NUL with a 500. No address of the portal has one,
    so the whole request is refused before any view. Form bodies are checked by their fields,
    JSON bodies by the document parser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = [text for key, values in request.GET.lists() for text in (key, *values)]
        parts = [request.path, *query]
        problem = next(filter(None, map(text_problem, parts)), None)
        if problem:
            return HttpResponseBadRequest(
                f"This address {problem}: it cannot be a page of the portal.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class RequestObservationMiddleware:
    """First of all: names the request with an id (the caller's X-Request-ID if sane, else a new
    one; sent back in the same header), which every line logged for it carries, the jobs it
    enqueues included; then logs one line for it and counts its latency by view (metrics.py).

    The latency is up to the response object: a streamed download's body is not in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        with request_id_bound(request_id_from(request.headers.get("X-Request-ID"))) as rid:
            response = self.get_response(request)
            _observe(request, response, time.monotonic() - started)
        response["X-Request-ID"] = rid
        return response


def _observe(request, response, seconds: float) -> None:
    match = getattr(request, "resolver_match", None)
    # The URL pattern's name, never the path: a label per application number would have no end.
    view = match.view_name if match else "unresolved"
    method = request.method if request.method in METHODS else "other"
    request_observe(view=view, method=method, status=response.status_code, seconds=seconds)
    logger.info(
        "%s %s %s",
        method,
        request.path,
        response.status_code,
        extra={"view": view, "status": response.status_code, "duration_ms": round(seconds * 1000)},
    )
