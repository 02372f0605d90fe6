"""Writes to drafts: create, save a step (optimistic lock), autosave, import, duplicate, submit.

Concurrency: a save names the version the user saw and is applied with a conditional
`UPDATE ... WHERE id = ... AND version = seen_version`; zero rows updated means someone else
saved first, and `DraftConflict` tells the user what they changed (from `DraftRevision`).
Submission locks the row (`select_for_update`) and moves DRAFT -> SUBMITTED with a conditional
update, so two clicks or two tabs give exactly one submission.
"""

import copy
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Func, JSONField, TextField, Value
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from hague_portal.accounts.selectors import user_can_file_for_client, user_is_representative
from hague_portal.hague.document import (
    LANGUAGES,
    SCHEMA,
    DocumentError,
    FieldError,
    parse_application,
)
from hague_portal.lib.json_input import MAX_DEPTH, JsonTooDeep, json_loads
from hague_portal.lib.text import json_text_problems

from .diff import document_changes
from .listing import draft_list_columns
from .models import Draft, DraftRevision, DraftStatus, Reproduction
from .selectors import PORTAL_KEYS, draft_document

# Parts of a document backed by files: never stored in Draft.document, never imported.
FILE_BACKED = ("annexes",)


class DraftError(Exception):
    """A request the draft cannot honour; the message is for the user."""


class DraftConflict(DraftError):
    """Someone saved the draft after the version this user saw."""

    def __init__(self, *, current_version: int, changes: list[str]):
        self.current_version = current_version
        self.changes = changes
        super().__init__(
            gettext("This application was changed by someone else while you were editing it.")
        )


class DraftNotReady(DraftError):
    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            gettext("The application still has errors; correct them before submitting.")
        )


@dataclass(frozen=True)
class ImportResult:
    draft: Draft | None
    errors: tuple[FieldError, ...] = ()
    file_error: str = ""  # the file itself cannot be read as a document (shown at its field)


# --- create ---------------------------------------------------------------------------------


def draft_create(*, user, client=None, language="en") -> Draft:
    """A new draft; item 1 pre-filled from the client (representative) or from the user.
    `language` (Rule 6(1)): the application's language until the first step says otherwise;
    the wizard passes the interface language of the user."""
    _check_may_file(user=user, client=client)
    language = language if language in LANGUAGES else "en"
    document = {"schema": SCHEMA, "language": language, **_prefill(user=user, client=client)}
    with translation.override(language):  # the title is the application's: in its language
        title = (
            gettext("%(client)s: new application") % {"client": client.name}
            if client
            else gettext("New application")
        )
    return _draft_insert(user=user, client=client, title=title, document=document)


def _check_may_file(*, user, client) -> None:
    if client is None and user_is_representative(user=user):
        raise DraftError(gettext("Choose the client this application is filed for."))
    if client is not None and not user_can_file_for_client(user=user, client=client):
        raise PermissionDenied(gettext("You may not file for this client."))


def _prefill(*, user, client) -> dict:
    if client is None:
        applicant = {"name": user.full_name or "", "kind": "natural", "email": user.email}
        return {"applicants": [applicant]}
    applicant = {
        "name": client.name,
        "kind": client.kind,
        "email": client.email or None,
        "address": client.postal_address(),
    }
    firm = client.firm
    representative = {
        "name": firm.name,
        "email": firm.email or user.email,
        "address": firm.postal_address(),
    }
    # Item 4 stays empty: with a representative, the International Bureau writes to it.
    return {"applicants": [applicant], "representative": representative}


@transaction.atomic
def _draft_insert(*, user, client, title, document) -> Draft:
    columns = draft_list_columns(document, client_name=client.name if client else "", title=title)
    draft = Draft.objects.create(
        created_by=user, client=client, title=title, document=document, updated_by=user, **columns
    )
    DraftRevision.objects.create(
        draft=draft, version=draft.version, document=document, step="create", saved_by=user
    )
    return draft


# --- save a step ------------------------------------------------------------------------------


