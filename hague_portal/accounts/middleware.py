from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .models import FirmMembership, User
from .selectors import user_has_totp

# Pages a user without a second factor may still reach: enrolment itself, logout, e-mail
# verification, static files, the health check, the language switcher (so that enrolment
# itself can be read in French or Spanish), the scripts' messages (every page loads /jsi18n/: its
# redirect to the enrolment page made a new TOTP secret behind the user's back) and the
# accessibility statement.
ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/healthz",
    "/language",
    "/jsi18n/",
    "/accessibility/",
)


# What an Office user (issue 22) has no use for: filing, the applicant's pages. Sent home
# (/office/) instead of shown an empty workbench or a wizard.
OFFICE_BARRED_PREFIXES = (
    "/applications/",
    "/submissions/",
    "/address-book/",
    "/firm/",
    "/deadlines/",
    "/inbox/",
    "/bulk/",
    "/exports/",
)


class RequireMFAMiddleware:
    """Representatives, staff and Office users are sent to TOTP enrolment until they have a
    second factor; Office users are kept to their own pages.

    At most one query a request (issue 11: every page paid two for a representative)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        if getattr(request.user, "office_id", None) and request.path.startswith(
            OFFICE_BARRED_PREFIXES
        ):
            return redirect("office:registrations")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        allowed = request.path.startswith(ALLOWED_PREFIXES)
        if user.is_staff or user.office_id:
            # Staff, and the Office of a designated party (issue 22: it reads what is confidential
            # until published), need MFA whatever their firm; no "Firm" link for them.
            request.firm_member = False
            return not allowed and not user_has_totp(user=user)
        # Asked anyway for the rule below; kept for the "Firm" link of the page's navigation
        # (base.html), so that no page pays a query for it.
        request.firm_member, has_totp = _membership_and_totp(user)
        return request.firm_member and not allowed and not has_totp


def _membership_and_totp(user) -> tuple[bool, bool]:
    """(is a member of a firm, has a TOTP authenticator), both in one query."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            member=Exists(FirmMembership.objects.filter(user=OuterRef("pk"))),
            totp=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .values_list("member", "totp")
        .first()
    )
    return row or (False, False)


class UserLanguageMiddleware:
    """The signed-in user's chosen language (issue 12), over the browser's cookie and
    Accept-Language, so that the choice follows the user to any browser. After
    AuthenticationMiddleware; the user row is the one the session loads anyway (no query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        account_language_activate(request, getattr(request, "user", None))
        return self.get_response(request)


def account_language_activate(request, user) -> None:
    """The rest of `request` in the language `user` chose, if signed in and one was chosen:
    for each request (UserLanguageMiddleware) and from the moment of signing in (accounts.apps:
    the sign-in request began in the browser's language)."""
    language = user.language if user is not None and user.is_authenticated else ""
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
