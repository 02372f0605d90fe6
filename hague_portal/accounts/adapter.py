"""django-allauth's account adapter: failed sign-ins throttled per account *and* address.

allauth counts failed sign-ins under ACCOUNT_RATE_LIMITS["login_failed"]: per client address
("ip", whatever the account) and per "key", which allauth makes of the e-mail alone, so anyone
could lock a user out by failing five times. The key here is the e-mail and the client address
(allauth's own, from TRUSTED_PROXY_COUNT): an attacker slows down only itself, and the owner
signing in from elsewhere gets in at once. The growing delays are allauth's rates (settings);
the message says when to try again.

Its e-mails name the portal: allauth greets with the current site's name, which without
django.contrib.sites is the server's address (RequestSite); `send_mail` gives them "Hague Portal"
in the reader's language, and the address the request came to.
"""

from __future__ import annotations

import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": portal_site(self.request)}
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{ratelimit.get_ip(request)}"

    def save_user(self, request, user, form, commit=True):
        """A new account keeps the language chosen with the switcher before signing up (its
        cookie; issue 20). The browser's Accept-Language is not a choice: left blank."""
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen in dict(settings.LANGUAGES):
            user.language = chosen
        return super().save_user(request, user, form, commit=commit)

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            key = self._get_login_attempts_cache_key(request, **credentials)
            wait = login_wait_seconds(request, key=key)
            raise ValidationError(login_wait_message(wait), code=exc.code) from exc


def portal_site(request) -> RequestSite:
    """The site allauth's e-mails name: the portal (not the host name), at the request's host."""
    site = RequestSite(request)
    site.name = gettext("Hague Portal")
    return site


def login_wait_seconds(request, *, key: str) -> int:
    """Seconds until the failed-sign-in rates (allauth's histories in the cache) let this
    address try this account again: the latest moment one of the full windows frees up."""
    now, wait = time.time(), 0.0
    for rate in ratelimit.get_rates(app="allauth.account", action="login_failed"):
        cache_key = ratelimit.get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        history = [at for at in cache.get(cache_key, []) if at > now - rate.duration]
        if len(history) >= rate.amount:  # newest first: the amount-th newest must leave it
            wait = max(wait, history[rate.amount - 1] + rate.duration - now)
    return max(1, math.ceil(wait))


def login_wait_message(seconds: int) -> str:
    if seconds < 60:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return gettext("Too many failed sign-in attempts from your address. Try again in %(wait)s.") % {
        "wait": wait
    }
