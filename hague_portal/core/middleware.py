"""Request guards and response headers every page shares (issue 8, security)."""

from django.http import HttpResponseBadRequest

from hague_portal.lib.text import text_problem

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
