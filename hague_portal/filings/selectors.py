"""Reads of drafts: who may open one, the assembled application document, its parsed form.

Access (one place, so every URL naming a draft asks the same question):
- the creator of a draft without client reads and edits;
- members of the firm of the draft's client: admins and editors edit, viewers read;
- a client's user the draft is shared with (filings.sharing): editors edit, viewers read;
- staff (examiners of the International Bureau) read.
A submitted draft is read-only for everyone.
"""

import copy
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.http import Http404

from hague_portal.accounts.models import Client, FirmMembership
from hague_portal.accounts.selectors import EDITING_ROLES
from hague_portal.hague.document import (
    SCHEMA,
    Application,
    DocumentError,
    FieldError,
    parse_application,
)

from .models import Attachment, Draft, DraftStatus, Reproduction, ShareRole
from .sharing import draft_share_for, shared_draft_ids

# Keys of the stored document that belong to the portal, not to the application document.
PORTAL_KEYS = ("payment",)
# Default `kind` of an annex entry made from an Attachment row, per Annex (DM/1 Annexes I-V).
ANNEX_KINDS = {
    "annex_I": ("I", "declaration"),
    "annex_II": ("II", "disclosure"),
    "annex_III": ("III", "statement"),
    "annex_IV": ("IV", "certification"),
    "annex_V": ("V", "priority_document"),
}
ANNEX_DETAIL_KEYS = ("creator", "signatory", "signed_on", "designs", "parties", "priority")


# --- access -------------------------------------------------------------------------------


def draft_role(*, user, draft) -> str | None:
    """ "edit", "read" or None. One query for a firm member, two for a shared client's user.

    A draft for a client is reached through the firm only (not as its creator), so a member
    removed from the firm loses it at once; a share (filings.sharing) opens that one draft."""
    return _draft_access(user=user, draft=draft)[0]


def _draft_access(*, user, draft) -> tuple[str | None, bool]:
    """(role, through a share)."""
    if not user.is_authenticated:
        return None, False
    if draft.created_by_id == user.pk and draft.client_id is None:
        return "edit", False
    if draft.client_id is not None:
        role = (
            FirmMembership.objects.filter(user=user, firm__clients=draft.client_id)
            .values_list("role", flat=True)
            .first()
        )
        if role is not None:
            return ("edit" if role in EDITING_ROLES else "read"), False
    if user.is_staff:
        return "read", False
    if Draft.objects.filter(held_by(user), pk=draft.pk).exists():
        return "read", False  # issue 23: its registration's holder since a change in ownership
    share = draft_share_for(user=user, draft=draft)
    if share is None:
        return None, False
    return ("edit" if share.role == ShareRole.EDITOR else "read"), True


def draft_get_for_user(*, user, draft_id, for_edit=False) -> Draft:
    """The draft, or Http404 for anyone who may not see it (or, with for_edit, change it)."""
    # Not select_related("created_by"): a user row (~0.25 ms a request to build, issue 11) that
    # only the sharing page reads.
    draft = Draft.objects.select_related("client").filter(pk=draft_id).first()
    if draft is None:
        raise Http404("No such application.")
    role, shared = _draft_access(user=user, draft=draft)
    if role is None or (for_edit and not draft_is_editable(draft=draft, role=role)):
        raise Http404("No such application.")
    draft.user_role = role
    draft.shared_with_user = shared  # a client's user: may not submit (filings.sharing)
    return draft


def clients_fileable_by(*, user):
    """The clients the user may start an application for (admin or editor of their firm)."""
    return Client.objects.filter(
        firm__in=FirmMembership.objects.filter(user=user, role__in=EDITING_ROLES).values("firm_id")
    ).select_related("firm")


def draft_is_editable(*, draft, role) -> bool:
    return role == "edit" and draft.status == DraftStatus.DRAFT


def held_by(user) -> Q:
    """The drafts whose registration the user holds now (a change in ownership moved it to the
    user's account, or to a client of the user's firm) or represents (the user's firm was
    recorded as the holder's representative, DM/7): a lookup on the Register's columns."""
    registration = "submission__examination__registration__"
    return (
        Q(**{f"{registration}owner_user": user})
        | Q(**{f"{registration}owner_client__firm__memberships__user": user})
        | Q(**{f"{registration}representative_firm__memberships__user": user})
    )


def drafts_visible_to(*, user):
    """The user's own drafts, those of the clients of the user's firms and those shared with
    the user (the workbench)."""
    firms = FirmMembership.objects.filter(user=user).values("firm_id")
    return (
        Draft.objects.filter(
            Q(created_by=user, client__isnull=True)
            | Q(client__firm_id__in=firms)
            | Q(pk__in=shared_draft_ids(user=user))
            | Q(pk__in=Draft.objects.filter(held_by(user)).values("pk"))
        )
        .select_related("client")
        .only(
            "id",
            "title",
            "status",
            "version",
            "updated_at",
            "submitted_at",
            "client__id",
            "client__name",
        )
        .order_by("-updated_at")
    )


# --- the application document -------------------------------------------------------------


def draft_document(draft) -> dict:
    """The full application document: the stored one plus reproductions and annex entries.

    One query for reproductions and one for attachments, whatever the number of designs.
    Copies only what it changes (the top level and each design), not the whole document: a
    deep copy cost ~4 ms for 100 designs. The rest is shared with `draft.document`, so callers
    must not mutate the result in place (none does: they build new dicts from it).
    """
    doc = {"schema": SCHEMA, **(draft.document or {})}
    by_design = _reproductions_by_design(draft)
    designs = doc.get("designs")
    if isinstance(designs, list):
        doc["designs"] = [
            {**design, "reproductions": by_design.get(design.get("number", position), [])}
            if isinstance(design, dict)
            else design
            for position, design in enumerate(designs, start=1)
        ]
    annexes = _annex_entries(draft)
    if annexes:
        doc["annexes"] = annexes
    return doc


