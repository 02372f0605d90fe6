"""Writes for the files of a draft: reproductions (item 10) and attachments (Annexes I-V, power of
attorney). The views authorize (`draft_get_for_user(for_edit=True)`); these functions check the
content and keep the rows consistent. They change nothing on the draft row itself.

Reproductions are numbered automatically: design d's reproductions are d.1, d.2, ... in the order of
`position` (A.I. Section 405). Positions may have gaps; only their order matters.
"""

import hashlib
import io
import os
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from hague_portal.hague.checks.text import slash_signature_name
from hague_portal.lib.text import text_problem
from hague_portal.reference.selectors import reference_data

from .images import (
    ImageRejected,
    describe_content,
    inspect_reproduction,
    read_limited,
)
from .models import Attachment, Draft, DraftStatus, Reproduction
from .pdf_content import pdf_active_content

# Guide, item 10: with code 00 another legend may be typed, limited to 50 characters.
OTHER_LEGEND_CODE = "00"
LEGEND_TEXT_MAX = 50
_PARTY_CODE = re.compile(r"[A-Z]{2}")


# --- reproductions ----------------------------------------------------------------------------


def reproductions_upload(*, draft, user, files, design_number=None):
    """Check and store each file independently: the good files of a batch are kept when others
    fail. Returns (accepted reproductions, [(file name, reason), ...] for the rejected ones)."""
    _check_editable(draft)
    _check_design(draft, design_number)
    accepted, rejected = [], []
    for upload in files:
        name = _display_name(upload)
        try:
            image = inspect_reproduction(upload, max_bytes=settings.REPRODUCTION_MAX_BYTES)
            accepted.append(_reproduction_store(draft, image, name, design_number))
        except ImageRejected as exc:
            rejected.append((name, exc.reason))
    return accepted, rejected


def _reproduction_store(draft, image, name, design_number) -> Reproduction:
    reproduction = Reproduction(
        draft=draft,
        design_number=design_number,
        extension=image.extension,
        original_name=name[:255],
        sha256=image.sha256,
        width_px=image.width_px,
        height_px=image.height_px,
        dpi=image.dpi,
        mode=image.mode,
        size_bytes=image.size_bytes,
    )
    # Files first, outside the transaction (storage is slow); removed again if the row is not saved.
    reproduction.file.save("reproduction", ContentFile(image.content), save=False)
    reproduction.thumbnail.save("thumbnail", ContentFile(image.thumbnail), save=False)
    try:
        with transaction.atomic():
            _lock(draft)  # parallel uploads (one request per dropped file) must not share positions
            _check_duplicate(draft, image.sha256)
            reproduction.position = _next_position(draft, design_number)
            reproduction.save()
    except BaseException:
        _delete_files(reproduction.file.name, reproduction.thumbnail.name)
        raise
    return reproduction


def _check_duplicate(draft, sha256: str) -> None:
    # Same pixels give the same re-encoded bytes: also catches a form posted twice (page reload).
    existing = draft.reproductions.filter(sha256=sha256).only("id", "design_number").first()
    if existing:
        where = reproduction_numbers(draft).get(existing.id, gettext("among the unassigned images"))
        raise ImageRejected(
            gettext("This image is already in this application (%(where)s)") % {"where": where}
        )


def reproduction_assign(*, reproduction, user, design_number) -> Reproduction:
    """Put a reproduction at the end of a design (None: back to the unassigned pool)."""
    draft = reproduction.draft
    _check_editable(draft)
    _check_design(draft, design_number)
    if reproduction.design_number == design_number:
        return reproduction
    with transaction.atomic():
        _lock(draft)
        reproduction.design_number = design_number
        reproduction.position = _next_position(draft, design_number)
        reproduction.save(update_fields=["design_number", "position"])
    return reproduction


def reproduction_move(*, reproduction, user, direction=None, position=None) -> None:
    """Move one place "up" or "down", or to `position` (1-based) within its design."""
    draft = reproduction.draft
    _check_editable(draft)
    with transaction.atomic():
        _lock(draft)
        order = _group_ids(draft, reproduction.design_number)
        index = order.index(reproduction.id)
        if position is not None:
            target = int(position) - 1
        else:
            target = {"up": index - 1, "down": index + 1}.get(direction, index)
        target = max(0, min(target, len(order) - 1))
        order.insert(target, order.pop(index))
        _write_positions(order)


def reproductions_reorder(*, draft, user, design_number, ordered_ids) -> None:
    """Set the order of one design's reproductions (drag and drop). Ids left out keep their
    relative order after the listed ones; ids of other designs or drafts are refused."""
    _check_editable(draft)
    ordered_ids = [int(pk) for pk in ordered_ids]
    with transaction.atomic():
        _lock(draft)
        current = _group_ids(draft, design_number)
        if set(ordered_ids) - set(current):
            raise ValidationError(
                gettext(
                    "These reproductions have changed in the meantime: reload the page and try "
                    "again."
                )
            )
        listed = list(dict.fromkeys(ordered_ids))
        _write_positions(listed + [pk for pk in current if pk not in set(listed)])


