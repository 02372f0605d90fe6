"""A user's own data as one ZIP, written while it is sent.

    manifest.json                      the account, memberships, tokens (names, never secrets),
                                       webhooks (URLs, never secrets), current accounts, approvals,
                                       and the list of drafts
    applications.json                  the filed applications the user may see, by number
    notifications.json                 the user's inbox
    drafts/<id>/application.json       the draft's document (the wizard's "Download as JSON",
                                       which imports as a new draft)
    drafts/<id>/draft.json             the draft's details and its files, each with its SHA-256
    drafts/<id>/reproductions/<design>.<view>-<n>.<jpg|tif>
    drafts/<id>/documents/<kind>-<n>.pdf

Nothing is held whole: ZipFile writes into a sink that the response empties after every chunk
of 1 MiB (an unseekable stream: each entry's sizes follow its data), drafts are read one at a
time and the long lists row by row, so memory stays flat whatever the account holds
(bench/account_export.py). Reproductions and PDFs are stored as they are (already compressed);
the JSON is deflated. The manifest comes last, so it can say which stored file was missing.
"""

import json
import zipfile
from collections.abc import Iterator

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.storage import default_storage
from django.utils import timezone

from hague_portal.accounts.models import FirmMembership
from hague_portal.api.models import ApiToken, Webhook
from hague_portal.filings.models import Attachment, Draft, DraftApproval, Reproduction
from hague_portal.filings.services import draft_export
from hague_portal.notifications.models import Preference, Recipient
from hague_portal.payments.models import CurrentAccount
from hague_portal.portfolio.models import CalendarToken

from .selectors import account_applications, account_drafts

FORMAT = "hague-portal/account-export@1"
CHUNK = 1024 * 1024
ROWS_PER_CHUNK = 500


class _Sink:
    """Where ZipFile writes; the generator takes out what was written after each step. No
    seek() nor tell(): ZipFile then writes each entry's CRC and sizes after its data."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(data if isinstance(data, bytes) else bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = self._parts[0] if len(self._parts) == 1 else b"".join(self._parts)
        self._parts = []
        return data


def account_export_filename() -> str:
    return f"hague-portal-data-{timezone.localdate():%Y-%m-%d}.zip"


def account_export_stream(*, user) -> Iterator[bytes]:
    """The ZIP's bytes, in chunks of about 1 MiB (see the module's docstring)."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w") as archive:
        drafts = []
        for draft_id in list(account_drafts(user=user).values_list("pk", flat=True)):
            draft = Draft.objects.select_related("client").filter(pk=draft_id).first()
            if draft is not None:  # deleted while the archive was being written
                drafts.append((yield from _draft(archive, sink, draft)))
        yield from _json_rows(archive, sink, "applications.json", _applications(user))
        yield from _json_rows(archive, sink, "notifications.json", _notifications(user))
        yield from _json_rows(archive, sink, "address_book.json", _address_book(user))
        _write_json(archive, "manifest.json", account_manifest(user=user, drafts=drafts))
    yield sink.take()


# --- entries ------------------------------------------------------------------------------------


def _entry(name: str, *, compressed: bool = True) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16  # a plain file, readable, when unpacked
    return info


def _write_json(archive, name: str, data) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    archive.writestr(_entry(name), text.encode())


def _json_rows(archive, sink, name: str, rows) -> Iterator[bytes]:
    """A JSON array written row by row (a portfolio may hold 100,000 applications)."""
    with archive.open(_entry(name), "w") as out:
        out.write(b"[")
        for index, row in enumerate(rows):
            out.write(b",\n" if index else b"\n")
            out.write(json.dumps(row, ensure_ascii=False, default=str).encode())
            if index % ROWS_PER_CHUNK == ROWS_PER_CHUNK - 1:
                yield sink.take()
        out.write(b"\n]\n")
    yield sink.take()


def _copy(archive, sink, stored: str, name: str) -> Iterator[bytes]:
    """The stored file into the archive, a chunk at a time; returns whether it was there."""
    try:
        source = default_storage.open(stored, "rb")
    except FileNotFoundError:
        return False
    with source, archive.open(_entry(name, compressed=False), "w") as out:
        while chunk := source.read(CHUNK):
            out.write(chunk)
            yield sink.take()
    return True


# --- drafts -------------------------------------------------------------------------------------


