"""The applicant's side of the examination: respond online to an invitation, and the invitation's
letter. Both read the submission via `submission_get_for_user` (404 for anyone who may not see
it); responding also needs `submission_may_file` (403 for viewers and staff, who may read)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from .forms import ResponseForm, WithdrawForm
from .models import Invitation
from .responses import (
    document_base,
    document_corrected,
    document_errors,
    response_files_delete,
    response_files_store,
    revision_next,
)
from .selectors import (
    countdown,
    examination_for_submission,
    file_entry,
    invitation_is_answerable,
    open_irregularities,
)
from .services import (
    ExaminationError,
    application_withdraw,
    response_submit,
    withdrawal_refused,
)


def _invitation(request, number, sequence):
    submission = submission_get_for_user(number=number, user=request.user)
    examination = examination_for_submission(submission)
    invitation = get_object_or_404(
        Invitation.objects.prefetch_related("irregularities"),
        examination=examination,
        sequence=sequence,
    )
    return submission, examination, invitation


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def respond(request, number, sequence):
    submission, examination, invitation = _invitation(request, number, sequence)
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only the applicant or its representative may respond."))
    refused = invitation_is_answerable(invitation, examination)
    irregularities = open_irregularities(invitation)
    document = document_base(examination)
    form = ResponseForm(
        request.POST or None,
        request.FILES or None,
        irregularities=irregularities,
        document=document,
    )
    if form.payment_only and not refused:
        refused = _(
            "Paying the amount missing remedies this irregularity: there is nothing to send."
        )
    if request.method == "POST" and not refused and form.is_valid():
        response = _send(request, form, submission, examination, invitation, document)
        if response is not None:
            messages.success(
                request,
                _(
                    "Response sent: revision %(revision)s, SHA-256 %(sha256)s. The "
                    "International Bureau will examine it."
                )
                % {"revision": response.revision, "sha256": response.document_sha256},
            )
            return redirect("submissions:detail", number=submission.number)
    context = {
        "submission": submission,
        "examination": examination,
        "invitation": invitation,
        "form": form,
        "refused": refused,
        "countdown": countdown(invitation.time_limit),
        "files_to_choose_again": request.method == "POST" and bool(request.FILES),
    }
    return render(request, "examination/respond.html", context, status=200)


def _send(request, form, submission, examination, invitation, document):
    """Check the corrected document, store the files, hand them to the service; on any refusal
    the form shows why and nothing stays stored."""
    corrections = form.corrections
    errors = document_errors(document_corrected(document, corrections, []), document)
    if errors:
        form.add_document_errors(errors)
        return None
    files = response_files_store(
        submission=submission, revision=revision_next(examination), corrections=corrections
    )
    try:
        return response_submit(
            invitation=invitation,
            user=request.user,
            message=form.cleaned_data.get("message") or "",
            document=document_corrected(document, corrections, files),
            files=files,
        )
    except ExaminationError as exc:
        response_files_delete(files)
        form.add_error(None, str(exc))
    except BaseException:
        response_files_delete(files)
        raise
    return None


IMAGE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "tif": "image/tiff",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def stored_file(request, number, sha256):
    """A reproduction or document of the application, as filed or sent in a response, for those
    who may see the application (the respond form shows the view being replaced)."""
    from django.core.files.storage import default_storage

    submission = submission_get_for_user(number=number, user=request.user)
    entry = file_entry(submission=submission, sha256=sha256)
    if entry is None:
        raise Http404("No such file in this application.")
    extension = entry["path"].rsplit(".", 1)[-1].lower()
    return FileResponse(
        default_storage.open(entry["path"], "rb"),
        content_type=IMAGE_TYPES.get(extension, "application/octet-stream"),
    )


@login_required
@require_GET
def letter(request, number, sequence):
    """The invitation's PDF letter, for those who may see the application."""
    submission, _, invitation = _invitation(request, number, sequence)
    if not invitation.letter_pdf:
        raise Http404("This letter is not ready.")
    return FileResponse(
        invitation.letter_pdf.open("rb"),
        as_attachment=True,
        filename=f"{submission.number}-invitation-{invitation.sequence}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def withdraw(request, number):
    """Withdraw the application before it is registered: a page that says what follows, and
    asks for the application number typed as confirmation (checked on the server)."""
    submission = submission_get_for_user(number=number, user=request.user)
    examination = examination_for_submission(submission)
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only the applicant or its representative may withdraw."))
    refused = withdrawal_refused(examination=examination, user=request.user)
    form = WithdrawForm(request.POST or None, number=submission.number)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            application_withdraw(examination=examination, by=request.user)
        except ExaminationError as exc:
            refused = str(exc)
        else:
            messages.success(
                request,
                _(
                    "Application %(number)s is withdrawn. It will not be registered or "
                    "published; the refund is on its way."
                )
                % {"number": submission.number},
            )
            return redirect("submissions:detail", number=submission.number)
    context = {
        "submission": submission,
        "examination": examination,
        "form": form,
        "refused": refused,
        "refund": _refund_expected(examination),
    }
    return render(request, "examination/withdraw.html", context)


def _refund_expected(examination):
    from .services.deadlines import refund_due

    return refund_due(examination)
