"""Reads of the running time limits across a user's applications: open invitations to correct
irregularities (Rule 14(1)); for drafts, the Paris priority period; once registered (issue 22),
each refusal period's end (Rule 18(1)), each time limit for a review set by a refusal (Rule
18(2)(b)) and each second part of a fee's time limit (Rule 12(3)(c)), all computed through Rule
4(4) by the services that set them; and (issue 23) each registration's renewal due at its expiry
and the end of its grace period (Rule 24(1)(c)), from the workbench's Protection rows. The time-limits page shows them a page at a time, soonest
first; the calendar feed those of a window of dates.

Invitations are read in SQL (a page of them, and their number per day); priority periods are
computed in Python (Rule 4(4) through `hague.periods`) for the drafts whose claimed priority is
recent enough to still run, which SQL narrows first on PostgreSQL. A page merges the two: on
one day the priority periods come first, then the invitations by application number.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from django.db import connection
from django.db.models import BooleanField, Count, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext

from hague_portal.examination.models import Invitation, InvitationStatus
from hague_portal.hague.clock import geneva_today
from hague_portal.hague.periods import PRIORITY_MONTHS

from .selectors import applications_visible_to

DEADLINES_PER_PAGE = 50
FEED_PAST = timedelta(days=31)  # the calendar feed: from a month ago...
FEED_AHEAD = timedelta(days=2 * 366)  # ...to two years ahead
# A claimed priority older than this cannot run any more: six months, plus more than any run of
# days the International Bureau is closed (Rule 4(4)) could add.
PRIORITY_SPAN = timedelta(days=PRIORITY_MONTHS * 31 + 31)


@dataclass(slots=True)
class Deadline:
    """A running time limit of one application. Not frozen: a feed builds ~17,000 of them and
    a frozen dataclass's __init__ sets each field through object.__setattr__ (~3x slower)."""

    on: date
    days_left: int
    what: str
    number: str  # application number, or "" for a draft
    title: str
    client: str
    draft_id: object
    uid: str  # stable across feeds (the calendar's UID)
    rank: int = 1  # on one day: priority periods (0) before invitations (1)


@dataclass(frozen=True)
class DeadlinePage:
    deadlines: list[Deadline]
    number: int
    per_page: int
    count: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def deadlines_page(
    *, user, page: int, per_page: int | None = None, today: date | None = None
) -> DeadlinePage:
    """One page of the running time limits, soonest first, in four queries after the visible
    drafts' (the drafts' priority claims, the Register's time limits, the invitations per day, a
    page of invitations)."""
    today, per_page = today or geneva_today(), per_page or DEADLINES_PER_PAGE
    drafts = applications_visible_to(user=user)  # who sees what: read once for all
    # Computed in Python (a day's come before its invitations): priorities and the Register's.
    priorities = _merged(
        _priority_deadlines(drafts=drafts, today=today, since=today, until=None),
        register_deadlines(drafts=drafts, today=today, since=today, until=None)
        + renewal_deadlines(drafts=drafts, today=today, since=today, until=None),
    )
    invitations = _open_invitations(drafts=drafts)
    per_day = dict(
        invitations.order_by()
        .values_list("time_limit")
        .annotate(n=Count("pk"))
        .values_list("time_limit", "n")
    )
    count = sum(per_day.values()) + len(priorities)
    number = min(page, max(1, math.ceil(count / per_page)))
    start = (number - 1) * per_page
    skipped = _invitations_before(start, per_day, Counter(d.on for d in priorities))
    chosen = _invitations_slice(
        _invitation_values(invitations), skipped, per_page, total=sum(per_day.values())
    )
    found = _merged(priorities[start - skipped :][:per_page], _invitation_deadlines(chosen, today))
    return DeadlinePage(found[:per_page], number, per_page, count)


def _invitations_slice(invitations, start: int, size: int, *, total: int) -> list:
    """invitations[start:start + size]; past the middle read backwards from the end, so that
    the last page costs what the first does."""
    end = min(start + size, total)
    if start <= total - end:
        return list(invitations[start:end])
    backwards = invitations.reverse()[total - end : total - start]
    return list(backwards)[::-1]


def deadlines_window(*, user, today: date | None = None) -> list[Deadline]:
    """Every time limit of the calendar feed's window (a month ago to two years ahead),
    soonest first: a calendar keeps what just passed and does not need what is far off."""
    today = today or geneva_today()
    since, until = today - FEED_PAST, today + FEED_AHEAD
    drafts = applications_visible_to(user=user)  # who sees what: read once for all
    invitations = _open_invitations(drafts=drafts).filter(time_limit__range=(since, until))
    priorities = _merged(
        _priority_deadlines(drafts=drafts, today=today, since=since, until=until),
        register_deadlines(drafts=drafts, today=today, since=since, until=until)
        + renewal_deadlines(drafts=drafts, today=today, since=since, until=until),
    )
    return _merged(priorities, _invitation_deadlines(_invitation_values(invitations), today))


