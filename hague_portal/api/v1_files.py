"""The token API's views of a draft's files (issue 13, issue 19): reproductions (item 10) and
annex documents (Annexes I-V, power of attorney). Listed, uploaded, changed and deleted as the
wizard's Reproductions and Documents pages do, through the same services (filings.uploads).

As in the wizard, a file operation leaves the draft's `version` alone. The draft's document
shows the files in place (GET /drafts/<id>/), and a PUT or PATCH of its `designs` may place
the reproductions too (filings.document_extras).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from hague_portal.filings import uploads
from hague_portal.filings.models import Attachment, DraftStatus, Reproduction
from hague_portal.filings.selectors import draft_get_for_user
from hague_portal.filings.services import DraftError
from hague_portal.lib.json_input import JsonTooDeep, json_loads

from . import adapters, presenters
from .models import Scope
from .parsers import JSONParser, too_deep_error
from .v1 import ApiError, V1View, _editable_draft, _validation_errors, error


def _draft_files_for_edit(request, draft_id):
    """404 if the owner may not see the draft, 403 if only read it, 409 once submitted."""
    draft = _editable_draft(request, draft_id)
    if draft.status != DraftStatus.DRAFT:
        raise DraftError(gettext("This application was submitted and can no longer be changed."))
    return draft


def _reproduction(draft, reproduction_id) -> Reproduction:
    row = Reproduction.objects.filter(draft=draft, pk=reproduction_id).first()
    if row is None:
        raise Http404("No such reproduction.")
    return row


def _attachment(draft, attachment_id) -> Attachment:
    row = Attachment.objects.filter(draft=draft, pk=attachment_id).first()
    if row is None:
        raise Http404("No such document.")
    return row


class ReproductionsView(V1View):
    scopes = {"GET": Scope.READ, "POST": Scope.DRAFT}
    parser_classes = (MultiPartParser,)

    def get(self, request, draft_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        return Response({"results": presenters.reproductions(draft)})

    def post(self, request, draft_id):
        draft = _editable_draft(request, draft_id)
        design = request.data.get("design_number")
        design_number = uploads._as_int(design) if design not in (None, "") else None
        if design not in (None, "") and design_number is None:
            raise ApiError(400, [error("design_number", "a design number (1, 2 ...)")])
        files = request.FILES.getlist("files")
        if not files:
            raise ApiError(400, [error("files", "choose one or more JPEG or TIFF files")])
        accepted, rejected = [], []
        for index, upload in enumerate(files):  # one call per file: its error keeps its index
            try:
                good, bad = uploads.reproductions_upload(
                    draft=draft, user=request.user, files=[upload], design_number=design_number
                )
            except ValidationError as exc:
                raise ApiError(400, _validation_errors(exc, "design_number.")) from None
            accepted += good
            rejected += [error(f"files[{index}]", f"{name}: {why}") for name, why in bad]
        shown = {row["id"]: row for row in presenters.reproductions(draft)}
        body = {"accepted": [shown[r.pk] for r in accepted]}
        if rejected:
            raise ApiError(400, rejected, **body)
        return Response(body, status=status.HTTP_201_CREATED)


class ReproductionDetailView(V1View):
    scopes = {"GET": Scope.READ, "PATCH": Scope.DRAFT, "DELETE": Scope.DRAFT}

    def get(self, request, draft_id, reproduction_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        row = _reproduction(draft, reproduction_id)
        return Response(presenters.reproduction_of(draft, row.pk))

    def patch(self, request, draft_id, reproduction_id):
        draft = _draft_files_for_edit(request, draft_id)
        row = _reproduction(draft, reproduction_id)
        adapters.reproduction_update(reproduction=row, user=request.user, data=self.body(request))
        return Response(presenters.reproduction_of(draft, row.pk))

    def delete(self, request, draft_id, reproduction_id):
        draft = _draft_files_for_edit(request, draft_id)
        uploads.reproduction_delete(
            reproduction=_reproduction(draft, reproduction_id), user=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AttachmentsView(V1View):
    scopes = {"GET": Scope.READ, "POST": Scope.DRAFT}
    parser_classes = (MultiPartParser,)

    def get(self, request, draft_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        rows = draft.attachments.order_by("kind", "uploaded_at", "id")
        return Response({"results": [presenters.attachment(row) for row in rows]})

    def post(self, request, draft_id):
        draft = _editable_draft(request, draft_id)
        upload = request.FILES.get("file")
        if upload is None:
            raise ApiError(400, [error("file", "choose a PDF file")])
        details = request.data.get("details") or "{}"
        try:
            details = json_loads(details)
        except JsonTooDeep as exc:
            path = "details" + (f".{exc.path}" if exc.path[:1] not in ("", "[") else exc.path)
            raise ApiError(400, [error(path, too_deep_error(exc).errors[0].message)]) from None
        except ValueError:
            raise ApiError(400, [error("details", "a JSON object")]) from None
        if not isinstance(details, dict):
            raise ApiError(400, [error("details", "a JSON object")])
        try:
            attachment = uploads.attachment_upload(
                draft=draft,
                user=request.user,
                kind=request.data.get("kind") or "",
                file=upload,
                details=details,
            )
        except ValidationError as exc:
            raise ApiError(400, _attachment_errors(exc)) from None
        return Response(presenters.attachment(attachment), status=status.HTTP_201_CREATED)


def _attachment_errors(exc: ValidationError) -> list:
    """The upload service names the wizard's fields; the API's are `kind`, `file` and the keys
    of `details` (the wizard's "declaration_kind" is `details.kind`)."""
    renamed = {"kind": "kind", "file": "file", "declaration_kind": "details.kind"}
    return [
        error(renamed.get(e.path, f"details.{e.path}" if e.path else ""), e.message)
        for e in _validation_errors(exc)
    ]


class AttachmentDetailView(V1View):
    scopes = {"GET": Scope.READ, "DELETE": Scope.DRAFT}
    parser_classes = (JSONParser,)

    def get(self, request, draft_id, attachment_id):
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        return Response(presenters.attachment(_attachment(draft, attachment_id)))

    def delete(self, request, draft_id, attachment_id):
        draft = _draft_files_for_edit(request, draft_id)
        uploads.attachment_delete(attachment=_attachment(draft, attachment_id), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
