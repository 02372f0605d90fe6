"""Reads of the workbench: one list of a user's applications (drafts and filed), its tabs with
counts, filters, search, sort and pages; client suggestions; the user's exports. (The running
time limits: selectors_deadlines; the rows of an export: selectors_export.)

The list is over Draft (every submission has its draft, one-to-one), so drafts and filed
applications are one queryset: the visibility rule is `filings.selectors.drafts_visible_to`
(the one place that says who sees a draft) and the filed state is joined from Submission and
Examination. Costs a constant number of queries whatever the page size and whichever page: the
tab's count, the page's rows (payment annotated on those rows only), the counts per tab (one
grouped query, fetched after the page).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, gettext_lazy

from hague_portal.accounts.models import FirmMembership
from hague_portal.filings.listing import WORD
from hague_portal.filings.models import Draft
from hague_portal.filings.selectors import held_by
from hague_portal.filings.sharing import shared_draft_ids
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.periods import add_months
from hague_portal.payments.models import Payment, PaymentPurpose, PaymentStatus

from .search import SEARCH_CONFIG, Folded, fold

# (key, label, state): the tabs of the workbench, in order. Each is a value of the draft's
# `workbench_state`, which the submission and then the examination services keep in step: the
# counts group one column of the drafts instead of joining submissions and examinations.
TABS = (
    ("all", gettext_lazy("All"), None),
    ("drafts", gettext_lazy("Drafts"), "draft"),
    ("filed", gettext_lazy("Filed"), "filed"),
    ("irregular", gettext_lazy("Irregularity"), "irregular"),
    ("registered", gettext_lazy("Registered"), "registered"),
    ("abandoned", gettext_lazy("Abandoned"), "abandoned"),
    ("withdrawn", gettext_lazy("Withdrawn"), "withdrawn"),
)
TAB_CONDITIONS = {key: Q(workbench_state=state) if state else Q() for key, _, state in TABS}

# (key, label, ordering): the last tie-breaker (pk) makes the order total, so pages never
# repeat or skip a row. OrderBy expressions, so that a page near the end is read in the reverse
# order from the end (reverse_ordering: direction and nulls swapped).
SORTS = (
    ("changed", gettext_lazy("Last change"), (F("updated_at").desc(), F("pk").desc())),
    # Ascending, as the unique index on the number reads (drafts, without one, come last).
    (
        "number",
        gettext_lazy("Application number"),
        (F("submission__number").asc(nulls_last=True), F("pk").desc()),
    ),
    (
        "filed",
        gettext_lazy("Filing date"),
        (F("submitted_at").desc(nulls_last=True), F("pk").desc()),
    ),
    (
        "deadline",
        gettext_lazy("Next time limit"),
        (
            F("submission__examination__time_limit").asc(nulls_last=True),
            F("updated_at").desc(),
            F("pk").desc(),
        ),
    ),
)
SORT_ORDERING = {key: ordering for key, _, ordering in SORTS}

# (key, label): the filter by what the designated Offices decided (issue 22), each a token of
# portfolio.Protection.states that the workbench's consumer keeps: a registration matches when
# at least one of its designations is in that state.
PROTECTION_FILTERS = (
    ("awaiting", gettext_lazy("Awaiting decision")),
    ("refused", gettext_lazy("Refused")),
    ("protected", gettext_lazy("Granted or protected")),
    ("due", gettext_lazy("Second part of a fee due")),
    ("cancelled", gettext_lazy("Cancelled for a party")),
)
# How the list names a designation's state (the Register's statuses, shortened), in the order
# it shows them: what needs the holder first.
PROTECTION_WORDS = {
    "cancelled": gettext_lazy("cancelled"),
    "refused": gettext_lazy("refused"),
    "awaiting": gettext_lazy("awaiting"),
    "withdrawn": gettext_lazy("refusal withdrawn"),
    "granted": gettext_lazy("granted"),
    "protected": gettext_lazy("protected"),
}

# (key, label): the filter by renewal (issue 23): a registration in force whose renewal can be
# paid without the surcharge until a day within the next N months (those in the grace period
# too: they are the most urgent), or one in the six-month grace period (Rule 24(1)(c)).
RENEWAL_FILTERS = (
    ("3", gettext_lazy("Renewal due within 3 months")),
    ("6", gettext_lazy("Renewal due within 6 months")),
    ("12", gettext_lazy("Renewal due within 12 months")),
    ("grace", gettext_lazy("In the grace period")),
)
RENEWAL_FILTER_KEYS = frozenset(key for key, _ in RENEWAL_FILTERS)

APPLICATION_NUMBER = re.compile(r"^WIPO\d{1,12}$")
REGISTRATION_NUMBER = re.compile(r"^(?:DM/?)?(\d{6})$")
LIST_FIELDS = (
    "id",
    "title",
    "status",
    "reference",
    "parties",
    "applicant_names",
    "created_at",
    "updated_at",
    "submitted_at",
    "created_by",  # its id: whether the user may delete the draft (filings.deletion)
    "client__id",
    "client__name",
    "client__firm",
    "updated_by__id",
    "updated_by__email",
    "updated_by__full_name",
    "submission__id",
    "submission__number",
    "submission__fees_total",
    "submission__currency",
    "submission__received_at",
    "submission__examination__submission_id",
    "submission__examination__status",
    "submission__examination__time_limit",
    "submission__examination__fees_expected",
    "submission__examination__registration_number",
    "protection__parties",
    "protection__register_status",
    "protection__term",
    "protection__expiry",
    "protection__renewal_opens",
    "protection__due",
    "protection__grace_end",
)


@dataclass(frozen=True)
class Filters:
    """What the workbench's GET form asks for (all optional)."""

    tab: str = "all"
    q: str = ""
    client: str = ""  # part of the client's name
    party: str = ""
    locarno: str = ""
    reference: str = ""
    date_field: str = "created"  # "created" | "filed"
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "changed"
    protection: str = ""  # a key of PROTECTION_FILTERS
    renewal: str = ""  # a key of RENEWAL_FILTERS


