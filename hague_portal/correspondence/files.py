"""The attachments of a message: a PDF checked as the wizard checks an annex
(filings.uploads.inspect_pdf: readable, unencrypted, at least one page, no active content), or a
JPEG or PNG image that Pillow opens and verifies. The kind is decided by the content, never by
the name or the browser's content type; every refusal names the file and says what to do."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from hague_portal.filings.images import ImageRejected, describe_content, read_limited
from hague_portal.filings.uploads import inspect_pdf

MAX_FILES = 5
IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}


@dataclass(frozen=True)
class CheckedFile:
    name: str  # as the user named it
    content: bytes
    extension: str  # pdf | jpg | png
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def attachments_check(uploads) -> list[CheckedFile]:
    """Every upload checked, or ValidationError at "files" naming each file refused."""
    uploads = list(uploads or [])
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            {
                "files": _("Attach at most %(max)d files to one message (you chose %(count)d).")
                % {"max": MAX_FILES, "count": len(uploads)}
            }
        )
    checked, problems = [], []
    for upload in uploads:
        name = (getattr(upload, "name", "") or "file").rsplit("/", 1)[-1][:255]
        try:
            checked.append(attachment_check(upload, name=name))
        except ValidationError as exc:
            problems.append(f"{name}: {_reason(exc)}")
    if problems:
        raise ValidationError({"files": problems})
    return checked


def attachment_check(upload, *, name: str) -> CheckedFile:
    try:
        data = read_limited(upload, max_bytes=max_bytes(), what=_("an attachment"))
    except ImageRejected as exc:
        raise ValidationError(exc.reason) from exc
    if b"%PDF-" in data[:1024]:
        return CheckedFile(name, inspect_pdf(io.BytesIO(data), max_bytes=max_bytes()), "pdf",
                           "application/pdf")  # fmt: skip
    extension, content_type = _image_kind(data)
    return CheckedFile(name, data, extension, content_type)


def _image_kind(data: bytes) -> tuple[str, str]:
    try:
        with warnings.catch_warnings():
            # Pillow's decompression-bomb warning is an error here, as for reproductions.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()  # the structure decodes: a truncated or damaged file fails
    except UnidentifiedImageError as exc:
        raise ValidationError(_wrong_kind(describe_content(data))) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("This image declares far too many pixels; it was not opened")
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(_("This file is damaged and cannot be read")) from exc
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_wrong_kind(_("a %(format)s image") % {"format": kind}))
    return IMAGE_FORMATS[kind]


def _wrong_kind(kind: str | None) -> str:
    if kind:
        return _("This file is %(kind)s; attach a PDF, JPEG or PNG file") % {"kind": kind}
    return _("This file is not a PDF, JPEG or PNG file")


def _reason(exc: ValidationError) -> str:
    """The message of a ValidationError raised as {"file": ...} (inspect_pdf) or plain."""
    if hasattr(exc, "message_dict"):
        return " ".join(m for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)
