import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hague_portal.accounts.selectors import clients_visible_to, user_is_representative
from hague_portal.celery import app as celery_app

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
    return workbench(request)


@login_required
def workbench(request):
    from hague_portal.filings.selectors import clients_fileable_by, drafts_visible_to
    from hague_portal.submissions.selectors import submissions_on_workbench

    context = {
        "clients": clients_visible_to(user=request.user),
        "drafts": drafts_visible_to(user=request.user),
        # The way back to what was filed: number, receipt, status, payment (issue 8).
        "submissions": submissions_on_workbench(user=request.user),
        # Representatives choose the client they file for (only clients they may file for).
        "fileable_clients": list(clients_fileable_by(user=request.user)),
        "is_representative": user_is_representative(user=request.user),
    }
    return render(request, "core/workbench.html", context)
