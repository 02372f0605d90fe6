"""Deleting a draft: who may, and its files going with its rows.

Who may delete is who may file it (`sharing.draft_may_submit`): the applicant who made a draft
without a client, or an administrator or editor of the client's firm. A viewer of the firm, a
client's user it is shared with (even as editor) and staff may not: the draft is the firm's (or
the applicant's) work, not theirs. A filed application is never deleted: it is the International
Register's record (its draft row is what the submission points to).

The files live under `drafts/<id>/` (the upload paths of `models`); they are removed from
storage once the rows are gone (after commit), with anything else left in that folder.
"""

import contextlib
import logging
import os

from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.utils.translation import gettext

from hague_portal.accounts.models import FirmMembership
from hague_portal.accounts.selectors import EDITING_ROLES

from .models import Attachment, Draft, DraftStatus, Reproduction
from .sharing import draft_may_submit

logger = logging.getLogger(__name__)


class DraftKept(Exception):
    """The draft cannot be deleted (it was filed); the message says why."""


def draft_may_delete(*, user, draft) -> bool:
    return draft.status == DraftStatus.DRAFT and draft_may_submit(user=user, draft=draft)


def draft_delete_refusal(*, user, draft) -> str:
    """Why `user` may not delete `draft`, for the page ("" when they may)."""
    if draft.status != DraftStatus.DRAFT:
        return gettext(
            "This application has been filed: it is the International Register's record and "
            "stays. It cannot be deleted."
        )
    if draft_may_submit(user=user, draft=draft):
        return ""
    if draft.client_id is None:
        return gettext("Only the applicant who made this draft may delete it.")
    return gettext(
        "Only the administrators and editors of the client's firm may delete this draft."
    )


def draft_delete(*, draft, user) -> None:
    """The draft, its revisions, shares, approvals and events, and its files (after commit).

    Raises PermissionDenied for someone who may not delete it, DraftKept for a filed one."""
    with transaction.atomic():
        # Under the row lock that submitting takes too: a draft being filed is either filed
        # first (and kept) or deleted first (and the submit finds nothing).
        locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None:
            return  # deleted already (a second click)
        refusal = draft_delete_refusal(user=user, draft=locked)
        if locked.status != DraftStatus.DRAFT:
            raise DraftKept(refusal)
        if refusal:
            raise PermissionDenied(refusal)
        draft_id, names = locked.pk, draft_file_names(draft_id=locked.pk)
        locked.delete()  # (which sets locked.pk to None)
        transaction.on_commit(lambda: draft_files_delete(draft_id=draft_id, names=names))
    logger.info(
        "draft %s (client %s) deleted by user %s", draft.pk, draft.client_id or "-", user.pk
    )


def draft_file_names(*, draft_id) -> set[str]:
    """The stored names of every file of the draft (reproductions, thumbnails, documents)."""
    pairs = Reproduction.objects.filter(draft_id=draft_id).values_list("file", "thumbnail")
    documents = Attachment.objects.filter(draft_id=draft_id).values_list("file", flat=True)
    return {name for pair in pairs for name in pair if name} | {n for n in documents if n}


def draft_files_delete(*, draft_id, names) -> None:
    """Remove the files, then whatever is left in the draft's folder (an upload whose row was
    never saved) and, on a file system, the empty folders."""
    for name in names:
        default_storage.delete(name)
    _folder_delete(f"drafts/{draft_id}")


def _folder_delete(folder: str) -> None:
    try:
        subfolders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in subfolders:
        _folder_delete(f"{folder}/{name}")
    if isinstance(default_storage, FileSystemStorage):
        # OSError: a file arrived meanwhile (an upload to the deleted draft, about to fail).
        with contextlib.suppress(OSError):
            os.rmdir(default_storage.path(folder))


def drafts_deletable_by(*, user, drafts) -> set:
    """The ids of those of `drafts` (rows with client and created_by_id loaded) that `user` may
    delete, in one query whatever their number (the workbench's page of rows)."""
    editing = set(
        FirmMembership.objects.filter(user=user, role__in=EDITING_ROLES).values_list(
            "firm_id", flat=True
        )
    )
    return {
        draft.pk
        for draft in drafts
        if draft.status == DraftStatus.DRAFT
        and (draft.client.firm_id in editing if draft.client_id else draft.created_by_id == user.pk)
    }
