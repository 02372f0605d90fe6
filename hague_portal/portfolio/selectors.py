"""Reads of the workbench: one list of a user's applications (drafts and filed), its tabs with
counts, filters, search and sort; the running time limits (deadlines, calendar).

The list is over Draft (every submission has its draft, one-to-one), so drafts and filed
applications are one queryset: the visibility rule is `filings.selectors.drafts_visible_to`
(the one place that says who sees a draft) and the filed state is joined from Submission and
Examination. Costs a constant number of queries whatever the page size: the rows (one query,
payment annotated), the counts per tab (one grouped query).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from hague_portal.accounts.models import FirmMembership
from hague_portal.examination.models import Invitation, InvitationStatus
from hague_portal.filings.listing import WORD
from hague_portal.filings.models import Draft
from hague_portal.filings.sharing import shared_draft_ids
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.models import Payment, PaymentStatus

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
)
TAB_CONDITIONS = {key: Q(workbench_state=state) if state else Q() for key, _, state in TABS}

# (key, label, ordering): the last tie-breaker (pk) makes the order total, so pages never
# repeat or skip a row.
SORTS = (
    ("changed", gettext_lazy("Last change"), ("-updated_at", "-pk")),
    # Ascending, as the unique index on the number reads (drafts, without one, come last).
    (
        "number",
        gettext_lazy("Application number"),
        (F("submission__number").asc(nulls_last=True), "-pk"),
    ),
    ("filed", gettext_lazy("Filing date"), (F("submitted_at").desc(nulls_last=True), "-pk")),
    (
        "deadline",
        gettext_lazy("Next time limit"),
        (F("submission__examination__time_limit").asc(nulls_last=True), "-updated_at", "-pk"),
    ),
)
SORT_ORDERING = {key: ordering for key, _, ordering in SORTS}

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


def applications_visible_to(*, user):
    """Every application (draft or filed) the user may see on the workbench: the rows of
    `filings.selectors.drafts_visible_to` (tests/portfolio hold them equal for every role), with
    each clause's ids read first. PostgreSQL then plans on indexes: a clause with subqueries
    joined by OR is a scan of every draft (100,000 for an applicant who has 50). Another way
    to see a draft is one more clause here (and there)."""
    firms = list(FirmMembership.objects.filter(user=user).values_list("firm_id", flat=True))
    shared = [row["draft_id"] for row in shared_draft_ids(user=user)]
    clauses = Q(created_by=user, client__isnull=True)
    if firms:
        clauses |= Q(client__firm_id__in=firms)
    if shared:
        clauses |= Q(pk__in=shared)
    return Draft.objects.filter(clauses)


def applications_filtered(*, user, filters: Filters):
    """The visible applications narrowed by every filter except the tab (counts are per tab)."""
    rows = applications_visible_to(user=user)
    if filters.client:
        rows = rows.filter(client__name__icontains=filters.client)
    if filters.party:
        rows = rows.filter(parties__contains=f" {filters.party.upper()} ")
    if filters.locarno:
        rows = rows.filter(locarno_classes__contains=f" {filters.locarno} ")
    if filters.reference:
        rows = rows.filter(reference__icontains=filters.reference)
    rows = _dated(rows, filters)
    return _searched(rows, filters.q)


def _dated(rows, filters: Filters):
    column = "submitted_at" if filters.date_field == "filed" else "created_at"
    if filters.date_from:
        rows = rows.filter(**{f"{column}__date__gte": filters.date_from})
    if filters.date_to:
        rows = rows.filter(**{f"{column}__date__lte": filters.date_to})
    return rows


def _searched(rows, q: str):
    """Full text on PostgreSQL (GIN index, every word a prefix), words contained on SQLite. An
    application or registration number goes straight to its unique column."""
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
        for word in words:
            rows = rows.filter(search_text__icontains=word)
        return rows
    # Words are letters and digits only, so the raw tsquery cannot be malformed.
    query = SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")
    return rows.annotate(found=SearchVector("search_text", config="simple")).filter(found=query)


def applications_tab_counts(*, rows) -> dict[str, int]:
    """{tab: count} in one grouped query; "all" is their sum."""
    grouped = rows.order_by().values("workbench_state").annotate(n=Count("pk"))
    keys = {state: key for key, _, state in TABS if state}
    counts = {key: 0 for key, _, _ in TABS}
    for row in grouped:
        counts[keys.get(row["workbench_state"], "filed")] += row["n"]
        counts["all"] += row["n"]
    return counts


def applications_page(*, rows, filters: Filters, page: int, per_page: int) -> tuple[list, bool]:
    """One page of rows of the filters' tab, with payment and deadline states, in one query,
    and whether a next page follows (one row more is read: no count needed)."""
    tab = TAB_CONDITIONS.get(filters.tab, Q())
    ordering = SORT_ORDERING.get(filters.sort, SORT_ORDERING["changed"])
    start = (page - 1) * per_page
    selected = (
        rows.filter(tab)
        .select_related("client", "updated_by", "submission", "submission__examination")
        .only(*LIST_FIELDS)
        .annotate(**_payment_columns())
        .order_by(*ordering)
    )
    found = [_row(row) for row in selected[start : start + per_page + 1]]
    return found[:per_page], len(found) > per_page


def _payment_columns() -> dict:
    money = DecimalField(max_digits=12, decimal_places=2)
    # Subqueries, not joins: a join of payments would multiply the rows.
    paid = (
        Payment.objects.filter(submission__draft=OuterRef("pk"), status=PaymentStatus.PAID)
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
    """One line of the workbench (and of the exports)."""

    draft: object
    number: str
    status: str
    state: str
    time_limit: date | None
    days_left: int | None
    payment: str
    registration_number: str
    received_at: object = None  # filed: date and time of receipt

    @property
    def changed_by(self) -> str:
        user = self.draft.updated_by
        return (user.full_name or user.email) if user else ""


def _row(draft) -> Row:
    submission = getattr(draft, "submission", None)
    if submission is None:
        return Row(draft, "", gettext("Draft"), "drafts", None, None, "", "", None)
    examination = getattr(submission, "examination", None)
    limit = examination.time_limit if examination else None
    return Row(
        draft=draft,
        number=submission.number,
        status=examination.get_status_display() if examination else gettext("Received"),
        state=examination.status if examination else "received",
        time_limit=limit,
        days_left=(limit - geneva_today()).days if limit else None,
        payment=_payment_label(draft, submission, examination),
        registration_number=(examination.registration_number or "") if examination else "",
        received_at=submission.received_at,
    )


def _payment_label(draft, submission, examination) -> str:
    expected = examination.fees_expected if examination else submission.fees_total
    if draft.paid >= expected:
        return gettext("Paid")
    if draft.payment_open:
        return gettext("Payment in progress")
    return gettext("%(amount)s %(currency)s due") % {
        "amount": number_format(expected - draft.paid, 2, force_grouping=True),
        "currency": submission.currency,
    }


# --- deadlines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A running time limit of one application."""

    on: date
    days_left: int
    what: str
    number: str  # application number, or "" for a draft
    title: str
    client: str
    draft_id: object
    uid: str  # stable across feeds (the calendar's UID)