def applications_visible_to(*, user):
    """Every application (draft or filed) the user may see on the workbench: the rows of
    `filings.selectors.drafts_visible_to` (tests/portfolio hold them equal for every role), with
    each clause's ids read first. PostgreSQL then plans on indexes: a clause with subqueries
    joined by OR is a scan of every draft (100,000 for an applicant who has 50). Another way
    to see a draft is one more clause here (and there)."""
    firms, held = _firms_and_held(user)
    shared = [row["draft_id"] for row in shared_draft_ids(user=user)]
    clauses = Q(created_by=user, client__isnull=True)
    if firms:
        clauses |= Q(client__firm_id__in=firms)
    if shared:
        clauses |= Q(pk__in=shared)
    if held:  # issue 23: registrations moved to the user by a change in ownership
        clauses |= Q(pk__in=held)
    return Draft.objects.filter(clauses)


def _firms_and_held(user) -> tuple[list[int], list[str]]:
    """The user's firms and the drafts whose registration the user holds since a change in
    ownership (issue 23), in one query (a UNION of both, as text, tagged by where it came from):
    the workbench's and the time limits' query counts stay what they were."""
    rows = list(firms_and_held_query(user))
    return (
        [int(value) for source, value in rows if source == "firm"],
        [value for source, value in rows if source == "held"],
    )


def firms_and_held_query(user):
    # No ORDER BY in the parts of a UNION (SQLite, `make run`'s database, refuses it): the
    # models' default orderings are cleared.
    firms = (
        FirmMembership.objects.filter(user=user)
        .order_by()
        .annotate(source=Value("firm"), value=Cast("firm_id", CharField()))
    )
    held = (
        Draft.objects.filter(held_by(user))
        .order_by()
        .annotate(source=Value("held"), value=Cast("pk", CharField()))
    )
    return firms.values_list("source", "value").union(held.values_list("source", "value"), all=True)


