"""The workbench (`/` for signed-in users), the client suggestions, the deadlines page, the
calendar feed and the bulk actions (the exports: views_exports)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from hague_portal.accounts.selectors import clients_visible_to, user_is_representative
from hague_portal.filings.deletion import drafts_deletable_by
from hague_portal.filings.selectors import clients_fileable_by

from . import services
from .forms import PAGE_SIZES, WorkbenchFilterForm
from .ical import calendar_host, calendar_ics
from .models import CalendarToken
from .selectors import (
    SORTS,
    TABS,
    Filters,
    applications_filtered,
    applications_page,
    applications_tab_counts,
    clients_suggested,
    exports_recent,
)
from .selectors_deadlines import deadlines_page, deadlines_window
from .services_exports import EXPORT_KEEP_DAYS

CLIENTS_SHOWN = 20


@login_required
@require_GET
def workbench(request):
    """The list at once; the counts per tab follow from `counts` (htmx, on load): counting a
    portfolio of 100,000 applications is the slow part of the page."""
    form = WorkbenchFilterForm(request.GET or None)
    filters = form.filters()
    rows = applications_filtered(user=request.user, filters=filters)
    listed = applications_page(
        rows=rows, filters=filters, page=form.page_number(), per_page=form.page_size()
    )
    clients = list(clients_visible_to(user=request.user).order_by("name")[: CLIENTS_SHOWN + 1])
    query = _query(request, drop=("page",))
    context = {
        **_tabs_context(request, filters, counts=None),
        "form": form,
        "sorts": SORTS,
        "rows": listed.rows,
        "deletable": drafts_deletable_by(
            user=request.user, drafts=[row.draft for row in listed.rows]
        ),
        "page": listed,
        "per_page": listed.per_page,
        "page_sizes": PAGE_SIZES,
        "query": query,
        "page_link": "?" + (query + "&" if query else "") + "page=",
        "filtered": filters
        != Filters(tab=filters.tab, sort=filters.sort, date_field=filters.date_field),
        # The firm's clients below the list, while few (the firm's page lists them all).
        "clients": clients[:CLIENTS_SHOWN],
        "clients_more": len(clients) > CLIENTS_SHOWN,
        "exports": exports_recent(user=request.user),
        "keep_days": EXPORT_KEEP_DAYS,
        "is_representative": user_is_representative(user=request.user),
        "may_file_for_clients": clients_fileable_by(user=request.user).exists(),
    }
    return render(request, "portfolio/workbench.html", context)


@login_required
@require_GET
def client_suggestions(request):
    """The clients whose name contains ?q= (JSON), for the client boxes' autocomplete:
    ?for=file, those the user may file for (New application, Import); otherwise those of the
    user's firms (the workbench's filter)."""
    if request.GET.get("for") == "file":
        clients = clients_fileable_by(user=request.user)
    else:
        clients = clients_visible_to(user=request.user).order_by()
    found = clients_suggested(clients=clients, text=request.GET.get("q", "")[:200])
    return JsonResponse(
        {"clients": [{"id": c.pk, "name": c.name, "firm": c.firm.name} for c in found]}
    )


@login_required
@require_GET
def counts(request):
    """The tabs with the number of applications in each (same filters), in one grouped query."""
    filters = WorkbenchFilterForm(request.GET or None).filters()
    rows = applications_filtered(user=request.user, filters=filters)
    tab_counts = applications_tab_counts(rows=rows)
    return render(request, "portfolio/_tabs.html", _tabs_context(request, filters, tab_counts))


def _tabs_context(request, filters, counts) -> dict:
    return {
        "filters": filters,
        "tabs": [(key, label, counts[key] if counts else None) for key, label, _ in TABS],
        "counted": counts is not None,
        "query_without_tab": _query(request, drop=("page", "tab")),
        "query_for_counts": _query(request, drop=("page",)),
    }


def _query(request, *, drop) -> str:
    """The current GET query without `drop`, for links that keep the filters."""
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


@login_required
@require_POST
def bulk(request):
    try:
        ids = [uuid.UUID(value) for value in request.POST.getlist("application")]
    except ValueError as exc:
        raise Http404("No such application.") from exc
    back = reverse("workbench") + ("?" + request.POST["query"] if request.POST.get("query") else "")
    action = request.POST.get("action")
    if action == "renew":  # one payment for the registrations selected (views_renewals)
        return redirect(reverse("portfolio:renewals") + "?" + _ids_query(ids))
    try:
        if action == "duplicate":
            copies = services.applications_duplicate(user=request.user, draft_ids=ids)
            messages.success(request, _copied(len(copies)))
            return redirect(back)
        if action == "documents":
            archive = services.applications_documents_zip(user=request.user, draft_ids=ids)
            return FileResponse(archive, as_attachment=True, filename="applications-documents.zip")
    except services.BulkError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    raise Http404("No such action.")


def _ids_query(ids) -> str:
    params = QueryDict(mutable=True)
    params.setlist("application", [str(i) for i in ids])
    return params.urlencode()


def _copied(n: int) -> str:
    return ngettext(
        "Copied as a new draft (without reproductions and annexes), listed under Drafts.",
        "Copied as %(count)d new drafts (without reproductions and annexes), listed under Drafts.",
        n,
    ) % {"count": n}


@login_required
@require_GET
def deadlines(request):
    listed = deadlines_page(user=request.user, page=_page_number(request))
    context = {
        "deadlines": listed.deadlines,
        "page": listed,
        "page_link": "?page=",
        "calendar": CalendarToken.objects.filter(user=request.user).first(),
    }
    return render(request, "portfolio/deadlines.html", context)


def _page_number(request) -> int:
    try:
        return min(max(int(request.GET.get("page", 1)), 1), 100_000)
    except ValueError:
        return 1


@login_required
@require_POST
def calendar_reset(request):
    token = services.calendar_token_reset(user=request.user)
    url = request.build_absolute_uri(reverse("portfolio:calendar", args=[token]))
    # Shown once: only the token's digest is stored.
    messages.success(
        request,
        gettext("Your calendar link (copy it now, it is shown only once): %(url)s") % {"url": url},
    )
    return redirect("portfolio:deadlines")


@login_required
@require_POST
def calendar_revoke(request):
    services.calendar_token_revoke(user=request.user)
    messages.success(request, gettext("The calendar link no longer works."))
    return redirect("portfolio:deadlines")


@require_GET
@never_cache
def calendar(request, token):
    """The feed calendar apps poll: no login, the secret link is the key."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token_sha256=services.token_digest(token), user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404("No such calendar.")
    # No session here: the events are in the user's chosen language, else the calendar app's.
    with translation.override(found.user.language or translation.get_language()):
        body = calendar_ics(deadlines_window(user=found.user), host=calendar_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hague-time-limits.ics"'
    return response
