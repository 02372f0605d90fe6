"""`file`: the only way a stored file (reproduction, thumbnail, annex PDF) leaves the server."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ..models import Attachment, Reproduction
from ..selectors import draft_get_for_user


@login_required
@require_GET
def file(request, draft_id, kind, pk):
    """A stored file, for whoever may read the draft (404 for anyone else; never MEDIA_URL)."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if kind == "attachment":
        attachment = get_object_or_404(Attachment, draft=draft, pk=pk)
        # Sent as a download: a PDF is the applicant's document, not ours to render inline.
        return _file_response(
            attachment.file, "application/pdf", attachment.original_name, download=True
        )
    if kind not in ("reproduction", "thumbnail"):
        raise Http404("No such file.")
    reproduction = get_object_or_404(Reproduction, draft=draft, pk=pk)
    if kind == "thumbnail":
        return _file_response(reproduction.thumbnail, "image/jpeg", None)
    content_type = "image/tiff" if reproduction.extension == "tif" else "image/jpeg"
    stem = reproduction.original_name.rsplit(".", 1)[0] or "reproduction"
    return _file_response(reproduction.file, content_type, f"{stem}.{reproduction.extension}")


def _file_response(field, content_type, filename, *, download=False):
    if not field:
        raise Http404("No such file.")
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download, filename=filename or ""
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
