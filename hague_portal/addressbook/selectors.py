"""Reads of the address book: whose entries a user may see (their own, and their firms' whatever
the role) and change (their own, and their firms' as an administrator or editor)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404

from hague_portal.accounts.models import Firm, FirmMembership
from hague_portal.accounts.selectors import EDITING_ROLES

from .models import Entry

ENTRIES_PER_PAGE = 50


def _visible(user) -> Q:
    # A subquery, not a join: no DISTINCT over a hundred thousand rows.
    firms = FirmMembership.objects.filter(user=user).values("firm_id")
    return Q(owner_user=user) | Q(owner_firm_id__in=firms)


def entries_visible_to(*, user):
    if not user.is_authenticated:
        return Entry.objects.none()
    return Entry.objects.filter(_visible(user))


def entry_get_for_user(*, user, entry_id, for_edit: bool = False) -> tuple[Entry, bool]:
    """The entry and whether the user may change it; 404 for anyone who may not see it, and
    for a viewer when `for_edit` (what they may not change is not theirs to ask about)."""
    entry = entries_visible_to(user=user).select_related("owner_firm").filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry.")
    editable = entry_is_editable(user=user, entry=entry)
    if for_edit and not editable:
        raise Http404("No such entry.")
    return entry, editable


def entry_is_editable(*, user, entry) -> bool:
    if entry.owner_user_id is not None:
        return entry.owner_user_id == user.pk
    return FirmMembership.objects.filter(
        user=user, firm_id=entry.owner_firm_id, role__in=EDITING_ROLES
    ).exists()


def books_of(*, user, editable: bool = False) -> list[tuple[str, str]]:
    """The address books the user reads (or, `editable`, writes): ("me", "My address book")
    and ("firm-<id>", the firm's name)."""
    from django.utils.translation import gettext

    memberships = FirmMembership.objects.filter(user=user).select_related("firm")
    if editable:
        memberships = memberships.filter(role__in=EDITING_ROLES)
    firms = sorted((m.firm for m in memberships), key=lambda f: f.name)
    return [("me", gettext("My address book")), *((f"firm-{f.pk}", f.name) for f in firms)]


def book_owner(*, user, book: str, editable: bool = True) -> dict | None:
    """The owner a book key names, as Entry fields ({"owner_user": user} or {"owner_firm":
    firm}), if the user may use it; else None."""
    if book == "me":
        return {"owner_user": user}
    if book.startswith("firm-") and book[5:].isdigit():
        memberships = FirmMembership.objects.filter(user=user, firm_id=int(book[5:]))
        if editable:
            memberships = memberships.filter(role__in=EDITING_ROLES)
        if memberships.exists():
            return {"owner_firm": Firm.objects.get(pk=int(book[5:]))}
    return None


def entries_search(*, user, q: str = "", kind: str = "", book: str = ""):
    """The entries the user sees, by name: `q` in the name, e-mail or town; `kind` one kind;
    `book` one book ("me", "firm-<id>")."""
    entries = entries_visible_to(user=user)
    if book:
        owner = book_owner(user=user, book=book, editable=False)
        entries = entries.filter(**owner) if owner else entries.none()
    if kind:
        entries = entries.filter(kind=kind)
    q = " ".join(q.split())
    if q:
        entries = entries.filter(
            Q(name__icontains=q) | Q(data__email__icontains=q) | Q(data__address__city__icontains=q)
        )
    return entries.select_related("owner_firm").order_by("name", "pk")


def entries_page(*, user, page=1, per_page: int = ENTRIES_PER_PAGE, **filters):
    return Paginator(entries_search(user=user, **filters), per_page).get_page(page)


def entries_for_block(*, user, kind: str, q: str = "", limit: int = 30) -> list[Entry]:
    """What the wizard offers to fill a block: the entries of that kind, those matching `q`
    when searched, else the most recently changed."""
    entries = entries_search(user=user, kind=kind, q=q)
    if not q:
        entries = entries.order_by("-updated_at", "-pk")
    return list(entries[:limit])
