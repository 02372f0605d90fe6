"""Reads of the Bulletin: only what is published, on or before today (Rule 17). Nothing of a
registration exists here before its publication (its entries are written by the publication),
and every read checks the date again, so that a clock or a beat run out of step shows nothing
early either."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet

from hague_portal.hague.clock import geneva_today

from .models import BulletinEntry, BulletinIssue, EntryKind
from .search import fold, locarno_codes

PER_PAGE = 20
NUMBER_SLUG = re.compile(r"^([A-Z]{2})-(\d{1,9})$")


def number_slug(number: str) -> str:
    """The registration number in a URL: "DM/123456" is "DM-123456"."""
    return number.replace("/", "-")


def number_from_slug(slug: str) -> str | None:
    match = NUMBER_SLUG.match(slug or "")
    return f"{match.group(1)}/{match.group(2)}" if match else None


def entries_public(*, today: date | None = None) -> QuerySet[BulletinEntry]:
    today = today or geneva_today()
    return BulletinEntry.objects.filter(date__lte=today, registration__published_on__lte=today)


def issues_public(*, today: date | None = None) -> QuerySet[BulletinIssue]:
    """The issues that carry something published, newest first."""
    visible = entries_public(today=today).filter(issue=OuterRef("pk"))
    return BulletinIssue.objects.filter(Exists(visible)).order_by("-dated")


def issue_get(*, year: int, number: int, today: date | None = None) -> BulletinIssue:
    """DoesNotExist (a 404) for an issue with nothing published in it."""
    return issues_public(today=today).get(year=year, number=number)


def issue_entries(*, issue, today: date | None = None) -> list[BulletinEntry]:
    return list(entries_public(today=today).filter(issue=issue).order_by("kind", "number", "id"))


def issue_kinds(*, issue, today: date | None = None) -> list[tuple[str, str, int]]:
    """(kind, label, entries) for each kind of entry the issue carries, in EntryKind's order."""
    counts = dict(
        entries_public(today=today)
        .filter(issue=issue)
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return [(kind, label, counts[kind]) for kind, label in EntryKind.choices if kind in counts]


def issue_page(*, issue, kind: str, page: int = 1, per_page: int = 50, today=None) -> Page:
    """One page of an issue's entries of one kind, by registration number (an issue carries a
    thousand registrations and more: one page would take a second to render)."""
    found = entries_public(today=today).filter(issue=issue, kind=kind)
    count = found.count()
    number = max(1, min(page, math.ceil(count / per_page) or 1))
    start = (number - 1) * per_page
    rows = list(found.select_related("issue").order_by("number", "id")[start : start + per_page])
    return Page(rows, number, per_page, count)


def registration_entries(*, number: str, today: date | None = None) -> list[BulletinEntry]:
    """A registration's published entry first, then the Offices' decisions, oldest first; []
    for a number not published (the caller answers 404)."""
    entries = list(entries_public(today=today).filter(number=number).select_related("issue"))
    if not any(e.kind == EntryKind.REGISTRATION for e in entries):
        return []
    return sorted(entries, key=lambda e: (e.kind != EntryKind.REGISTRATION, e.date, e.id))


def published_reproduction(*, number: str, sha256: str, today: date | None = None) -> dict:
    """The reproduction (path, thumbnail) of a published registration; LookupError otherwise."""
    entry = (
        entries_public(today=today)
        .filter(number=number, kind=EntryKind.REGISTRATION)
        .only("designs")
        .first()
    )
    for design in entry.designs if entry else ():
        for view in design.get("reproductions") or ():
            if view.get("sha256") == sha256:
                return view
    raise LookupError(sha256)


@dataclass(frozen=True)
class Search:
    """What the Bulletin is searched by; empty values do not filter."""

    number: str = ""
    holder: str = ""
    product: str = ""
    locarno: str = ""
    party: str = ""
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""


def entries_search(*, search: Search, today: date | None = None) -> QuerySet[BulletinEntry]:
    """Each filter is a LIKE over an indexed column (trigram GIN on PostgreSQL, migration
    0002): the number from its start or within it, the folded holder and products within them,
    the class and the party as whole codes between spaces."""
    entries = entries_public(today=today)
    # "dm 000 001" and "DM-000001" (the number as the URLs write it) are DM/000001.
    number = search.number.strip().upper().replace(" ", "").replace("-", "/")
    if number:
        entries = entries.filter(number__contains=number)
    if search.holder.strip():
        entries = entries.filter(holder_folded__contains=fold(search.holder.strip()))
    if search.product.strip():
        entries = entries.filter(products_folded__contains=fold(search.product.strip()))
    if search.locarno.strip():
        code = locarno_codes(search.locarno.strip())[-1]
        entries = entries.filter(classes__contains=f" {code} ")
    if search.party:
        entries = entries.filter(parties_text__contains=f" {search.party.upper()} ")
    if search.date_from:
        entries = entries.filter(date__gte=search.date_from)
    if search.date_to:
        entries = entries.filter(date__lte=search.date_to)
    if search.kind:
        entries = entries.filter(kind=search.kind)
    return entries.order_by("-date", "-id")


@dataclass(frozen=True)
class Page:
    rows: list
    number: int
    per_page: int
    count: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def entries_page(*, search: Search, page: int = 1, per_page: int = PER_PAGE, today=None) -> Page:
    """One page of results and their count, in two queries (the issue read with each row)."""
    found = entries_search(search=search, today=today)
    count = found.count()
    number = max(1, min(page, math.ceil(count / per_page) or 1))
    start = (number - 1) * per_page
    rows = list(found.select_related("issue")[start : start + per_page])
    return Page(rows, number, per_page, count)


def issues_page(*, page: int = 1, per_page: int = 52, today=None) -> Page:
    issues = issues_public(today=today)
    count = issues.count()
    number = max(1, min(page, math.ceil(count / per_page) or 1))
    start = (number - 1) * per_page
    return Page(list(issues[start : start + per_page]), number, per_page, count)
