"""What a draft's document written as JSON (the API's POST, PUT and PATCH) says beyond what the
application parser judges: the stored files it names and the portal's own keys.

Reproductions (item 10) are uploaded one by one (uploads.py); a document places them. Each
entry of `designs[i].reproductions` names a reproduction of the draft by its `sha256`, else its
`file`, else its current `number` ("1.2"). The entries' order is the order of that design's
views (A.I. Section 405: d.1, d.2, ...), and their legends are set as the wizard sets them
(`uploads.legend_clean`); an entry without legend keys keeps its legend. A design sent without
`reproductions` keeps the views of the design that had its number. A view that no design keeps
goes back to the unassigned images, as the wizard does for a removed design: so a design's
views follow it when designs are renumbered, reordered or removed, and a chair's views never
end up on the stool that takes its number. A file is deleted only when asked to.

Annex entries name stored annex documents (uploaded and deleted as files): their details are
fixed at upload, so an entry must name one unchanged. `payment` is the Fees step's choice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from hague_portal.hague.document import SCHEMA, DocumentError, FieldError, parse_application

from .forms.publication_fees import PAYMENT_METHODS
from .models import Draft, Reproduction
from .selectors import ANNEX_DETAIL_KEYS, draft_document
from .services import draft_save_step
from .uploads import OTHER_LEGEND_CODE, legend_clean

LEGEND_KEYS = ("legend_code", "legend_text")
_PLACE_FIELDS = ["design_number", "position", "legend_code", "legend_text"]


@dataclass(frozen=True)
class Place:
    """Where a reproduction goes: its design (None: unassigned), its position, its legend."""

    design_number: int | None
    position: int
    legend_code: str
    legend_text: str


def document_extras_errors(*, draft, document: dict, replace: bool) -> list[FieldError]:
    """Every problem of the files and portal keys `document` names, at its path in it
    (`draft` None: a draft still to be created, which has no files)."""
    malformed = _file_entries_malformed(document)
    if malformed:  # what they name is judged once they are well formed
        return _payment_errors(document) + malformed
    errors = _payment_errors(document) + _annex_errors(draft, document.get("annexes"))
    try:
        reproductions_plan(draft=draft, designs=_designs(document, replace))
    except DocumentError as exc:
        errors += exc.errors
    return errors


def _file_entries_malformed(document: dict) -> list[FieldError]:
    """The parser's judgement of the reproductions and annex entries (unknown keys, types,
    formats), which the parse of the document to store leaves out with them."""
    data = {"schema": SCHEMA}
    data.update({k: document[k] for k in ("designs", "annexes") if k in document})
    try:
        parse_application(data)
    except DocumentError as exc:
        return [e for e in exc.errors if ".reproductions" in e.path or e.path.startswith("annexes")]
    return []


def draft_save_document(*, draft, user, seen_version, data: dict, document: dict, replace: bool):
    """Save `data` (the application document's top-level parts) and place the reproductions as
    `document` (as sent) says, in one transaction. The plan is made under the draft's row lock,
    which uploads and moves also take, so no file comes or goes between plan and write."""
    with transaction.atomic():
        list(Draft.objects.select_for_update().filter(pk=draft.pk).values_list("pk"))
        places = reproductions_plan(draft=draft, designs=_designs(document, replace))
        draft = draft_save_step(
            draft=draft, user=user, step="api", seen_version=seen_version, data=data
        )
        rows = [Reproduction(pk=pk, **vars(place)) for pk, place in places.items()]
        Reproduction.objects.bulk_update(rows, _PLACE_FIELDS)
    return draft


def _designs(document: dict, replace: bool):
    """The designs whose views are placed: None (a PATCH leaving designs alone) or a list (a
    PUT without designs has none left)."""
    designs = document.get("designs", [] if replace else None)
    return designs if isinstance(designs, list) else None


# --- reproductions ----------------------------------------------------------------------------


def reproductions_plan(*, draft, designs) -> dict[int, Place]:
    """{reproduction id: its new place} for the reproductions that move or change, or
    DocumentError with every entry that names no reproduction, twice the same or a bad legend."""
    if designs is None:
        return {}
    rows = _rows(draft)
    places, errors = _listed(rows, designs)
    if errors:
        raise DocumentError(errors)
    kept = {
        _design_number(design, index)
        for index, design in enumerate(designs)
        if isinstance(design, dict) and "reproductions" not in design
    }
    pool = max((r.position for r in rows if r.design_number is None), default=0)
    for row in rows:  # in their order: the views sent to the pool keep it
        if row.pk not in places and row.design_number is not None and row.design_number not in kept:
            pool += 1
            places[row.pk] = Place(None, pool, row.legend_code, row.legend_text)
    by_pk = {row.pk: row for row in rows}
    return {pk: place for pk, place in places.items() if _place_of(by_pk[pk]) != place}


def _rows(draft) -> list[Reproduction]:
    if draft is None:
        return []
    rows = Reproduction.objects.filter(draft=draft).order_by("design_number", "position", "id")
    return list(
        rows.only("id", "design_number", "position", "legend_code", "legend_text", "file", "sha256")
    )


def _listed(rows, designs) -> tuple[dict[int, Place], list[FieldError]]:
    find = _finder(rows)
    places, seen, errors = {}, {}, []
    for index, design in enumerate(designs):
        entries = design.get("reproductions") if isinstance(design, dict) else None
        for position, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
            path = f"designs[{index}].reproductions[{position - 1}]"
            row, problem = find(entry, path)
            if problem:
                errors.append(problem)
            elif row.pk in seen:
                errors.append(FieldError(path, _listed_twice(seen[row.pk])))
            else:
                seen[row.pk] = path
                number = _design_number(design, index)
                legend = _legend(row, entry, path, errors)
                places[row.pk] = Place(number, position, *legend)
    return places, errors


def _finder(rows):
    """entry, path -> (the row it names, None) or (None, the error at its path)."""
    numbers = _current_numbers(rows)
    by = {"sha256": defaultdict(list), "file": defaultdict(list), "number": defaultdict(list)}
    for row in rows:
        by["sha256"][row.sha256].append(row)
        by["file"][row.file.name].append(row)
        by["number"][numbers.get(row.pk)].append(row)

    def find(entry, path):
        for key in ("sha256", "file", "number") if isinstance(entry, dict) else ():
            value = entry.get(key)
            if not value:
                continue
            found = by[key].get(value, []) if isinstance(value, str) else []
            if len(found) == 1:
                return found[0], None
            if not found:
                return None, FieldError(f"{path}.{key}", _no_such_reproduction())
            # Several views with this value (the same image twice, which uploads refuse but
            # rows made otherwise may hold): the next key tells them apart.
        return None, FieldError(path, gettext("Name a reproduction of this application."))

    return find


def _current_numbers(rows) -> dict[int, str]:
    """{id: "d.n"} as the document shows them (A.I. Section 405)."""
    numbers, views = {}, {}
    for row in rows:
        if row.design_number is not None:
            views[row.design_number] = views.get(row.design_number, 0) + 1
            numbers[row.pk] = f"{row.design_number}.{views[row.design_number]}"
    return numbers


def _legend(row, entry, path, errors) -> tuple[str, str]:
    if not any(key in entry for key in LEGEND_KEYS):
        return row.legend_code, row.legend_text
    try:
        return legend_strict(entry.get("legend_code"), entry.get("legend_text"))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.extend(FieldError(f"{path}.{field}", message) for message in messages)
        return row.legend_code, row.legend_text


def legend_strict(code, text) -> tuple[str, str]:
    """`uploads.legend_clean` for a legend sent as JSON (a document or a reproduction's PATCH):
    a text sent with a code other than 00 is refused, where the wizard, which shows the text
    box with code 00 only, drops it without a word."""
    wrong = {
        key: gettext("A text, or null.")
        for key, value in (("legend_code", code), ("legend_text", text))
        if value is not None and type(value) is not str
    }
    if wrong:
        raise ValidationError(wrong)
    if text and code and code != OTHER_LEGEND_CODE:
        raise ValidationError({"legend_text": _text_needs_other_code()})
    return legend_clean(code, text)


def _design_number(design, index: int) -> int:
    number = design.get("number") if isinstance(design, dict) else None
    return number if type(number) is int else index + 1


def _place_of(row) -> Place:
    return Place(row.design_number, row.position, row.legend_code, row.legend_text)


# --- annexes and payment ------------------------------------------------------------------------


def _annex_errors(draft, annexes) -> list[FieldError]:
    if not isinstance(annexes, dict) or not any(annexes.values()):
        return []
    stored = (draft_document(draft).get("annexes") or {}) if draft is not None else {}
    errors = []
    for annex, entries in annexes.items():
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            errors += _annex_entry_errors(
                stored.get(annex) or [], entry, f"annexes.{annex}[{index}]"
            )
    return errors


def _annex_entry_errors(stored: list[dict], entry, path: str) -> list[FieldError]:
    if not isinstance(entry, dict):
        return []  # the parser says what is wrong with it
    match = next(
        (
            s
            for s in stored
            if (entry.get("sha256") and s.get("sha256") == entry["sha256"])
            or (entry.get("file") and s.get("file") == entry["file"])
        ),
        None,
    )
    if match is None:
        return [FieldError(path, _upload_annexes_first())]
    return [
        FieldError(f"{path}.{key}", _annex_fixed())
        for key in ("kind", *ANNEX_DETAIL_KEYS)
        if key in entry and _given(entry[key]) != _given(match.get(key))
    ]


def _given(value):
    """An empty list or text says no more than a missing key or null."""
    return None if value in (None, "", []) else value


def _payment_errors(document: dict) -> list[FieldError]:
    """The Fees step's choice: {"method": ...} as the wizard stores it, or null."""
    if "payment" not in document or document["payment"] in (None, {}):
        return []
    payment = document["payment"]
    if not isinstance(payment, dict):
        return [
            FieldError("payment", gettext('Send an object such as {"method": "card"}, or null.'))
        ]
    methods = [value for value, _label in PAYMENT_METHODS]
    errors = [
        FieldError(f"payment.{key}", gettext("Unknown key: payment has only a method."))
        for key in payment
        if key != "method"
    ]
    if payment.get("method") not in methods:
        errors.append(
            FieldError(
                "payment.method",
                gettext("Choose one of %(methods)s.") % {"methods": ", ".join(methods)},
            )
        )
    return errors


# --- messages -----------------------------------------------------------------------------------


def _no_such_reproduction() -> str:
    return gettext(
        "This application has no such reproduction: upload the image first, then place it here."
    )


def _listed_twice(path: str) -> str:
    return gettext("This reproduction is already placed at %(path)s.") % {"path": path}


def _text_needs_other_code() -> str:
    return gettext("A legend text goes with legend code 00 (other) only.")


def _upload_annexes_first() -> str:
    return gettext(
        "This application has no such annex document: upload it as a file first; its entry "
        "then appears here."
    )


def _annex_fixed() -> str:
    return gettext(
        "Fixed when the document was uploaded: delete the document and upload it again to "
        "change this."
    )