def reproduction_set_legend(*, reproduction, user, code, text="") -> Reproduction:
    """Legend of item 10: a code from the reference data, or 00 with free text (<= 50 chars)."""
    _check_editable(reproduction.draft)
    code, text = legend_clean(code, text)
    reproduction.legend_code, reproduction.legend_text = code, text
    reproduction.save(update_fields=["legend_code", "legend_text"])
    return reproduction


def legend_clean(code, text) -> tuple[str, str]:
    """(code, text) of a legend as stored, or ValidationError at "legend_code"/"legend_text".
    The wizard's legend form and the API's reproductions (filings.document_extras) share it."""
    code, text = (code or "").strip(), (text or "").strip()
    _check_storable(legend_code=code, legend_text=text)
    if text and not code:
        code = OTHER_LEGEND_CODE  # typed a legend without choosing "other": that is what was meant
    if code and reference_data().legend(code) is None:
        raise ValidationError(
            {"legend_code": gettext("%(code)s is not a legend code.") % {"code": code}}
        )
    if code == OTHER_LEGEND_CODE:
        _check_legend_text(text)
    else:
        text = ""
    return code, text


def _check_storable(**fields: str) -> None:
    # NUL and lone surrogates cannot be stored (PostgreSQL refuses them): a field message, not a 500.
    errors = {
        name: gettext("This legend %(problem)s: remove it and type the legend again.")
        % {"problem": problem}
        for name, value in fields.items()
        if (problem := text_problem(value))
    }
    if errors:
        raise ValidationError(errors)


def _check_legend_text(text: str) -> None:
    if not text:
        raise ValidationError({"legend_text": gettext("Type the legend for code 00 (other).")})
    if len(text) > LEGEND_TEXT_MAX:
        raise ValidationError(
            {
                "legend_text": gettext(
                    "Legend text is limited to %(max)s characters (you typed %(typed)s)."
                )
                % {"max": LEGEND_TEXT_MAX, "typed": len(text)}
            }
        )


def reproduction_delete(*, reproduction, user) -> None:
    _check_editable(reproduction.draft)
    names = (reproduction.file.name, reproduction.thumbnail.name)
    with transaction.atomic():
        reproduction.delete()
        transaction.on_commit(lambda: _delete_files(*names))


def reproduction_numbers(draft) -> dict[int, str]:
    """{reproduction id: "d.n"} for every assigned reproduction, in one query."""
    numbers, views = {}, {}
    rows = (
        Reproduction.objects.filter(draft=draft, design_number__isnull=False)
        .order_by("design_number", "position", "id")
        .values_list("id", "design_number")
    )
    for pk, design in rows:
        views[design] = views.get(design, 0) + 1
        numbers[pk] = f"{design}.{views[design]}"
    return numbers


def draft_design_numbers(draft) -> list[int]:
    """The design numbers of the document (item 6); a design without one counts by its place."""
    designs = (draft.document or {}).get("designs") or []
    return [
        _as_int(design.get("number")) or index
        for index, design in enumerate(designs, start=1)
        if isinstance(design, dict)
    ]


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _check_design(draft, design_number) -> None:
    if design_number is not None and design_number not in draft_design_numbers(draft):
        raise ValidationError(
            gettext("This application has no design %(number)s.") % {"number": design_number}
        )


def _group_ids(draft, design_number) -> list[int]:
    return list(
        Reproduction.objects.filter(draft=draft, design_number=design_number)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )


def _write_positions(ordered_ids) -> None:
    rows = [Reproduction(pk=pk, position=n) for n, pk in enumerate(ordered_ids, start=1)]
    Reproduction.objects.bulk_update(rows, ["position"])


def _next_position(draft, design_number) -> int:
    group = Reproduction.objects.filter(draft=draft, design_number=design_number)
    return (group.aggregate(last=Max("position"))["last"] or 0) + 1


# --- attachments ------------------------------------------------------------------------------

# What each kind of document must say about itself, in the terms of the document's AnnexEntry.
ANNEX_I_KINDS = {
    "declaration": _("Declaration of inventorship"),
    "substitute_statement": _("Substitute statement in lieu of a declaration"),
}


