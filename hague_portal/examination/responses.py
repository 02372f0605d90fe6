"""The applicant's response, before it is sent: the corrected document built from the document as
it now stands plus the corrections typed and the files chosen, checked by the rules core; and the
replacement files stored under media "responses/<number>/<revision>/".

The original filing is never touched: its document and `Submission.files` stay as filed. The
response carries the whole corrected document and only the replacement files (the shape of
`Submission.files` entries), handed to `services.response_submit`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hague_portal.filings.images import ImageRejected, inspect_reproduction
from hague_portal.filings.selectors import ANNEX_KINDS, PORTAL_KEYS
from hague_portal.filings.uploads import inspect_pdf
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.document import parse_application
from hague_portal.hague.document.parser import DocumentError
from hague_portal.reference.selectors import reference_data

from .models import Response
from .services.invitations import revision_next as revision_next  # one numbering, with the service

# The text corrections a Rule 14 kind allows ("text:<field>" in hague.irregularities).
TEXT_FIELDS = ("description", "claim", "products", "creators", "applicant", "correspondence_email")


@dataclass
class Replacement:
    """A replacement reproduction, checked (filings.images.inspect_reproduction), not yet stored."""

    number: str  # "1.2"
    design: int
    image: object  # filings.images.AcceptedImage
    legend_code: str | None = None
    legend_text: str | None = None


@dataclass
class NewAttachment:
    kind: str  # filings Attachment.Kind
    name: str
    content: bytes


@dataclass
class Corrections:
    text: dict = field(default_factory=dict)  # description, claim, correspondence_email
    products: dict = field(default_factory=dict)  # design number -> product
    creators: list | None = None  # the whole list, as the document holds it
    applicant: dict | None = None  # the first applicant, whole
    reproductions: list[Replacement] = field(default_factory=list)
    attachments: list[NewAttachment] = field(default_factory=list)


# --- the corrected document --------------------------------------------------------------------


def document_corrected(document: dict, corrections: Corrections, files: list[dict]) -> dict:
    """A new document: `document` (not changed) with the corrections and the stored files."""
    doc = copy.deepcopy(document)
    for key, value in corrections.text.items():
        doc[key] = value or None
    if corrections.creators is not None:
        doc["creators"] = corrections.creators
    if corrections.applicant is not None:
        doc["applicants"] = [corrections.applicant, *(doc.get("applicants") or [])[1:]]
    by_number = {entry["number"]: entry for entry in files if entry["role"] == "reproduction"}
    for design in doc.get("designs") or []:
        if design.get("number") in corrections.products:
            design["product"] = corrections.products[design["number"]]
        for view in design.get("reproductions") or []:
            if view.get("number") in by_number:
                view["file"] = by_number[view["number"]]["path"]
                view["sha256"] = by_number[view["number"]]["sha256"]
    for entry in files:
        if entry["role"] == "attachment" and entry["kind"] in ANNEX_KINDS:
            annex, kind = ANNEX_KINDS[entry["kind"]]
            annexes = doc.setdefault("annexes", {})
            annexes.setdefault(annex, []).append(
                {"kind": kind, "file": entry["path"], "sha256": entry["sha256"]}
            )
    return doc


def document_errors(corrected: dict, before: dict) -> list:
    """The rules core's errors of the corrected document that the document as it stood did not
    have (what the filing already carried is for the examiner, not a reason to refuse)."""
    known = {str(error) for error in _errors(before)}
    return [error for error in _errors(corrected) if str(error) not in known]


def _errors(document: dict) -> list:
    data = {key: value for key, value in document.items() if key not in PORTAL_KEYS}
    try:
        parse_application(data, reference_data())
    except DocumentError as exc:
        return exc.errors
    return []


# --- what a response must carry ------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """What a response lacks to remedy `irregularity`, at `path`: a path of the corrected
    document ("description", "designs[1].product", "creators[0].name", "applicants[0].name"),
    a file ("reproduction:<number>", "attachment") or "message"."""

    irregularity: object  # submissions Irregularity
    path: str
    message: str


def response_missing(
    *, irregularities, document: dict, corrections: Corrections, message: str
) -> list[Missing]:
    """What the response lacks to remedy each open irregularity by the remedy its Rule 14 kind
    allows (hague.irregularities): a replacement reproduction of a design concerned, the document
    asked for, the text asked for in the corrected `document`, or, for a kind with no remedy of
    its own ("other"), a message saying what was done. Paying remedies the fee kinds (Rule
    14(1)): a response needs nothing for them. The respond page and the API both refuse a
    response that lacks any of it."""
    missing = []
    for row in irregularities:
        remedy = rule14.kind_of(row.category).remedy
        check = _REMEDY_CHECKS.get(remedy.split(":", 1)[0])
        for path, text in check(row, remedy, document, corrections, message) if check else ():
            missing.append(Missing(row, path, text))
    return missing


def _designs_concerned(row, document: dict) -> list[dict]:
    wanted = set((row.details or {}).get("designs") or [])
    designs = [d for d in document.get("designs") or [] if isinstance(d, dict)]
    return [d for d in designs if not wanted or d.get("number") in wanted]


def _reproductions_missing(row, remedy, document, corrections, message):
    views = [
        str(view.get("number"))
        for design in _designs_concerned(row, document)
        for view in design.get("reproductions") or []
    ]
    if views and not any(item.number in views for item in corrections.reproductions):
        yield f"reproduction:{views[0]}", _("Choose at least one replacement reproduction.")


def _attachment_missing(row, remedy, document, corrections, message):
    if not corrections.attachments:
        yield "attachment", _("Choose the PDF document to send.")


def _text_missing(row, remedy, document, corrections, message):
    target = remedy.split(":", 1)[1] if ":" in remedy else ""
    if not target:  # "other": the message is the response
        if not (message or "").strip():
            yield "message", _("Say in the message how this irregularity is remedied.")
    elif target == "products":
        designs = [d for d in document.get("designs") or [] if isinstance(d, dict)]
        for index, design in enumerate(designs):
            if design in _designs_concerned(row, document) and not _filled(design.get("product")):
                yield f"designs[{index}].product", _("Indicate the product (item 8).")
    elif target == "creators":
        creators = [c for c in document.get("creators") or [] if isinstance(c, dict)]
        if not any(_filled(c.get("name")) for c in creators):
            yield "creators[0].name", _("Name at least one creator (item 11).")
    elif target == "applicant":
        applicant = (document.get("applicants") or [{}])[0] or {}
        if not _filled(applicant.get("name") if isinstance(applicant, dict) else None):
            yield "applicants[0].name", _("Give the name of the applicant (item 1).")
    elif not _filled(document.get(target)):
        yield target, _TEXT_ASKED[target]


def _filled(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


_TEXT_ASKED = {
    "description": _lazy("Give the description (item 9)."),
    "claim": _lazy("Give the claim (item 12)."),
    "correspondence_email": _lazy("Give an e-mail address for correspondence (item 4)."),
}
_REMEDY_CHECKS = {
    "reproductions": _reproductions_missing,
    "attachment": _attachment_missing,
    "text": _text_missing,
}


# --- replacement files -------------------------------------------------------------------------


def replacement_check(*, upload, view: dict, designs: list, chosen: list) -> Replacement:
    """The upload as a replacement for `view`, checked as the wizard checks a reproduction and
    refused (ImageRejected) when it is already in the application or chosen for another view.
    The respond page and the API both call it."""
    image = inspect_reproduction(upload, max_bytes=settings.REPRODUCTION_MAX_BYTES)
    for design in designs:
        for other in design.get("reproductions") or []:
            if other.get("sha256") == image.sha256:
                raise ImageRejected(
                    _(
                        "This image is already in the application (reproduction %(number)s): "
                        "choose the corrected image"
                    )
                    % {"number": other.get("number")}
                )
    if any(item.image.sha256 == image.sha256 for item in chosen):
        raise ImageRejected(_("This image is chosen for another reproduction as well"))
    return Replacement(
        number=view.get("number"),
        design=view.get("design"),
        image=image,
        legend_code=view.get("legend_code"),
        legend_text=view.get("legend_text"),
    )


def attachment_check(*, upload, kind: str) -> NewAttachment:
    """The upload as an annex PDF, checked as the wizard checks one (ValidationError)."""
    content = inspect_pdf(upload, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    return NewAttachment(kind, upload.name[:255], content)


def document_base(examination) -> dict:
    """What a response corrects: the latest response's document, else the document as it now
    stands. Accepting takes the latest response as the current revision
    (services.irregularities_accept), so a response built on an older one would drop the
    corrections sent in between."""
    from .selectors import application_document_now

    latest = (
        Response.objects.filter(invitation__examination=examination)
        .order_by("-revision")
        .values_list("document", flat=True)
        .first()
    )
    return latest if latest is not None else application_document_now(examination)


def response_files_store(*, submission, revision: int, corrections: Corrections) -> list[dict]:
    """Store the replacement files under responses/<number>/<revision>/ and return their entries
    (the shape of `Submission.files`). The caller deletes them if the response is refused."""
    folder = f"responses/{submission.number}/{revision}"
    entries = []
    try:
        for item in corrections.reproductions:
            entries.append(_reproduction_entry(folder, item))
        for position, item in enumerate(corrections.attachments, start=1):
            entries.append(_attachment_entry(folder, position, item))
    except BaseException:
        response_files_delete(entries)
        raise
    return entries


def response_files_delete(entries: list[dict]) -> None:
    for entry in entries:
        default_storage.delete(entry["path"])


def _reproduction_entry(folder: str, item: Replacement) -> dict:
    image = item.image
    name = f"{folder}/reproduction-{item.number}-{image.sha256[:12]}.{image.extension}"
    path = default_storage.save(name, ContentFile(image.content))
    return {
        "role": "reproduction",
        "path": path,
        "sha256": image.sha256,
        "size": image.size_bytes,
        "number": item.number,
        "design": item.design,
        "width_px": image.width_px,
        "height_px": image.height_px,
        "dpi": image.dpi,
        "mode": image.mode,
        "legend_code": item.legend_code,
        "legend_text": item.legend_text,
    }


def _attachment_entry(folder: str, position: int, item: NewAttachment) -> dict:
    import hashlib

    digest = hashlib.sha256(item.content).hexdigest()
    path = default_storage.save(
        f"{folder}/attachment-{position}-{digest[:12]}.pdf", ContentFile(item.content)
    )
    return {
        "role": "attachment",
        "path": path,
        "sha256": digest,
        "size": len(item.content),
        "kind": item.kind,
        "original_name": item.name,
    }