def _draft(archive, sink, draft) -> Iterator[bytes]:
    """The draft's document, its files and its details; returns its line of the manifest."""
    folder = f"drafts/{draft.pk}"
    archive.writestr(_entry(f"{folder}/application.json"), draft_export(draft=draft))
    files = []
    for row in Reproduction.objects.filter(draft=draft).order_by("design_number", "position"):
        name = f"{folder}/reproductions/{row.design_number or 0}.{row.position}-{row.pk}"
        name += f".{row.extension}"
        present = yield from _copy(archive, sink, row.file.name, name)
        files.append({**_reproduction(row), **_file(row, name, present)})
    for row in Attachment.objects.filter(draft=draft).order_by("kind", "pk"):
        name = f"{folder}/documents/{row.kind}-{row.pk}.pdf"
        present = yield from _copy(archive, sink, row.file.name, name)
        files.append({"kind": row.kind, "details": row.details, **_file(row, name, present)})
    summary = {
        "id": str(draft.pk),
        "title": str(draft),
        "client": draft.client.name if draft.client else None,
        "folder": folder,
    }
    details = {
        **summary,
        "version": draft.version,
        "created_at": draft.created_at,
        "updated_at": draft.updated_at,
        "application": f"{folder}/application.json",
        "files": files,
    }
    _write_json(archive, f"{folder}/draft.json", details)
    yield sink.take()
    return summary


def _reproduction(row) -> dict:
    return {
        "kind": "reproduction",
        "design": row.design_number,
        "view": row.position,
        "legend_code": row.legend_code,
        "legend_text": row.legend_text,
        "width_px": row.width_px,
        "height_px": row.height_px,
        "dpi": row.dpi,
    }


def _file(row, name: str, present: bool) -> dict:
    return {
        "path": name if present else None,
        "missing": not present,  # in the portal's storage: reported, not hidden
        "original_name": row.original_name,
        "sha256": row.sha256,
        "size_bytes": row.size_bytes,
        "uploaded_at": row.uploaded_at,
    }


# --- lists --------------------------------------------------------------------------------------


def _applications(user) -> Iterator[dict]:
    for row in account_applications(user=user).iterator(chunk_size=ROWS_PER_CHUNK):
        yield {
            "number": row["submission__number"],
            "received_at": row["submission__received_at"],
            "status": row["submission__examination__status"],
            "registration_number": row["submission__examination__registration_number"],
            "title": row["title"],
            "your_reference": row["reference"],
            "client": row["client__name"],
        }


def _notifications(user) -> Iterator[dict]:
    rows = (
        Recipient.objects.filter(user=user)
        .select_related("notification__submission")
        .order_by("created_at", "pk")
    )
    for row in rows.iterator(chunk_size=ROWS_PER_CHUNK):
        yield {
            "application": row.notification.submission.number,
            "kind": row.notification.kind,
            "title": row.notification.title,
            "text": row.notification.body,
            "sent_at": row.notification.created_at,
            "read_at": row.read_at,
        }


# --- the manifest -------------------------------------------------------------------------------


def _address_book(user) -> Iterator[dict]:
    """The user's own address book (issue 20); a firm's is the firm's."""
    from hague_portal.addressbook.models import Entry

    for entry in Entry.objects.filter(owner_user=user).order_by("name", "pk").iterator():
        yield {"kind": entry.kind, **entry.data, "updated_at": entry.updated_at}


def account_manifest(*, user, drafts: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": _account(user),
        "firm_memberships": _memberships(user),
        "api_tokens": list(
            ApiToken.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values("name", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at")
        ),
        "webhooks": [
            {
                "url": hook.url,
                "events": hook.events,
                "firm": hook.firm.name if hook.firm else None,
                "active": hook.active,
                "created_at": hook.created_at,
            }
            for hook in Webhook.objects.filter(user=user).select_related("firm")
        ],
        "current_accounts": list(
            CurrentAccount.objects.filter(owner_user=user).values(
                "number", "holder_name", "balance", "currency"
            )
        ),
        "approvals": _approvals(user),
        "drafts": drafts,
        "applications": "applications.json",
        "notifications": "notifications.json",
        "address_book": "address_book.json",
    }


def _account(user) -> dict:
    preference = Preference.objects.filter(user=user).first()
    calendar = CalendarToken.objects.filter(user=user).first()
    return {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "joined_at": user.date_joined,
        "last_sign_in_at": user.last_login,
        # The addresses of record: sign-in, invitations and shares go by the verified ones.
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "second_factor": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
        "notification_emails": {
            "attach_pdf": bool(preference and preference.email_attachments),
        },
        "calendar_link": {"active": calendar is not None},
    }


def _memberships(user) -> list[dict]:
    rows = FirmMembership.objects.filter(user=user).select_related("firm").order_by("firm__name")
    return [
        {
            "firm": m.firm.name,
            "role": m.role,
            "firm_email": m.firm.email,
            "firm_address": m.firm.postal_address(),
        }
        for m in rows
    ]


def _approvals(user) -> list[dict]:
    rows = DraftApproval.objects.filter(user=user).select_related("draft").order_by("approved_at")
    return [
        {
            "draft": str(a.draft_id),
            "title": str(a.draft),
            "version": a.version,
            "approved_at": a.approved_at,
        }
        for a in rows
    ]