def _merged(priorities: list[Deadline], invitations: list[Deadline]) -> list[Deadline]:
    # A stable sort: each list keeps its own order (invitations by number, as SQL read them).
    return sorted(priorities + invitations, key=lambda d: (d.on, d.rank))


def _invitations_before(start: int, per_day: dict, priority_days: Counter) -> int:
    """How many invitations come before position `start` of the merged list (a day's
    priority periods before its invitations)."""
    seen = before = 0
    for day in sorted(set(per_day) | set(priority_days)):
        seen += priority_days.get(day, 0)
        if seen >= start:
            return before
        here = per_day.get(day, 0)
        if seen + here >= start:
            return before + start - seen
        seen += here
        before += here
    return before


# --- invitations ---------------------------------------------------------------------------------


def _open_invitations(*, drafts):
    visible = drafts.order_by().values("pk")
    return Invitation.objects.filter(
        status=InvitationStatus.OPEN, examination__submission__draft__in=visible
    ).order_by("time_limit", "examination__submission__number", "sequence", "pk")


def _invitation_values(invitations):
    # Only the columns shown: a draft row carries its whole document.
    return invitations.values_list(
        "pk",
        "sequence",
        "time_limit",
        "examination__submission__number",
        "examination__submission__draft_id",
        "examination__submission__draft__title",
        "examination__submission__client__name",
    )


def _invitation_deadlines(rows, today: date) -> list[Deadline]:
    what = gettext("Reply to invitation %(sequence)s (irregularities, Rule 14(1))")
    return [
        Deadline(
            on=limit,
            days_left=(limit - today).days,
            what=what % {"sequence": sequence},
            number=number,
            title=title or _draft_title(draft_id),
            client=client or "",
            draft_id=draft_id,
            uid=f"invitation-{pk}",
        )
        for pk, sequence, limit, number, draft_id, title, client in rows
    ]


def _draft_title(draft_id) -> str:
    return f"Draft {str(draft_id)[:8]}"  # as Draft.__str__ names an untitled draft


# --- priority periods ----------------------------------------------------------------------------


def _priority_deadlines(*, drafts, today, since: date, until: date | None) -> list[Deadline]:
    """The Paris priority period of each claim of the user's drafts ending from `since` to
    `until`, soonest first."""
    from hague_portal.hague.periods import priority_deadline

    drafts = _drafts_claiming_since(drafts=drafts, claimed_since=since - PRIORITY_SPAN)
    ends_on, out = {}, []  # claimed date -> end of its period, counted once per date
    words = _PriorityWords()
    for draft in drafts:
        for index, claim in enumerate(draft["document__priorities"] or ()):
            claimed = _date(claim.get("date") if isinstance(claim, dict) else None)
            if claimed is None:
                continue
            if claimed not in ends_on:
                ends_on[claimed] = priority_deadline(words.ref, claimed)
            ends = ends_on[claimed]
            if since <= ends and (until is None or ends <= until):
                out.append(_priority(draft, index, claim, ends, today, words))
    return sorted(out, key=lambda d: (d.on, d.title, d.uid))


class _PriorityWords:
    """What every priority period of one page or feed shares: its words, translated once, and
    the reference data (the days the International Bureau is closed), read when first needed."""

    def __init__(self):
        self.what = gettext(
            "File to claim priority of %(office)s %(number)s (Paris Convention, six months)"
        )
        self.draft = gettext("Draft")

    @cached_property
    def ref(self):
        from hague_portal.reference.selectors import reference_data

        return reference_data()


def _drafts_claiming_since(*, drafts, claimed_since: date):
    drafts = drafts.filter(submission__isnull=True, document__has_key="priorities").exclude(
        document__priorities=[]
    )
    if connection.vendor == "postgresql":
        # Only the drafts with a claim recent enough to run: the others need not be read.
        recent = RawSQL(
            "jsonb_path_exists(filings_draft.document, "
            "'$.priorities[*].date ? (@ >= $since)', jsonb_build_object('since', %s::text))",
            (claimed_since.isoformat(),),
            output_field=BooleanField(),
        )
        drafts = drafts.alias(recent=recent).filter(recent=True)
    return drafts.order_by().values("pk", "title", "client__name", "document__priorities")


def _priority(draft, index, claim, ends, today, words: _PriorityWords) -> Deadline:
    office, number = claim.get("office") or "", claim.get("number") or ""
    return Deadline(
        on=ends,
        days_left=(ends - today).days,
        what=words.what % {"office": office, "number": number},
        number="",
        title=draft["title"] or words.draft,
        client=draft["client__name"] or "",
        draft_id=draft["pk"],
        uid=f"priority-{draft['pk']}-{index}",
        rank=0,
    )


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --- after registration (issue 22) -------------------------------------------------------------


