from django.shortcuts import redirect
from django.urls import reverse

from .selectors import user_has_totp, user_is_representative

# Pages a user without a second factor may still reach: enrolment itself, logout, e-mail
# verification, static files and the health check.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz")


class RequireMFAMiddleware:
    """Representatives and staff are sent to TOTP enrolment until they have a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        # Asked anyway for the rule below; kept for the "Firm" link of the page's navigation
        # (base.html), so that no page pays a query for it. Staff need MFA whatever the answer.
        request.firm_member = not user.is_staff and user_is_representative(user=user)
        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        required = user.is_staff or request.firm_member
        return required and not user_has_totp(user=user)