def attachment_upload(*, draft, user, kind, file, details=None) -> Attachment:
    """Store a PDF (checked by its content) with what it concerns. Errors name the form field."""
    _check_editable(draft)
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": gettext("Choose which document this is.")})
    details = _attachment_details(draft, kind, details or {})
    data = inspect_pdf(file, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    attachment = Attachment(
        draft=draft,
        kind=kind,
        original_name=_display_name(file)[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        details=details,
    )
    attachment.file.save("attachment.pdf", ContentFile(data), save=False)
    try:
        attachment.save()
    except BaseException:
        _delete_files(attachment.file.name)
        raise
    return attachment


def attachment_delete(*, attachment, user) -> None:
    _check_editable(attachment.draft)
    name = attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: _delete_files(name))


def inspect_pdf(fileobj, *, max_bytes: int) -> bytes:
    """The bytes of a readable, unencrypted PDF with at least one page, or ValidationError."""
    try:
        data = read_limited(fileobj, max_bytes=max_bytes, what=gettext("a document"))
    except ImageRejected as exc:
        raise ValidationError({"file": exc.reason}) from exc
    if b"%PDF-" not in data[:1024]:
        kind = describe_content(data) or _image_kind(data)
        reason = (
            gettext("This file is %(kind)s, not a PDF") % {"kind": kind}
            if kind
            else gettext("This file is not a PDF document")
        )
        raise ValidationError({"file": reason})
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                {
                    "file": gettext(
                        "This PDF is encrypted (password-protected); upload it without a password"
                    )
                }
            )
        pages = len(reader.pages)
        active = pdf_active_content(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ValidationError({"file": gettext("This PDF is damaged and cannot be read")}) from exc
    if pages < 1:
        raise ValidationError({"file": gettext("This PDF has no pages")})
    if active:
        raise ValidationError({"file": active})
    return data


_IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def _image_kind(data: bytes) -> str | None:
    return next((name for magic, name in _IMAGE_MAGIC if data.startswith(magic)), None)


def _attachment_details(draft, kind, details) -> dict:
    clean = {
        Attachment.Kind.ANNEX_I: _annex_i_details,
        Attachment.Kind.ANNEX_II: _annex_ii_details,
        Attachment.Kind.ANNEX_III: _designs_details,
        Attachment.Kind.ANNEX_IV: _annex_iv_details,
        Attachment.Kind.ANNEX_V: _annex_v_details,
    }.get(kind)
    return clean(draft, details) if clean else {}


def _annex_i_details(draft, details) -> dict:
    # Rule 8(1)(a)(ii); Guide, Annex I: one declaration (or substitute statement) per creator.
    errors = {}
    creator = (details.get("creator") or "").strip()
    if not creator:
        errors["creator"] = gettext("Name the creator this declaration is from.")
    if details.get("kind") not in ANNEX_I_KINDS:
        errors["declaration_kind"] = gettext("Choose a declaration or a substitute statement.")
    signatory = _signatory(details, errors)
    if errors:
        raise ValidationError(errors)
    return {"kind": details["kind"], "creator": creator, "signatory": signatory}


def _annex_ii_details(draft, details) -> dict:
    # Guide, Annex II: documents supporting an exception to lack of novelty (item 15).
    parties = [str(code).strip().upper() for code in details.get("parties") or [] if code]
    if not parties or not all(_PARTY_CODE.fullmatch(code) for code in parties):
        raise ValidationError(
            {"parties": gettext("Name the Contracting Parties, e.g. CN, JP, KR.")}
        )
    return {"kind": "disclosure", "designs": _designs(draft, details), "parties": parties}


def _designs_details(draft, details) -> dict:
    return {"kind": "statement", "designs": _designs(draft, details)}


def _annex_iv_details(draft, details) -> dict:
    # Guide, Annex IV: the micro entity certification must be signed (37 CFR 1.29).
    errors = {}
    signatory = _signatory(details, errors)
    if errors:
        raise ValidationError(errors)
    return {"kind": "certification", "signatory": signatory}


def _annex_v_details(draft, details) -> dict:
    # Guide, Annex V: only in support of a priority claim of item 13 (0-based index).
    count = len((draft.document or {}).get("priorities") or [])
    priority = _as_int(details.get("priority"))
    if not count:
        raise ValidationError({"priority": gettext("Add the priority claim (item 13) first.")})
    if priority is None or not 0 <= priority < count:
        raise ValidationError(
            {"priority": gettext("Choose the priority claim this document supports.")}
        )
    return {"kind": "priority_document", "priority": priority}


def _signatory(details, errors) -> str:
    signatory = (details.get("signatory") or "").strip()
    if slash_signature_name(signatory) is None:
        errors["signatory"] = gettext("Sign with your name between slashes, e.g. /Jane Doe/.")
    return signatory


def _designs(draft, details) -> list[int]:
    known = set(draft_design_numbers(draft))
    designs = sorted({_as_int(d) for d in details.get("designs") or []} - {None})
    if any(d not in known for d in designs):
        raise ValidationError({"designs": gettext("Choose designs of this application.")})
    return designs  # empty: every design


# --- shared -----------------------------------------------------------------------------------


def _check_editable(draft) -> None:
    if draft.status != DraftStatus.DRAFT:
        raise ValidationError(
            gettext("This application was submitted and can no longer be changed.")
        )


def _lock(draft) -> None:
    # Serializes writes to one draft's files (a no-op on SQLite, whose writes are serialized).
    list(Draft.objects.select_for_update().filter(pk=draft.pk).values_list("pk", flat=True))


def _display_name(upload) -> str:
    """The name the user knows the file by, without any folder a browser may send."""
    name = os.path.basename((getattr(upload, "name", "") or "").replace("\\", "/"))
    return name or "unnamed file"


def _delete_files(*names) -> None:
    for name in names:
        if name:
            default_storage.delete(name)
