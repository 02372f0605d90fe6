"""The applicant side of the correspondence: write to the International Bureau about an
application, and download a message's attachment. Both read the submission through
`submission_get_for_user` (404 for anyone who may not see it); writing also needs
`submission_may_file` (403 for viewers and staff, who read: staff answer in the admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from .forms import MessageForm
from .selectors import message_file_get_for_user
from .services import message_send


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def write(request, number):
    submission = submission_get_for_user(number=number, user=request.user)
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only the applicant or its representative may write."))
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send(
                submission=submission,
                user=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Message sent to the International Bureau. Its answer will reach your inbox."),
            )
            url = reverse("submissions:detail", args=[submission.number])
            return redirect(f"{url}#correspondence")
    context = {
        "submission": submission,
        "form": form,
        # A browser does not keep chosen files across a refused post: say so.
        "files_to_choose_again": request.method == "POST" and bool(request.FILES),
    }
    return render(request, "correspondence/write.html", context)


@login_required
@require_GET
def attachment(request, number, message_id, file_id):
    found = message_file_get_for_user(
        number=number, message_id=message_id, file_id=file_id, user=request.user
    )
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