def deadlines_for(*, user, today: date | None = None) -> list[Deadline]:
    """Running time limits across the user's applications, soonest first: invitations to
    correct irregularities (Rule 14(1)) and, for drafts, the Paris priority period."""
    today = today or geneva_today()
    items = _invitation_deadlines(user=user, today=today) + _priority_deadlines(
        user=user, today=today
    )
    return sorted(items, key=lambda d: (d.on, d.number, d.title))


def _invitation_deadlines(*, user, today) -> list[Deadline]:
    visible = applications_visible_to(user=user).order_by().values("pk")
    invitations = (
        Invitation.objects.filter(
            status=InvitationStatus.OPEN, examination__submission__draft__in=visible
        )
        .select_related("examination__submission__draft", "examination__submission__client")
        .order_by("time_limit")
    )
    return [
        Deadline(
            on=inv.time_limit,
            days_left=(inv.time_limit - today).days,
            what=gettext("Reply to invitation %(sequence)s (irregularities, Rule 14(1))")
            % {"sequence": inv.sequence},
            number=inv.examination.submission.number,
            title=str(inv.examination.submission.draft),
            client=getattr(inv.examination.submission.client, "name", ""),
            draft_id=inv.examination.submission.draft_id,
            uid=f"invitation-{inv.pk}",
        )
        for inv in invitations
    ]


def _priority_deadlines(*, user, today) -> list[Deadline]:
    from hague_portal.hague.periods import priority_deadline
    from hague_portal.reference.selectors import reference_data

    drafts = (
        applications_visible_to(user=user)
        .filter(submission__isnull=True, document__has_key="priorities")
        .exclude(document__priorities=[])
        .order_by()
        .values("pk", "title", "client__name", "document__priorities")
    )
    ref, out = None, []
    for draft in drafts:
        for index, claim in enumerate(draft["document__priorities"] or ()):
            claimed = _date(claim.get("date") if isinstance(claim, dict) else None)
            if claimed is None:
                continue
            ref = ref or reference_data()
            ends = priority_deadline(ref, claimed)
            if ends >= today:
                out.append(_priority(draft, index, claim, ends, today))
    return out


def _priority(draft, index, claim, ends, today) -> Deadline:
    office, number = claim.get("office") or "", claim.get("number") or ""
    return Deadline(
        on=ends,
        days_left=(ends - today).days,
        what=gettext(
            "File to claim priority of %(office)s %(number)s (Paris Convention, six months)"
        )
        % {"office": office, "number": number},
        number="",
        title=draft["title"] or gettext("Draft"),
        client=draft["client__name"] or "",
        draft_id=draft["pk"],
        uid=f"priority-{draft['pk']}-{index}",
    )


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