def register_deadlines(*, drafts, today, since: date, until: date | None) -> list[Deadline]:
    """The time limits the Register sets on the registrations of `drafts` (those visible),
    ending from `since` to `until`, in one query: the end of each refusal period still awaited (from publication, Rule
    18(1)), each time limit for a review of a refusal (Rule 18(2)(b)), each second part of a fee
    due (Rule 12(3)(c)). Each date was computed through Rule 4(4) by the service that set it."""
    from hague_portal.register.models import Designation, DesignationStatus, SecondPartStatus

    def within(name):
        bounds = {f"{name}__gte": since}
        return {**bounds, f"{name}__lte": until} if until else bounds

    visible = drafts.order_by().values("pk")
    rows = Designation.objects.filter(
        registration__examination__submission__draft__in=visible
    ).filter(
        Q(status=DesignationStatus.AWAITING, registration__published_on__isnull=False,
          **within("refusal_period_end"))
        | Q(status=DesignationStatus.REFUSED, **within("review_time_limit"))
        | Q(second_part__status=SecondPartStatus.DUE, **within("second_part__time_limit"))
    )  # fmt: skip
    words = _register_words()
    out = []
    for row in rows.order_by().values_list(*_REGISTER_COLUMNS):
        out += _register_row_deadlines(dict(zip(_REGISTER_COLUMNS, row, strict=True)), words)
    chosen = [d for d in out if since <= d.on and (until is None or d.on <= until)]
    chosen = [replace(d, days_left=(d.on - today).days) for d in chosen]
    return sorted(chosen, key=lambda d: (d.on, d.number, d.uid))


_REGISTER_COLUMNS = (
    "pk",
    "party",
    "status",
    "refusal_period_end",
    "review_time_limit",
    "second_part__status",
    "second_part__time_limit",
    "registration__examination__submission__number",
    "registration__examination__submission__draft_id",
    "registration__examination__submission__draft__title",
    "registration__examination__submission__client__name",
)


def _register_words() -> dict:
    return {
        "awaiting": gettext(
            "End of the refusal period of %(party)s (Rule 18(1)): without a refusal, protection"
        ),
        "refused": gettext("Time limit for a review of the refusal by %(party)s (Rule 18(2)(b))"),
        "due": gettext("Pay the second part of the individual fee for %(party)s (Rule 12(3)(c))"),
    }


def _register_row_deadlines(row: dict, words: dict) -> list[Deadline]:
    """The row's running time limits: its status's, and its second part's if due."""
    found = []
    if row["status"] == "awaiting" and row["refusal_period_end"]:
        found.append(("awaiting", row["refusal_period_end"], "refusal-period"))
    if row["status"] == "refused" and row["review_time_limit"]:
        found.append(("refused", row["review_time_limit"], "review"))
    if row["second_part__status"] == "due":
        found.append(("due", row["second_part__time_limit"], "second-part"))
    prefix = "registration__examination__submission__"
    return [
        Deadline(
            on=on,
            days_left=0,  # set by the caller, who knows today
            what=words[kind] % {"party": row["party"]},
            number=row[prefix + "number"],
            title=row[prefix + "draft__title"] or _draft_title(row[prefix + "draft_id"]),
            client=row[prefix + "client__name"] or "",
            draft_id=row[prefix + "draft_id"],
            uid=f"{uid}-{row['pk']}",
            rank=0,
        )
        for kind, on, uid in found
    ]


# --- renewal (issue 23) ------------------------------------------------------------------------


def renewal_deadlines(*, drafts, today, since: date, until: date | None) -> list[Deadline]:
    """Each registration in force of `drafts`: its renewal due (the expiry, Rule 4(4) applied:
    the last day without the surcharge) and the end of its grace period (Rule 24(1)(c)), from
    the workbench's Protection rows, in one query."""
    from .models import Protection

    def within(name):
        bounds = {f"{name}__gte": since}
        return {**bounds, f"{name}__lte": until} if until else bounds

    rows = (
        Protection.objects.filter(draft__in=drafts.order_by().values("pk"), register_status="in_force")
        .filter(Q(**within("due")) | Q(**within("grace_end")))
        .values_list(
            "draft_id", "due", "grace_end", "renewal_opens", "draft__title",
            "draft__client__name", "draft__submission__number",
            "draft__submission__examination__registration_number",
        )
    )  # fmt: skip
    words = {
        "due": gettext("Renewal of %(registration)s due (the expiry; payable from %(opens)s)"),
        "grace": gettext(
            "Renewal of %(registration)s: the grace period ends (with the surcharge, Rule 24(1)(c))"
        ),
    }
    out = []
    for draft_id, due, grace_end, opens, title, client, number, registration in rows:
        names = {"registration": registration, "opens": _day_words(opens)}
        for kind, on in (("due", due), ("grace", grace_end)):
            if since <= on and (until is None or on <= until):
                out.append(
                    Deadline(
                        on=on,
                        days_left=(on - today).days,
                        what=words[kind] % names,
                        number=number,
                        title=title or _draft_title(draft_id),
                        client=client or "",
                        draft_id=draft_id,
                        uid=f"renewal-{kind}-{draft_id}-{on:%Y%m%d}",
                        rank=0,
                    )
                )
    return sorted(out, key=lambda d: (d.on, d.number, d.uid))


def _day_words(day: date | None) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y") if day else ""
