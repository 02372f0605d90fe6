"""Writes of the portfolio: the calendar link, and the workbench's bulk actions."""

from __future__ import annotations

import hashlib
import secrets
import tempfile
import zipfile

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from hague_portal.filings.selectors import draft_get_for_user
from hague_portal.filings.services import draft_duplicate
from hague_portal.submissions.selectors import submissions_visible_to

from .models import CalendarToken

BULK_MAX = 50  # rows one bulk action takes


class BulkError(Exception):
    """A bulk action that cannot run as asked; the message says why (nothing was done)."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_reset(*, user) -> str:
    """A new secret calendar link for the user; the previous one stops working at once.
    Returns the token (shown once: only its digest is kept)."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(
        user=user, defaults={"token_sha256": token_digest(token)}
    )
    return token


def calendar_token_revoke(*, user) -> None:
    CalendarToken.objects.filter(user=user).delete()


def applications_duplicate(*, user, draft_ids) -> list:
    """A new draft from each selected application (drafts or filed), as "Duplicate" does one
    by one. All or nothing: a row the user may not see is a 404, one the user may only read a
    refusal, and then no copy is made."""
    drafts = [draft_get_for_user(user=user, draft_id=pk) for pk in _bounded(draft_ids)]
    if any(draft.user_role != "edit" for draft in drafts):
        raise PermissionDenied(_("You may read some of these applications but not copy them."))
    with transaction.atomic():
        return [draft_duplicate(draft=draft, user=user) for draft in drafts]


def applications_documents_zip(*, user, draft_ids):
    """A ZIP (temporary file, rewound) of the DM/1 and acknowledgement PDFs of the selected
    filed applications. Raises Http404 for a row the user may not see."""
    ids = _bounded(draft_ids)
    submissions = list(submissions_visible_to(user=user).filter(draft_id__in=ids))
    if len(submissions) != len(ids):
        visible_drafts = {str(s.draft_id) for s in submissions}
        for pk in ids:  # a 404 for what the user may not see, a message for a draft
            if str(pk) not in visible_drafts:
                draft_get_for_user(user=user, draft_id=pk)
        raise BulkError(_("Only filed applications have documents: select filed ones only."))
    return _zip(submissions)


def _zip(submissions):
    # Returned open (FileResponse closes it); in memory up to 20 MB, then on disk.
    out = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for submission in sorted(submissions, key=lambda s: s.number):
            for field, label in (("dm1_pdf", "DM1"), ("receipt_pdf", "acknowledgement")):
                file = getattr(submission, field)
                if file:
                    with file.open("rb") as source:
                        archive.writestr(f"{submission.number}-{label}.pdf", source.read())
                    written += 1
    if not written:
        raise BulkError(_("The documents of these applications are not ready yet."))
    out.seek(0)
    return out


def _bounded(draft_ids) -> list:
    ids = list(dict.fromkeys(draft_ids))
    if not ids:
        raise BulkError(_("Select at least one application."))
    if len(ids) > BULK_MAX:
        raise BulkError(_("Select at most %(count)d applications at a time.") % {"count": BULK_MAX})
    return ids
