"""Thin adapters over other apps' selectors and services for what the API needs and the portal
has no function for (a draft's deletion, one invitation by its number, a document by its name).
Each asks the same access question as the portal pages do."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404

from hague_portal.filings.models import Attachment, Draft, DraftStatus, Reproduction
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
    """A draft never submitted, with its files (removed from storage after commit)."""
    if draft.status != DraftStatus.DRAFT:
        raise DraftError("A submitted application is kept; it cannot be deleted.")
    names = [
        *Reproduction.objects.filter(draft=draft).values_list("file", "thumbnail"),
        *Attachment.objects.filter(draft=draft).values_list("file", "file"),
    ]
    with transaction.atomic():
        deleted, _ = Draft.objects.filter(pk=draft.pk, status=DraftStatus.DRAFT).delete()
        if not deleted:
            raise DraftError("This application has just been submitted; it is kept.")
        files = {name for pair in names for name in pair if name}
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files])


def current_account(*, user, account_id):
    """The WIPO current account to debit at submit (the fee payment sheet), one the user may
    debit."""
    if account_id is None:
        return None
    from hague_portal.payments.selectors import current_accounts_for

    account = None
    if isinstance(account_id, int) and not isinstance(account_id, bool):
        account = current_accounts_for(user=user).filter(pk=account_id).first()
    if account is None:
        raise ValidationError({"account": "No such current account that you may debit."})
    return account


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
    "attachment_kind": kind}) checked and stored as the respond page does (examination.responses).
    """
    from hague_portal.examination import responses
    from hague_portal.examination.models import Examination, Invitation
    from hague_portal.examination.selectors import (
        application_document_now,
        invitation_is_answerable,
    )
    from hague_portal.examination.services import ExaminationError
    from hague_portal.examination.services import response_submit as submit

    examination = Examination.objects.filter(submission=submission).first()
    invitation = Invitation.objects.filter(examination=examination, sequence=sequence).first()
    if examination is None or invitation is None:
        raise Http404("No such invitation.")
    if not submission_may_file(user=user, submission=submission):
        raise PermissionDenied("Only the applicant or its representative may respond.")
    reason = invitation_is_answerable(invitation, examination)
    if reason:
        raise DraftError(reason)
    base = document if document is not None else application_document_now(examination)
    corrections = _corrections(base, uploads or {})
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


def _corrections(document: dict, uploads: dict):
    """The uploads checked by the respond page's own checks (examination.responses); every
    refusal at its field, before anything is stored."""
    from hague_portal.examination import responses

    designs = [d for d in document.get("designs") or [] if isinstance(d, dict)]
    views = {
        f"reproduction_{view.get('number')}": {**view, "design": design.get("number")}
        for design in designs
        for view in design.get("reproductions") or []
    }
    corrections, errors = responses.Corrections(), {}
    for name, upload in uploads.items():
        if name.startswith("reproduction_"):
            _replacement(corrections, errors, name, upload, views, designs)
    if uploads.get("attachment"):
        _attachment(corrections, errors, uploads)
    if errors:
        raise ValidationError(errors)
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
