"""Personal API tokens: create (the secret shown once), revoke, who sees which, and the DRF
authentication that reads `Authorization: Bearer hp_<prefix>_<secret>`.

A token acts with exactly its owner's rights: the views call the same selectors as the portal
with `request.user` set to the owner. Scopes only narrow what a token may do."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions, permissions, throttling
from rest_framework.settings import api_settings

from hague_portal.accounts.models import FirmMembership, FirmRole

from .models import ApiToken, Scope

TOKEN_START = "hp_"
EXPIRY_DAYS_MAX = 365
LAST_USED_EVERY = timedelta(minutes=1)  # write last_used_at at most this often


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, user, name: str, scopes, expires_in_days: int) -> tuple[ApiToken, str]:
    """The row and the token in clear, which is never stored and never shown again."""
    scopes = sorted(set(scopes))
    errors = {}
    if not name.strip():
        errors["name"] = "Name the token (e.g. the system that will use it)."
    if not scopes or not set(scopes) <= set(Scope.values):
        errors["scopes"] = f"Choose at least one of: {', '.join(Scope.values)}."
    if not 1 <= expires_in_days <= EXPIRY_DAYS_MAX:
        errors["expires_in_days"] = f"Choose between 1 and {EXPIRY_DAYS_MAX} days."
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(6)
    token = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=prefix,
        token_sha256=token_hash(token),
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=expires_in_days),
    )
    return row, token


def tokens_visible_to(*, user):
    """The user's own tokens and, for a firm admin, those of the firm's members."""
    admin_of = FirmMembership.objects.filter(user=user, role=FirmRole.ADMIN).values("firm_id")
    members = FirmMembership.objects.filter(firm_id__in=admin_of).values("user_id")
    return (
        ApiToken.objects.filter(Q(user=user) | Q(user_id__in=members))
        .select_related("user", "revoked_by")
        .order_by("revoked_at", "-created_at")
    )


def token_revoke(*, token: ApiToken, by) -> ApiToken:
    if not tokens_visible_to(user=by).filter(pk=token.pk).exists():
        raise PermissionDenied("You may not revoke this token.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    token.refresh_from_db()
    return token


# --- authentication ------------------------------------------------------------------------------


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """401 with a message that says what is wrong: malformed, unknown, revoked or expired."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0] != self.keyword or not parts[1].startswith(TOKEN_START):
            raise exceptions.AuthenticationFailed(
                "Send the token as 'Authorization: Bearer hp_…' (one header, one token)."
            )
        return self._check(parts[1])

    def _check(self, token: str):
        prefix = token[len(TOKEN_START) :].split("_", 1)[0]
        row = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if row is None or not hmac.compare_digest(row.token_sha256, token_hash(token)):
            raise exceptions.AuthenticationFailed("Unknown token.")
        now = timezone.now()
        if row.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This token was revoked.")
        if row.expires_at <= now:
            raise exceptions.AuthenticationFailed("This token has expired; create a new one.")
        if not row.user.is_active:
            raise exceptions.AuthenticationFailed("The token's owner account is inactive.")
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user, row

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class HasScope(permissions.BasePermission):
    """The view names the scope each method needs (`scopes = {"GET": "read", ...}`)."""

    message = "This token lacks the scope this request needs."

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        needed = view.scopes.get(request.method, Scope.READ)
        if not isinstance(request.auth, ApiToken):
            return True  # a portal session (the docs' "Try it out"): the user's own rights
        if needed not in request.auth.scopes:
            self.message = f"This token lacks the '{needed}' scope this request needs."
            return False
        return True


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """API_TOKEN_RATE requests per token (a portal session, the docs' "Try it out": per user).
    The counters live in the cache: while Redis is down they are not kept and requests go
    through (settings.CACHES), as for the public API's limit."""

    scope = "token"

    def get_rate(self):
        # Read per request: DRF's class attribute freezes the rates at import time.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}