def draft_save_step(*, draft, user, step, seen_version, data, renumber=None) -> Draft:
    """Set the top-level keys in `data` (one step's part of the document) at `seen_version`.

    `renumber` ({old design number: new number or None}) re-assigns reproductions when designs
    were removed, in the same transaction. Raises DraftConflict if someone saved in between.
    """
    if draft.status != DraftStatus.DRAFT:
        raise DraftError(
            gettext("This application has been submitted and can no longer be changed.")
        )
    if draft.version != seen_version:
        raise draft_conflict(draft=draft, seen_version=seen_version)
    # A new top level is enough: nothing below it is changed in place, and `draft.document` is
    # replaced by this dict at the end (a deep copy cost ~4 ms for 100 designs).
    document = {**draft.document, **data}
    steps_saved = {**draft.steps_saved, step: timezone.now().isoformat()}
    title = _title(draft, document)
    with transaction.atomic():
        autosave, kept_autosave = _autosave_without(draft, step)
        updated = Draft.objects.filter(
            pk=draft.pk, version=seen_version, status=DraftStatus.DRAFT
        ).update(
            document=document,
            version=F("version") + 1,
            steps_saved=steps_saved,
            autosave=autosave,
            title=title,
            updated_at=timezone.now(),
            updated_by=user,
            # The workbench filters and searches on these (filings.listing).
            **_list_columns(draft, document, title),
        )
        if updated != 1:
            # Lost the race between reading the draft and writing it.
            draft.refresh_from_db()
            raise draft_conflict(draft=draft, seen_version=seen_version)
        DraftRevision.objects.create(
            draft=draft, version=seen_version + 1, document=document, step=step, saved_by=user
        )
        if renumber:
            _renumber_reproductions(draft=draft, renumber=renumber)
    draft.document, draft.version = document, seen_version + 1
    draft.steps_saved, draft.autosave = steps_saved, kept_autosave
    draft.title = title
    return draft


def _autosave_without(draft, step):
    """(what to write in `autosave`, what it then holds) once `step`'s kept input is dropped.

    Autosave writes do not bump the version, so another step's input autosaved since this draft
    was read must not be lost: on PostgreSQL the UPDATE itself removes the key (jsonb - text,
    one query less a save, issue 11); elsewhere the row is read again under a lock."""
    if connection.vendor == "postgresql":
        without = Func(
            F("autosave"),
            Cast(Value(step), TextField()),
            template="(%(expressions)s)",
            arg_joiner=" - ",
            output_field=JSONField(),
        )
        return without, {k: v for k, v in (draft.autosave or {}).items() if k != step}
    current = Draft.objects.select_for_update().filter(pk=draft.pk).values("autosave")
    kept = (current.first() or {}).get("autosave") or {}
    autosave = {k: v for k, v in kept.items() if k != step}
    return autosave, autosave


def _list_columns(draft, document, title) -> dict:
    client_name = draft.client.name if draft.client_id else ""
    return draft_list_columns(document, client_name=client_name, title=title)


def _title(draft, document) -> str:
    """The draft's title ("Application: chair and 2 more") in the application's language
    (Rule 6(1)), as its product names are, whoever saves it in whatever interface language."""
    designs = document.get("designs") or []
    products = [d.get("product") for d in designs if isinstance(d, dict) and d.get("product")]
    if not products:
        return draft.title
    with translation.override(document.get("language") or "en"):
        return _title_from(draft, products)


def _title_from(draft, products) -> str:
    head = draft.client.name if draft.client_id else gettext("Application")
    if len(products) > 1:
        more = len(products) - 1
        title = ngettext(
            "%(head)s: %(product)s and %(more)s more",
            "%(head)s: %(product)s and %(more)s more",
            more,
        ) % {"head": head, "product": products[0], "more": more}
    else:
        title = f"{head}: {products[0]}"
    return title[:200]


def _renumber_reproductions(*, draft, renumber: dict[int, int | None]) -> None:
    # Removed designs first (their views become unassigned), then moves in ascending order:
    # new numbers are never above old ones, so a move never lands on a number still in use.
    removed = [old for old, new in renumber.items() if new is None]
    if removed:
        Reproduction.objects.filter(draft=draft, design_number__in=removed).update(
            design_number=None
        )
    for old, new in sorted((o, n) for o, n in renumber.items() if n is not None and o != n):
        Reproduction.objects.filter(draft=draft, design_number=old).update(design_number=new)


def draft_conflict(*, draft, seen_version) -> DraftConflict:
    revisions = list(
        DraftRevision.objects.filter(draft=draft, version__gte=seen_version)
        .select_related("saved_by")
        .order_by("version")
    )
    changes = []
    for before, after in zip(revisions, revisions[1:], strict=False):
        when = timezone.localtime(after.saved_at).strftime("%H:%M")
        for change in document_changes(before.document, after.document):
            changes.append(
                gettext("%(change)s (by %(email)s, %(time)s)")
                % {"change": change, "email": after.saved_by.email, "time": when}
            )
    if not changes and len(revisions) < 2:
        changes.append(
            gettext("The draft is now at version %(version)s.") % {"version": draft.version}
        )
    return DraftConflict(current_version=draft.version, changes=changes)


# --- autosave ---------------------------------------------------------------------------------