# The two reads of `draft_document`, which every wizard request makes (page, save, panel) in
# SQL written once: building them through the ORM cost 0.7 ms each a request, the query itself
# 0.13 ms (issue 11, bench/wizard_load.py). Columns and order as the models' own:
# Reproduction.Meta.ordering, and annexes by kind, then upload.
_REPRODUCTIONS_TABLE = Reproduction._meta.db_table
_REPRODUCTION_ROWS = (
    f"SELECT design_number, legend_code, legend_text, file, sha256 FROM {_REPRODUCTIONS_TABLE}"
    " WHERE draft_id = %s AND design_number IS NOT NULL ORDER BY design_number, position, id"
)
_ANNEX_ROWS = (
    f"SELECT kind, file, sha256, details FROM {Attachment._meta.db_table}"
    f" WHERE draft_id = %s AND kind IN ({', '.join(['%s'] * len(ANNEX_KINDS))})"
    " ORDER BY kind, uploaded_at, id"
)
_DETAILS = Attachment._meta.get_field("details")  # decodes the JSON as the ORM does


def _rows(sql: str, draft, *params) -> list[tuple]:
    """`sql`'s rows for the draft; its id as the database stores it (SQLite: 32 hex digits)."""
    draft_id = Draft._meta.pk.get_db_prep_value(draft.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [draft_id, *params])
        return cursor.fetchall()


def _reproductions_by_design(draft) -> dict[int, list[dict]]:
    rows = _rows(_REPRODUCTION_ROWS, draft)
    grouped: dict[int, list[dict]] = defaultdict(list)
    for design_number, legend_code, legend_text, file, sha256 in rows:
        views = grouped[design_number]
        views.append(
            {
                "number": f"{design_number}.{len(views) + 1}",  # A.I. Section 405: 1.1, 1.2, 2.1
                "legend_code": legend_code or None,
                "legend_text": legend_text or None,
                "file": file or None,
                "sha256": sha256 or None,
            }
        )
    return grouped


def _annex_entries(draft) -> dict[str, list[dict]]:
    rows = _rows(_ANNEX_ROWS, draft, *ANNEX_KINDS)
    annexes: dict[str, list[dict]] = {}
    for kind, file, sha256, details in rows:
        annex, default_kind = ANNEX_KINDS[kind]
        details = _DETAILS.from_db_value(details, None, connection) or {}
        entry = {"kind": details.get("kind", default_kind), "file": file or None}
        entry["sha256"] = sha256 or None
        entry.update({key: details[key] for key in ANNEX_DETAIL_KEYS if key in details})
        annexes.setdefault(annex, []).append(entry)
    return annexes


@dataclass(frozen=True)
class ParsedDraft:
    application: Application
    # What had to be left out to parse the draft: shown to the user as errors.
    dropped: tuple[FieldError, ...]


def document_parse_lenient(doc: dict, ref) -> ParsedDraft:
    """Parse a possibly half-filled document, leaving out the parts that do not parse.

    The formality checks then report what is missing; what was left out is reported as well.
    """
    data = {k: v for k, v in doc.items() if k not in PORTAL_KEYS}
    dropped: list[FieldError] = []
    for _ in range(8):  # each round removes every failing part; nesting is at most 4 deep
        try:
            # The Application holds no reference into `data` (the parser builds new tuples,
            # dicts and dataclasses; leaves are str/int/bool), so the caller's document need
            # only be copied once a part has to be cut out of it.
            return ParsedDraft(parse_application(data, ref), tuple(dropped))
        except DocumentError as exc:
            if not dropped:
                data = copy.deepcopy(data)
            dropped.extend(exc.errors)
            for path in sorted({e.path for e in exc.errors}, key=_path_key, reverse=True):
                _remove_path(data, path)
    return ParsedDraft(Application(), tuple(dropped))


def draft_application(draft, ref, *, document=None) -> Application:
    """The draft as the rules core sees it (lenient: see `document_parse_lenient`)."""
    doc = document if document is not None else draft_document(draft)
    return document_parse_lenient(doc, ref).application


def _split_path(path: str) -> list:
    parts: list = []
    for chunk in path.replace("]", "").split("."):
        name, *indices = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indices if i.isdigit())
    return parts


def _path_key(path: str):
    return [(0, p) if isinstance(p, int) else (1, p) for p in _split_path(path)]


def _remove_path(data, path: str) -> None:
    """Remove the value at `path`; for a missing required key, remove its container."""
    parts = _split_path(path)
    if not parts:
        return
    trail = [data]
    for part in parts[:-1]:
        node = trail[-1]
        try:
            trail.append(node[part])
        except (KeyError, IndexError, TypeError):
            return
    parent, last = trail[-1], parts[-1]
    try:
        parent[last]
    except (KeyError, IndexError, TypeError):
        # "required": the key is missing, so the object holding it cannot stand.
        if len(parts) > 1:
            _remove_path(data, _join_path(parts[:-1]))
        return
    if isinstance(parent, list):
        parent.pop(last)
    else:
        parent.pop(last)


def _join_path(parts: list) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
