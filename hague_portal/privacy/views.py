"""Your account and your data: the account page, the download of one's data, deleting the
account (a confirmation page asking for the password; POST only deletes)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from hague_portal.accounts.selectors_firm import firms_of

from . import services
from .export import account_export_filename, account_export_stream
from .forms import AccountDeleteForm
from .selectors import account_applications, account_deletion_blockers, account_drafts


@login_required
@require_GET
def home(request):
    user = request.user
    context = {
        "drafts": account_drafts(user=user).count(),
        "applications": account_applications(user=user).count(),
        "firms": firms_of(user=user),
        "blockers": account_deletion_blockers(user=user),
    }
    return render(request, "privacy/home.html", context)


@login_required
@require_GET
def export(request):
    """The ZIP, written while it is sent (privacy.export): no file is held whole in memory."""
    response = StreamingHttpResponse(
        account_export_stream(user=request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{account_export_filename()}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    blockers = account_deletion_blockers(user=request.user)
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except services.AccountKept as exc:  # something changed since the checks above
            blockers = exc.reasons
        else:
            logout(request)
            messages.success(
                request,
                gettext("Your account was deleted and you are signed out everywhere."),
            )
            return redirect("workbench")
    status = 409 if blockers and request.method == "POST" else 400 if form.errors else 200
    context = {
        "form": form,
        "blockers": blockers,
        "drafts": account_drafts(user=request.user).filter(client=None).count(),
        "firms": firms_of(user=request.user),
    }
    return render(request, "privacy/delete.html", context, status=status)
