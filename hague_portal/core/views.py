import hmac
import logging

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from prometheus_client import CONTENT_TYPE_LATEST

from hague_portal.accounts.services import user_language_set
from hague_portal.celery import app as celery_app
from hague_portal.portfolio.views import workbench
from hague_portal.submissions.selectors import job_oldest_waiting_seconds

from .metrics import metrics_exposition
from .selectors import beat_state

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "unreachable"
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001
        return False


def _pages_ok(request) -> bool:
    # A real page through the site layout: {% static %} fails without the collectstatic manifest
    # (DEBUG off), which turns every HTML page into a 500 while database and broker are fine.
    try:
        render_to_string("core/landing.html", request=request)
        return True
    except Exception:  # noqa: BLE001 - whatever stops a page rendering
        logger.exception("healthz: pages cannot render")
        return False


def _background(database_ok: bool) -> tuple[bool, dict]:
    """beat (read from the database, so known while Redis is down) and the job queue."""
    if not database_ok:
        return True, {"beat": "unknown"}  # the database's failure already says 503
    now = timezone.now()
    state, age = beat_state(now=now)
    return state == "ok", {
        "beat": state,
        "beat_last_sent_seconds": age,
        "beat_max_silence_seconds": int(settings.BEAT_MAX_SILENCE_SECONDS),
        "oldest_waiting_job_seconds": job_oldest_waiting_seconds(now=now),
    }


@require_GET
@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
    checks["pages"] = _pages_ok(request)
    body["pages"] = "ok" if checks["pages"] else "cannot render"
    checks["beat"], background = _background(checks["database"])
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **body, **background}
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
@never_cache
def metrics(request):
    """Prometheus metrics (metrics.py) for a scraper holding METRICS_TOKEN; no token set: 404.

    Only the token opens it: the figures (queue lengths, e-mails failing) are no one else's."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404("No metrics here.")
    given = request.headers.get("Authorization", "").encode()
    if not hmac.compare_digest(given, f"Bearer {token}".encode()):
        response = HttpResponse(
            "A bearer token is needed.\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_exposition(), content_type=CONTENT_TYPE_LATEST)


def home(request):
    """`/`: visitors learn what the portal is for; signed-in users get their workbench."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    if request.user.office_id:  # the Office of a designated party (issue 22): its own home
        return redirect("office:registrations")
    return workbench(request)  # hague_portal.portfolio (issue 10)


@require_GET
def accessibility(request):
    """The accessibility statement (issue 12): the WCAG target, how it is tested, the known
    limitations and whom to write to (CONTACT_EMAIL when the operator sets one)."""
    contact = getattr(settings, "CONTACT_EMAIL", "")
    return render(request, "core/accessibility.html", {"contact_email": contact})


LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # a year: the choice outlives the session


@require_POST
def language(request):
    """The language switcher (issue 12): the cookie for this browser and, when signed in, the
    account (so the choice follows the user to another browser); then back to the page."""
    next_url = _safe_next(request, request.POST.get("next", ""))
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        messages.error(
            request, _("Choose one of the languages offered: English, French or Spanish.")
        )
        return redirect(next_url)
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=code)
    return response


def _safe_next(request, url: str) -> str:
    """Only a page of this portal: a `next` pointing elsewhere would make the switcher an open
    redirect."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else "/"
