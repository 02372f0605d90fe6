"""Response headers that keep a signed-in person's data out of caches and powerful features off."""

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
        if signed_in or download:
            response["Cache-Control"] = "no-store"
        return response
