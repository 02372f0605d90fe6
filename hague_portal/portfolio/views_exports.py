"""The workbench's exports: the CSV streamed as it is read; the XLSX asked for, written by a job
(services_exports), its progress shown (htmx polls one export's row) and downloaded by the
user who asked, and nobody else (404)."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from . import exports, services_exports
from .forms import WorkbenchFilterForm
from .models import ExportStatus
from .selectors import applications_filtered, export_of_user, exports_recent
from .selectors_export import applications_export


@login_required
@require_GET
def export(request):
    """The filtered list as CSV, every row, streamed: the first bytes leave at once and the
    worker holds one chunk of rows at a time."""
    filters = WorkbenchFilterForm(request.GET or None).filters()
    rows = applications_filtered(user=request.user, filters=filters)
    chunks = _in_language(
        translation.get_language(),
        exports.csv_chunks(applications_export(rows=rows, filters=filters)),
    )
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    return response


def _in_language(language, chunks):
    # The chunks are written after the view has returned, as the server sends them.
    chunks = iter(chunks)
    while True:
        with translation.override(language):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


@login_required
@require_http_methods(["GET", "POST"])
def exports_view(request):
    """GET: the user's exports with their progress. POST: ask for the XLSX of the workbench's
    list with the filters in `query` (the workbench's GET query)."""
    if request.method == "POST":
        query = request.POST.get("query", "")
        filters = WorkbenchFilterForm(QueryDict(query) or None).filters()
        services_exports.export_request(
            user=request.user, filters=filters, language=translation.get_language()
        )
        if request.htmx:
            return _panel(request)
        messages.success(
            request,
            gettext("The spreadsheet is being written; it is listed under Your exports."),
        )
        return redirect(reverse("workbench") + ("?" + query if query else ""))
    return render(request, "portfolio/exports.html", _exports_context(request))


def _panel(request):
    return render(request, "portfolio/_exports.html", _exports_context(request))


def _exports_context(request) -> dict:
    return {
        "exports": exports_recent(user=request.user),
        "keep_days": services_exports.EXPORT_KEEP_DAYS,
    }


@login_required
@require_GET
def export_status(request, export_id):
    """One export's row (htmx polls it while the job runs)."""
    found = export_of_user(user=request.user, export_id=export_id)
    if found is None:
        raise Http404("No such export.")
    return render(request, "portfolio/_export.html", {"export": found})


@login_required
@require_GET
def export_download(request, export_id):
    found = export_of_user(user=request.user, export_id=export_id)
    if found is None or found.status != ExportStatus.DONE or not found.file:
        raise Http404("No such export.")
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=os.path.basename(found.file.name),
        content_type=services_exports.MEDIA_TYPE,
    )
