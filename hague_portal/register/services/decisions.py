"""What the Office of a designated party notifies: a refusal (Article 12, Rules 18 and 19), its
withdrawal (Article 12(4)), a statement of grant of protection (Rule 18bis)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from hague_portal.events.services import unit

from ..models import Decision, DecisionKind, DesignationStatus
from .common import (
    RegisterError,
    design_count,
    designation_locked,
    designs_checked,
    designs_words,
    moment,
    record,
    require_not_cancelled,
    require_office_of,
    require_published,
    today_or,
)

S = DesignationStatus


def _decision(designation, kind, by, designs, today, **fields) -> Decision:
    return Decision.objects.create(
        designation=designation,
        kind=kind,
        designs=designs,
        by=by,
        received_at=moment(today),
        **fields,
    )


def _set(designation, status, today, **fields) -> None:
    designation.status, designation.status_since = status, today
    for name, value in fields.items():
        setattr(designation, name, value)
    designation.save(update_fields=["status", "status_since", *fields])


def refusal_notify(
    *,
    designation,
    by,
    designs=(),
    grounds: str,
    provisions: str,
    review_time_limit: date | None,
    review_authority: str,
    today: date | None = None,
) -> Decision:
    """Record a refusal for all or some designs. Rule 19(1)(a): a notification sent after the
    refusal period, or without grounds, is not recorded as a refusal; the Office is told why."""
    today = today_or(today)
    with unit():
        d = designation_locked(designation.pk)
        _require_may_refuse(d, by, today)
        numbers = designs_checked(d.registration, designs)
        _require_refusal_content(grounds, provisions, review_time_limit, review_authority, today)
        decision = _decision(
            d,
            DecisionKind.REFUSAL,
            by,
            numbers,
            today,
            grounds=grounds.strip(),
            provisions=provisions.strip(),
            review_time_limit=review_time_limit,
            review_authority=review_authority.strip(),
        )
        refused = _union(d.refused_designs, numbers, d.registration)
        _set(d, S.REFUSED, today, refused_designs=refused, review_time_limit=review_time_limit)
        record(
            d,
            "designation.refused",
            f"{d.party}: refusal notified for designs {designs_words(numbers)} (Rule 18)",
            actor=by,
            decision=decision.pk,
            designs=numbers,
            grounds=decision.grounds,
            provisions=decision.provisions,
            review_time_limit=review_time_limit.isoformat(),
            review_authority=decision.review_authority,
            on=today.isoformat(),
        )
    return decision


def _require_may_refuse(d, by, today) -> None:
    require_office_of(by, d)
    require_published(d, today)
    require_not_cancelled(d)
    if d.refusal_period_end and today > d.refusal_period_end:
        raise RegisterError(
            _(
                "The refusal period for %(party)s ended on %(date)s: a refusal notified after it "
                "is not regarded as a refusal and is not recorded (Rule 19(1)(a))."
            )
            % {"party": d.party, "date": d.refusal_period_end.isoformat()}
        )


def _require_refusal_content(grounds, provisions, review_time_limit, authority, today) -> None:
    """Every part a refusal must state, all named at once (Article 12(2), Rule 18(2)(b); Rule
    19(1)(a): without its grounds it is not recorded)."""
    missing = {}
    if not (grounds or "").strip():
        missing["grounds"] = _(
            "State the grounds of the refusal: without them it is not recorded (Rule 19(1)(a))."
        )
    if not (provisions or "").strip():
        missing["provisions"] = _(
            "Name the provisions of the law on which the refusal is based (Rule 18(2)(b))."
        )
    if review_time_limit is None or review_time_limit <= today:
        missing["review_time_limit"] = _(
            "Give the time limit for a request for review or appeal: a date after today "
            "(Rule 18(2)(b))."
        )
    if not (authority or "").strip():
        missing["review_authority"] = _(
            "Name the authority to which a request for review or appeal lies (Rule 18(2)(b))."
        )
    if missing:
        raise RegisterError.of(missing)


def _all_designs(registration) -> list[int]:
    return list(range(1, design_count(registration) + 1))


def _union(current: list[int], numbers: list[int], registration) -> list[int]:
    return sorted(set(current) | set(numbers or _all_designs(registration)))


def refusal_withdraw(
    *, designation, by, designs=(), note: str = "", today: date | None = None
) -> Decision:
    """Article 12(4): a refusal may be withdrawn, in whole or in part, at any time; protection
    runs from the withdrawal to the extent withdrawn (Article 14(2)(b))."""
    today = today_or(today)
    with unit():
        d = designation_locked(designation.pk)
        require_office_of(by, d)
        require_published(d, today)
        if d.status != S.REFUSED:
            raise RegisterError(
                _("No refusal is recorded for %(party)s: there is nothing to withdraw.")
                % {"party": d.party}
            )
        numbers = _within_refused(d, designs)
        remaining = [n for n in d.refused_designs if n not in (numbers or d.refused_designs)]
        decision = _decision(d, DecisionKind.WITHDRAWAL, by, numbers, today, note=note.strip())
        status = S.REFUSED if remaining else S.WITHDRAWN
        _set(d, status, today, refused_designs=remaining)
        record(
            d,
            "designation.refusal_withdrawn",
            f"{d.party}: refusal withdrawn for designs {designs_words(numbers)} (Article 12(4))",
            actor=by,
            decision=decision.pk,
            designs=numbers,
            remaining_refused=remaining,
            note=decision.note,
            on=today.isoformat(),
        )
    return decision


def _within_refused(d, designs) -> list[int]:
    numbers = designs_checked(d.registration, designs)
    outside = [n for n in numbers if n not in d.refused_designs]
    if outside:
        raise RegisterError(
            _("Design %(numbers)s is not refused for %(party)s.")
            % {"numbers": ", ".join(str(n) for n in outside), "party": d.party},
            "designs",
        )
    return numbers


def grant_state(
    *, designation, by, designs=(), note: str = "", today: date | None = None
) -> Decision:
    """Rule 18bis: a statement of grant of protection, for all or some designs: within the
    refusal period where no refusal was notified (18bis(1)), or after a refusal, which it then
    withdraws for the designs it names (18bis(2))."""
    today = today_or(today)
    with unit():
        d = designation_locked(designation.pk)
        require_office_of(by, d)
        require_published(d, today)
        require_not_cancelled(d)
        _require_grantable(d, today)
        numbers = designs_checked(d.registration, designs)
        remaining = [n for n in d.refused_designs if numbers and n not in numbers]
        decision = _decision(d, DecisionKind.GRANT, by, numbers, today, note=note.strip())
        status = S.REFUSED if remaining else S.GRANTED
        _set(d, status, today, refused_designs=remaining)
        record(
            d,
            "designation.granted",
            f"{d.party}: statement of grant of protection for designs {designs_words(numbers)} "
            "(Rule 18bis)",
            actor=by,
            decision=decision.pk,
            designs=numbers,
            remaining_refused=remaining,
            note=decision.note,
            on=today.isoformat(),
        )
    return decision


def _require_grantable(d, today) -> None:
    if d.status in (S.GRANTED, S.PROTECTED):
        raise RegisterError(
            _("%(party)s already protects this registration: %(status)s.")
            % {"party": d.party, "status": d.get_status_display()}
        )
    if d.status == S.AWAITING and d.refusal_period_end and today > d.refusal_period_end:
        raise RegisterError(
            _(
                "The refusal period for %(party)s ended on %(date)s: the registration already "
                "has the effect of a grant (Article 14(2)(a))."
            )
            % {"party": d.party, "date": d.refusal_period_end.isoformat()}
        )