def applications_filtered(*, user, filters: Filters):
    """The visible applications narrowed by every filter except the tab (counts are per tab)."""
    rows = applications_visible_to(user=user)
    if filters.client:
        rows = rows.alias(client_folded=Folded(F("client__name"))).filter(
            client_folded__contains=fold(filters.client)
        )
    if filters.party:
        rows = rows.filter(parties__contains=f" {filters.party.upper()} ")
    if filters.locarno:
        rows = rows.filter(locarno_classes__contains=f" {filters.locarno} ")
    if filters.reference:
        rows = rows.filter(reference__icontains=filters.reference)
    if filters.protection:
        rows = rows.filter(protection__states__contains=f" {filters.protection} ")
    if filters.renewal in RENEWAL_FILTER_KEYS:
        rows = rows.filter(renewal_due_q(filters.renewal, today=geneva_today()))
    rows = _dated(rows, filters)
    return _searched(rows, filters.q)


def renewal_due_q(key: str, *, today: date, prefix: str = "protection__") -> Q:
    """The registrations a key of RENEWAL_FILTERS names, on `today`: in force, the grace
    period not over, and payable without the surcharge until at most N months from today
    ("grace": that day passed). One range on an index of Protection, no query per row."""
    in_force = {f"{prefix}register_status": "in_force", f"{prefix}grace_end__gte": today}
    if key == "grace":
        return Q(**in_force, **{f"{prefix}due__lt": today})
    return Q(**in_force, **{f"{prefix}due__lte": add_months(today, int(key))})


def _dated(rows, filters: Filters):
    column = "submitted_at" if filters.date_field == "filed" else "created_at"
    if filters.date_from:
        rows = rows.filter(**{f"{column}__date__gte": filters.date_from})
    if filters.date_to:
        rows = rows.filter(**{f"{column}__date__lte": filters.date_to})
    return rows


def _searched(rows, q: str):
    """Full text on PostgreSQL (GIN index, every word a prefix, accents ignored through the
    `hague_search` configuration), words contained on SQLite (accents ignored too: `search`).
    An application or registration number goes straight to its unique column."""
    q = q.strip()
    if not q:
        return rows
    compact = q.upper().replace(" ", "")
    if APPLICATION_NUMBER.match(compact):
        return rows.filter(submission__number=compact)
    if match := REGISTRATION_NUMBER.match(compact):
        return rows.filter(submission__examination__registration_number=f"DM/{match[1]}")
    words = WORD.findall(q)
    if not words:
        return rows
    if connection.vendor != "postgresql":
        rows = rows.alias(folded_text=Folded(F("search_text")))
        for word in words:
            rows = rows.filter(folded_text__contains=fold(word))
        return rows
    # Words are letters and digits only, so the raw tsquery cannot be malformed.
    query = SearchQuery(
        " & ".join(f"{w}:*" for w in words), config=SEARCH_CONFIG, search_type="raw"
    )
    return rows.annotate(found=SearchVector("search_text", config=SEARCH_CONFIG)).filter(
        found=query
    )


def applications_tab_counts(*, rows) -> dict[str, int]:
    """{tab: count} in one grouped query; "all" is their sum."""
    grouped = rows.order_by().values("workbench_state").annotate(n=Count("pk"))
    keys = {state: key for key, _, state in TABS if state}
    counts = {key: 0 for key, _, _ in TABS}
    for row in grouped:
        counts[keys.get(row["workbench_state"], "filed")] += row["n"]
        counts["all"] += row["n"]
    return counts


