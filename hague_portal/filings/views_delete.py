"""Deleting a draft: a confirmation page (GET) and the deletion (POST), for those who may."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from . import deletion
from .models import DraftStatus
from .selectors import draft_get_for_user


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, draft_id):
    """404 for anyone who may not see the draft; 403 with the reason for those who may see it
    but not delete it (a viewer, a client's user it is shared with, staff, a filed one)."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    refusal = deletion.draft_delete_refusal(user=request.user, draft=draft)
    if refusal:
        return _page(request, draft, refusal=refusal, status=403)
    if request.method == "GET":
        return _page(request, draft)
    try:
        deletion.draft_delete(draft=draft, user=request.user)
    except (PermissionDenied, deletion.DraftKept) as exc:  # changed since the page was read
        return _page(request, draft, refusal=str(exc), status=403)
    messages.success(
        request,
        gettext("Deleted the draft “%(draft)s” with its reproductions and documents.")
        % {"draft": draft},
    )
    return redirect("workbench")


def _page(request, draft, *, refusal="", status=200):
    context = {
        "draft": draft,
        "refusal": refusal,
        "reproductions": draft.reproductions.count(),
        "documents": draft.attachments.count(),
        "shared_with": list(draft.shares.values_list("email", flat=True)),
        "filed": getattr(draft, "submission", None) if draft.status != DraftStatus.DRAFT else None,
    }
    return render(request, "filings/delete.html", context, status=status)
