import logging

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hague_portal.celery import app as celery_app
from hague_portal.portfolio.views import workbench

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


@require_GET
@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
    checks["pages"] = _pages_ok(request)
    body["pages"] = "ok" if checks["pages"] else "cannot render"
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **body}
    return JsonResponse(body, status=200 if healthy else 503)


def home(request):
    """`/`: visitors learn what the portal is for; signed-in users get their workbench."""
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return workbench(request)  # hague_portal.portfolio (issue 10)