class UnstorableInput(DraftError):
    """Typed input holding characters no field may hold (NUL, lone surrogates)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(
            gettext("Your input was not kept: %(problems)s")
            % {"problems": " ".join(errors.values())}
        )


def draft_autosave(*, draft, step, seen_version, data: dict) -> bool:
    """Keep typed-but-unsaved input of one step; the version is not bumped.

    Refused (False) when the step was saved after `seen_version`: a late beacon sent as the
    page was left must not bring back input that has just been saved. Input PostgreSQL cannot
    store (NUL, lone surrogates) raises UnstorableInput naming the fields.
    """
    unstorable = json_text_problems(data)
    if unstorable:
        raise UnstorableInput(
            {
                _field_name(path): gettext("This input %(problem)s: remove it.") % {"problem": why}
                for path, why in unstorable
            }
        )
    if draft.status != DraftStatus.DRAFT:
        return False
    if DraftRevision.objects.filter(draft=draft, step=step, version__gt=seen_version).exists():
        return False
    entry = {"data": data, "at": timezone.now().isoformat(), "seen_version": seen_version}
    autosave = {**draft.autosave, step: entry}
    Draft.objects.filter(pk=draft.pk, status=DraftStatus.DRAFT).update(autosave=autosave)
    draft.autosave = autosave
    return True


def _field_name(path: str) -> str:
    # json_text_problems says `designs-0-product[0]` for the first value of a form field.
    return path.split("[", 1)[0]


def draft_autosave_discard(*, draft, step) -> None:
    autosave = {k: v for k, v in draft.autosave.items() if k != step}
    Draft.objects.filter(pk=draft.pk).update(autosave=autosave)
    draft.autosave = autosave


# --- export, import, duplicate ----------------------------------------------------------------


def draft_export(*, draft) -> bytes:
    """The full application document as JSON (portal keys such as "payment" included)."""
    return json.dumps(draft_document(draft), indent=2, ensure_ascii=False).encode()


def draft_import(*, user, client, content: bytes, ref) -> ImportResult:
    """A new draft from an exported or hand-written document; files are not imported."""
    _check_may_file(user=user, client=client)
    try:
        data = json_loads(content)
    except JsonTooDeep as exc:
        return ImportResult(None, file_error=_too_deep_message(exc))
    except UnicodeDecodeError:
        return ImportResult(
            None,
            (FieldError("", gettext("This file is not a JSON document: it is not text (UTF-8).")),),
        )
    except json.JSONDecodeError as exc:
        problem = gettext(
            "This file is not a JSON document: the text stops making sense at line %(line)s, "
            "column %(column)s."
        ) % {"line": exc.lineno, "column": exc.colno}
        return ImportResult(None, (FieldError("", problem),))
    if not isinstance(data, dict):
        problem = gettext(
            "The file holds JSON, but not an application: one object { … } is expected."
        )
        return ImportResult(None, (FieldError("", problem),))
    document = _without_files(data)
    # Portal keys ("payment") bypass the parser but are stored as they came: check all of it.
    unstorable = json_text_problems({k: document[k] for k in PORTAL_KEYS if k in document})
    if unstorable:
        return ImportResult(None, tuple(FieldError(path, why) for path, why in unstorable))
    try:
        parse_application({k: v for k, v in document.items() if k not in PORTAL_KEYS}, ref)
    except DocumentError as exc:
        return ImportResult(None, tuple(exc.errors))
    reference = document.get("reference")
    title = (
        gettext("Imported: %(reference)s") % {"reference": reference}
        if reference
        else gettext("Imported: application")
    )
    draft = _draft_insert(user=user, client=client, title=title, document=document)
    return ImportResult(draft)


def _too_deep_message(exc: JsonTooDeep) -> str:
    return gettext(
        "This document is nested more than %(depth)d levels deep (at %(path)s); an application "
        "document never is. Export it again from Hague Portal, or correct the file."
    ) % {"depth": MAX_DEPTH, "path": exc.path}


def _without_files(data: dict) -> dict:
    document = {k: v for k, v in copy.deepcopy(data).items() if k not in FILE_BACKED}
    for design in document.get("designs") or ():
        if isinstance(design, dict):
            design.pop("reproductions", None)
    return document


def draft_duplicate(*, draft, user) -> Draft:
    """A new draft starting from this one's answers, WITHOUT its files.

    Reproductions and annexes are left behind on purpose: a new application is for new designs
    and annex documents are signed for one application. Item 19 is left to be signed again.
    """
    client = draft.client
    if client is not None and not user_can_file_for_client(user=user, client=client):
        raise PermissionDenied(gettext("You may not file for this client."))
    document = {k: v for k, v in copy.deepcopy(draft.document).items() if k != "signatory"}
    title = (gettext("Copy of %(title)s") % {"title": draft})[:200]
    return _draft_insert(user=user, client=client, title=title, document=document)
