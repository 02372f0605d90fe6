"""What the Office of a designated Contracting Party reads (issue 22): the published
registrations designating its party, one registration's designs and reproductions. Nothing of a
registration is shown before its publication (Rule 17; Article 10(5)(a): the International
Bureau keeps an unpublished registration confidential)."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet

from hague_portal.examination.selectors import application_document_now
from hague_portal.reference.selectors import reference_data

from .models import Designation
from .selectors import registrations_published

PAGE_SIZE = 25
# The refusal period ending first at the top; the registration number (unique) makes the order
# total, so that a page read backwards from the end holds the rows it does read forwards.
ORDERING = (F("refusal_period_end").asc(nulls_last=True), F("registration__number").asc())


def office_designations(
    *, user, status: str = "", q: str = "", today: date | None = None
) -> QuerySet[Designation]:
    """The designations of the user's party in published registrations, the refusal period
    ending first at the top; filtered by status, searched by number or holder."""
    office = getattr(user, "office", None)
    if office is None:
        return Designation.objects.none()
    rows = Designation.objects.filter(
        registration__in=registrations_published(today=today), party=office.party
    ).select_related("registration")
    if status:
        rows = rows.filter(status=status)
    if q.strip():
        q = q.strip()
        rows = rows.filter(
            Q(registration__number__icontains=q) | Q(registration__holder_name__icontains=q)
        )
    return rows.order_by(*ORDERING)


def office_page(rows: QuerySet[Designation], number, per_page: int = PAGE_SIZE) -> Page:
    """A page of `office_designations` (a bad or missing number: the first; past the end: the
    last). A page in the second half is read backwards from the end, so the last costs what the
    first does (forwards, PostgreSQL sorts and skips every row before it: at ~90,000
    designations of one party the last page cost about as much CPU as the 200 ms budget)."""
    page = Paginator(rows, per_page).get_page(number)
    count = page.paginator.count
    start, end = page.start_index() - 1, page.end_index()
    if count and start > count - end:
        backwards = rows.order_by(*(term.copy().reverse_ordering() for term in ORDERING))
        page.object_list = list(backwards[count - end : count - start])[::-1]
    return page


def registration_designs(registration) -> list[dict]:
    """Each design as the registration now stands (the last accepted revision): number,
    product indication (item 8), Locarno class and its reproductions' SHA-256."""
    from hague_portal.examination.letters import locarno_titles

    document = application_document_now(registration.examination)
    designs = document.get("designs") or ()
    titles = locarno_titles(design.get("locarno") for design in designs)
    return [
        {
            "number": design.get("number"),
            "product": design.get("product") or "",
            "locarno": design.get("locarno") or "",
            "locarno_title": titles.get(design.get("locarno") or "", ""),
            "reproductions": [
                {"number": view.get("number") or "", "sha256": view["sha256"]}
                for view in design.get("reproductions") or ()
                if view.get("sha256")
            ],
        }
        for design in designs
    ]


def reproduction_of(registration, sha256: str) -> bool:
    """Whether this file is a reproduction of the registration as it now stands: an Office is
    shown the reproductions, never the annexes or a replaced view."""
    return any(
        view["sha256"] == sha256
        for design in registration_designs(registration)
        for view in design["reproductions"]
    )


def party_has_two_part_fee(designation) -> bool:
    """Rule 12(3): the party declared an individual fee in two parts (on the registration date)."""
    ref = reference_data()
    on = designation.registration.registration_date
    return ref.declaration(designation.party, "two_part_fee", on) is not None
