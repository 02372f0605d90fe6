"""Thin adapters over other apps' selectors and services for what the API needs and the portal
has no function for (a draft's deletion, one invitation by its number, a document by its name).
Each asks the same access question as the portal pages do."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from hague_portal.filings import deletion, uploads
from hague_portal.filings.document_extras import legend_strict
from hague_portal.filings.models import Attachment
from hague_portal.filings.services import DraftError
from hague_portal.submissions.selectors import (
    submission_get_for_user,
    submission_may_file,
    submissions_visible_to,
)

from .webhooks import webhooks_visible_to

# The portal's download names (submissions.views.DOWNLOADS): field and file label.
DOCUMENTS = {"dm1": ("dm1_pdf", "DM1"), "acknowledgement": ("receipt_pdf", "acknowledgement")}


def draft_delete(*, draft, user) -> None:
    """As on the portal (filings.deletion): who may file it deletes it, with its files; a filed
    one is kept (409)."""
    try:
        deletion.draft_delete(draft=draft, user=user)
    except deletion.DraftKept as exc:
        raise DraftError(str(exc)) from None


# What a reproduction's PATCH may change: its design, its place in it and its legend (item 10).
REPRODUCTION_FIELDS = ("design_number", "position", "legend_code", "legend_text")


def reproduction_update(*, reproduction, user, data: dict):
    """Move a reproduction to a design (null: the unassigned images), to a position in its
    design (1: first) or give it a legend, with the wizard's services; every refused field at
    once (ValidationError by field), nothing changed then."""
    errors = {
        key: gettext("Unknown field: send %(fields)s.") % {"fields": ", ".join(REPRODUCTION_FIELDS)}
        for key in data
        if key not in REPRODUCTION_FIELDS
    }
    design = _design_change(reproduction, data, errors)
    position = _position_change(data, errors)
    legend = _legend_change(reproduction, data, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if "design_number" in data:
            uploads.reproduction_assign(reproduction=reproduction, user=user, design_number=design)
        if position is not None:
            uploads.reproduction_move(reproduction=reproduction, user=user, position=position)
        if legend is not None:
            code, text = legend
            uploads.reproduction_set_legend(
                reproduction=reproduction, user=user, code=code, text=text
            )
    return reproduction


def _design_change(reproduction, data, errors):
    design = data.get("design_number")
    if design is None:
        return None
    if type(design) is not int or design not in uploads.draft_design_numbers(reproduction.draft):
        errors["design_number"] = gettext(
            "Name a design of this application (%(numbers)s), or null for the unassigned images."
        ) % {"numbers": ", ".join(map(str, uploads.draft_design_numbers(reproduction.draft)))}
    return design


def _position_change(data, errors):
    position = data.get("position")
    if position is not None and (type(position) is not int or position < 1):
        errors["position"] = gettext("A place in the design: 1 for the first view, 2 ...")
    return position


def _legend_change(reproduction, data, errors):
    """(code, text) to set, None when neither is sent. A code sent alone drops the text of
    code 00; a text sent alone keeps the code."""
    if not any(key in data for key in ("legend_code", "legend_text")):
        return None
    code = data.get("legend_code", reproduction.legend_code)
    kept_text = reproduction.legend_text if code == uploads.OTHER_LEGEND_CODE else ""
    try:
        return legend_strict(code, data.get("legend_text", kept_text))
    except ValidationError as exc:
        errors.update({key: " ".join(messages) for key, messages in exc.message_dict.items()})
        return None


def applications_for(*, user):
    return (
        submissions_visible_to(user=user)
        .select_related("examination", "client")
        .order_by("-received_at", "-pk")
    )


def submission_for(*, user, number: str):
    return submission_get_for_user(number=number, user=user)


def submission_document(*, submission, document: str):
    if document not in DOCUMENTS:
        raise Http404("No such document: ask for dm1 or acknowledgement.")
    field, label = DOCUMENTS[document]
    file = getattr(submission, field)
    if not file:
        raise Http404("This document is not ready yet.")
    return file, f"{submission.number}-{label}.pdf"


def response_submit(
    *, submission, user, sequence: int, message: str, document: dict | None, uploads=None
):
    """A response to the open invitation `sequence` (examination.services.response_submit), with
    the replacement files `uploads` ({"reproduction_<number>": file, "attachment": file,
    "attachment_kind": kind}) checked and stored as the respond page does (examination.responses),
    and refused at its paths (ValidationError) when it lacks what an irregularity asks for."""
    from hague_portal.examination import responses
    from hague_portal.examination.services import ExaminationError
    from hague_portal.examination.services import response_submit as submit

    examination, invitation = _invitation_answerable(submission, user, sequence)
    base = responses.document_base(examination)
    if document is not None:
        base = _files_kept(document, base)
    corrections = _response_checked(invitation, base, message, uploads or {})
    files = responses.response_files_store(
        submission=submission,
        revision=responses.revision_next(examination),
        corrections=corrections,
    )
    try:
        return submit(
            invitation=invitation,
            user=user,
            message=message,
            document=responses.document_corrected(base, corrections, files),
            files=files,
        )
    except ExaminationError as exc:
        responses.response_files_delete(files)
        raise DraftError(str(exc)) from None
    except BaseException:
        responses.response_files_delete(files)
        raise


def _files_kept(document: dict, now: dict) -> dict:
    """The corrected document sent as JSON with the application's files as they now stand (its
    designs' reproductions, its annexes): JSON carries no file, so the document the API reads
    has none (v1._document_in); replacements come as uploads."""
    corrected = copy.deepcopy(document)
    views = {
        design.get("number"): design.get("reproductions")
        for design in now.get("designs") or []
        if isinstance(design, dict) and design.get("reproductions")
    }
    for design in corrected.get("designs") or []:
        if isinstance(design, dict) and design.get("number") in views:
            design["reproductions"] = copy.deepcopy(views[design["number"]])
    if now.get("annexes"):
        corrected["annexes"] = copy.deepcopy(now["annexes"])
    return corrected


def _invitation_answerable(submission, user, sequence: int):
    """The examination and the invitation, if the user may answer it now (404, 403, 409)."""
    from hague_portal.examination.models import Examination, Invitation
    from hague_portal.examination.selectors import invitation_is_answerable

    examination = Examination.objects.filter(submission=submission).first()
    invitation = (
        Invitation.objects.filter(examination=examination, sequence=sequence)
        .prefetch_related("irregularities")
        .first()
    )
    if examination is None or invitation is None:
        raise Http404("No such invitation.")
    if not submission_may_file(user=user, submission=submission):
        raise PermissionDenied("Only the applicant or its representative may respond.")
    reason = invitation_is_answerable(invitation, examination)
    if reason:
        raise DraftError(reason)
    return examination, invitation


def _response_checked(invitation, document: dict, message: str, uploads: dict):
    """The corrections, or every problem at once at its path: the message and the files checked
    as on the respond page, and what an open irregularity asks for and the response lacks
    (examination.responses.response_missing, the respond page's own rule)."""
    from hague_portal.examination.forms import ResponseForm
    from hague_portal.examination.responses import document_corrected, response_missing
    from hague_portal.examination.selectors import open_irregularities
    from hague_portal.hague import irregularities as rule14

    irregularities = open_irregularities(invitation)
    if irregularities and all(
        rule14.kind_of(r.category).remedy == "payment" for r in irregularities
    ):
        raise DraftError(
            "Paying the amount missing remedies this irregularity: there is nothing to send. "
            f"Pay it: POST /api/v1/applications/{invitation.examination.submission.number}/pay/."
        )
    errors = {}
    try:
        ResponseForm.base_fields["message"].clean(message)
    except ValidationError as exc:
        errors["message"] = exc.messages
    corrections = _corrections(document, uploads, errors)
    missing = response_missing(
        irregularities=irregularities,
        document=document_corrected(document, corrections, []),
        corrections=corrections,
        message=message,
    )
    for item in missing:
        errors.setdefault(_api_path(item.path), [item.message])
    if errors:
        raise ValidationError(errors)
    return corrections


def _api_path(path: str) -> str:
    """responses.Missing's path as the API names it: a file field, "message" or a document path."""
    if path.startswith("reproduction:"):
        return "reproduction_" + path.split(":", 1)[1]
    return path if path in ("attachment", "message") else f"document.{path}"


def _corrections(document: dict, uploads: dict, errors: dict):
    """The uploads checked by the respond page's own checks (examination.responses); every
    refusal at its field in `errors`, before anything is stored."""
    from hague_portal.examination import responses

    designs = [d for d in document.get("designs") or [] if isinstance(d, dict)]
    views = {
        f"reproduction_{view.get('number')}": {**view, "design": design.get("number")}
        for design in designs
        for view in design.get("reproductions") or []
    }
    corrections = responses.Corrections()
    for name, upload in uploads.items():
        if name.startswith("reproduction_"):
            _replacement(corrections, errors, name, upload, views, designs)
    if uploads.get("attachment"):
        _attachment(corrections, errors, uploads)
    return corrections


def _replacement(corrections, errors, name, upload, views, designs) -> None:
    from hague_portal.examination.responses import replacement_check
    from hague_portal.filings.images import ImageRejected

    if name not in views:
        errors[name] = "No reproduction of this number in the application."
        return
    try:
        corrections.reproductions.append(
            replacement_check(
                upload=upload, view=views[name], designs=designs, chosen=corrections.reproductions
            )
        )
    except ImageRejected as exc:
        errors[name] = exc.reason


def _attachment(corrections, errors, uploads) -> None:
    from hague_portal.examination.responses import attachment_check

    kind = uploads.get("attachment_kind") or Attachment.Kind.POWER_OF_ATTORNEY
    if kind not in Attachment.Kind.values:
        errors["attachment_kind"] = f"One of {', '.join(Attachment.Kind.values)}."
        return
    try:
        corrections.attachments.append(attachment_check(upload=uploads["attachment"], kind=kind))
    except ValidationError as exc:
        errors["attachment"] = " ".join(exc.message_dict.get("file", exc.messages))


def firm_for(*, user, firm_id):
    if firm_id is None:
        return None
    from hague_portal.accounts.models import Firm

    firm = None
    if isinstance(firm_id, int) and not isinstance(firm_id, bool):
        firm = Firm.objects.filter(pk=firm_id, memberships__user=user).first()
    if firm is None:
        raise ValidationError({"firm": "No such firm of yours."})
    return firm


def webhook_for(*, user, webhook_id):
    hook = webhooks_visible_to(user=user).filter(pk=webhook_id).first()
    if hook is None:
        raise Http404("No such webhook.")
    return hook