@dataclass(frozen=True)
class Page:
    """One page of the workbench's list, and where it stands among the tab's pages."""

    rows: list
    number: int
    per_page: int
    count: int  # rows of the tab with these filters

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def applications_page(*, rows, filters: Filters, page: int, per_page: int) -> Page:
    """One page of rows of the filters' tab, with payment and deadline states, in two queries
    (the count, then the page). The page's ids are chosen first, over the narrow ordered rows,
    and only those rows are read with their payments: annotated before the OFFSET, PostgreSQL
    computed the payment of every row it skipped (the last of 4,000 pages took seconds). A page
    in the second half is read backwards from the end, so the last costs what the first does."""
    listed = rows.filter(TAB_CONDITIONS.get(filters.tab, Q()))
    count = listed.count()
    number = min(page, max(1, math.ceil(count / per_page)))  # past the end: the last page
    start, end = (number - 1) * per_page, min(number * per_page, count)
    if start >= end:
        return Page([], number, per_page, count)
    ordering = SORT_ORDERING.get(filters.sort, SORT_ORDERING["changed"])
    chosen = listed.order_by(*ordering)
    if start > count - end:
        chosen = listed.order_by(*_reversed(ordering))
        start, end = count - end, count - start
    ids = chosen.values("pk")[start:end]
    today = geneva_today()
    found = _with_columns(Draft.objects.filter(pk__in=ids)).order_by(*ordering)
    return Page([_row(draft, today) for draft in found], number, per_page, count)


def applications_count(*, rows, filters: Filters) -> int:
    return rows.filter(TAB_CONDITIONS.get(filters.tab, Q())).count()


def _with_columns(drafts):
    return (
        drafts.select_related(
            "client", "updated_by", "submission", "submission__examination", "protection"
        )
        .only(*LIST_FIELDS)
        .annotate(**_payment_columns())
    )


def _reversed(ordering) -> list:
    return [term.copy().reverse_ordering() for term in ordering]


def _payment_columns() -> dict:
    money = DecimalField(max_digits=12, decimal_places=2)
    # Subqueries, not joins: a join of payments would multiply the rows.
    paid = (
        Payment.objects.filter(
            submission__draft=OuterRef("pk"),
            status=PaymentStatus.PAID,
            purpose=PaymentPurpose.FEES,  # a second part paid after registration is not one
        )
        .values("submission")
        .annotate(total=Sum("amount_received"))
        .values("total")
    )
    open_payments = Payment.objects.filter(
        submission__draft=OuterRef("pk"),
        status__in=(PaymentStatus.PENDING, PaymentStatus.AWAITING_PAYMENT),
    )
    return {
        "paid": Coalesce(Subquery(paid, output_field=money), Value(0, output_field=money)),
        "payment_open": Exists(open_payments),
    }


@dataclass
class Row:
    """One line of the workbench (the exports: selectors_export)."""

    draft: object
    number: str
    status: str
    state: str
    time_limit: date | None
    days_left: int | None
    payment: str
    registration_number: str
    received_at: object = None  # filed: date and time of receipt
    # Registered: [(status, words, parties)], e.g. ("refused", "refused", ["US"]), and the
    # parties whose second part of a fee is due (a Pay link each).
    protection: list = field(default_factory=list)
    second_parts_due: list = field(default_factory=list)
    renewal: RenewalStanding | None = None  # registered: where its renewal stands

    @property
    def changed_by(self) -> str:
        user = self.draft.updated_by
        return (user.full_name or user.email) if user else ""


def _row(draft, today: date) -> Row:
    submission = getattr(draft, "submission", None)
    if submission is None:
        return Row(draft, "", gettext("Draft"), "drafts", None, None, "", "", None)
    examination = getattr(submission, "examination", None)
    limit = examination.time_limit if examination else None
    fees = examination.fees_expected if examination else submission.fees_total
    return Row(
        draft=draft,
        number=submission.number,
        status=examination.get_status_display() if examination else gettext("Received"),
        state=examination.status if examination else "received",
        time_limit=limit,
        days_left=(limit - today).days if limit else None,
        payment=_payment_label(draft, fees, submission.currency),
        registration_number=(examination.registration_number or "") if examination else "",
        received_at=submission.received_at,
        **_protection_columns(draft),
        renewal=renewal_standing(getattr(draft, "protection", None), today),
    )


def _protection_columns(draft) -> dict:
    """The designations' states grouped ("US refused", "CH, EM protected")."""
    protection = getattr(draft, "protection", None)  # none before registration
    parties = protection.parties if protection else []
    grouped = {}
    for entry in parties:
        grouped.setdefault(entry["status"], []).append(entry["party"])
    return {
        "protection": [
            (status, PROTECTION_WORDS[status], grouped[status])
            for status in PROTECTION_WORDS
            if status in grouped
        ],
        "second_parts_due": [p["party"] for p in parties if p.get("second_part") == "due"],
    }


@dataclass(frozen=True)
class RenewalStanding:
    """Where a registration stands for its next renewal on a day: `state` one of "not_open",
    "renewed" (renewed, the next window not open yet), "open", "grace", "lapsed" (or the
    Register's status: "renounced", "cancelled"); `words` what the workbench says."""

    state: str
    words: str
    on: date | None  # the date the words name
    expiry: date | None


def renewal_standing(protection, today: date) -> RenewalStanding | None:
    """From the row's Protection columns and today, without a query (None: not registered)."""
    if protection is None or not protection.register_status:
        return None
    expiry = protection.expiry
    if protection.register_status != "in_force" or expiry is None:
        return RenewalStanding(protection.register_status, RENEWAL_ENDED_WORDS.get(
            protection.register_status, protection.register_status), None, expiry)  # fmt: skip
    if today > protection.grace_end:
        return RenewalStanding("lapsed", str(RENEWAL_ENDED_WORDS["lapsed"]), None, expiry)
    if today > protection.due:
        words = gettext("grace period ends %(day)s")
        return RenewalStanding("grace", words % {"day": _day(protection.grace_end)},
                               protection.grace_end, expiry)  # fmt: skip
    if today >= protection.renewal_opens:
        words = gettext("renewal due %(day)s")
        return RenewalStanding(
            "open", words % {"day": _day(protection.due)}, protection.due, expiry
        )
    if protection.term > 1:
        words = gettext("renewed until %(day)s")
        return RenewalStanding("renewed", words % {"day": _day(expiry)}, expiry, expiry)
    words = gettext("expires %(day)s; renewal from %(opens)s")
    on = protection.renewal_opens
    return RenewalStanding("not_open", words % {"day": _day(expiry), "opens": _day(on)}, on, expiry)


RENEWAL_ENDED_WORDS = {
    "lapsed": gettext_lazy("lapsed: not renewed"),
    "renounced": gettext_lazy("renounced"),
    "cancelled": gettext_lazy("cancelled"),
}


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def _payment_label(draft, expected, currency: str) -> str:
    if draft.paid >= expected:
        return gettext("Paid")
    if draft.payment_open:
        return gettext("Payment in progress")
    return gettext("%(amount)s %(currency)s due") % {
        "amount": number_format(expected - draft.paid, 2, force_grouping=True),
        "currency": currency,
    }


# --- clients and exports -------------------------------------------------------------------------

CLIENT_SUGGESTIONS = 20


def clients_suggested(*, clients, text: str) -> list:
    """At most CLIENT_SUGGESTIONS of `clients` whose name contains the text (accents and case
    ignored), those starting with it first, then by name."""
    folded = fold(text.strip())
    if not folded:
        return []
    named = clients.alias(folded_name=Folded(F("name"))).filter(folded_name__contains=folded)
    first = Case(When(folded_name__startswith=folded, then=Value(0)), default=Value(1))
    return list(
        named.annotate(first=first)
        .select_related("firm")
        .order_by("first", "name", "pk")[:CLIENT_SUGGESTIONS]
    )


def exports_recent(*, user, limit: int = 5) -> list:
    """The user's latest exports (kept EXPORT_KEEP_DAYS), newest first."""
    from .models import Export

    return list(Export.objects.filter(user=user).order_by("-created_at")[:limit])


def export_of_user(*, user, export_id):
    """The export if this user asked for it, else None (a 404 for anyone else)."""
    from .models import Export

    return Export.objects.filter(pk=export_id, user=user).first()
