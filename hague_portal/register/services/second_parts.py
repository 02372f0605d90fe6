"""The second part of a two-part individual designation fee (Rule 12(3); Guide, "Individual
designation fee payable in two parts"): the Office says it is due, the holder pays it through
the International Bureau by its time limit, or the registration is cancelled for that party."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from hague_portal.events.services import unit
from hague_portal.examination.selectors import application_document_now
from hague_portal.hague.periods import time_limit as rule4_time_limit
from hague_portal.payments.models import PaymentPurpose
from hague_portal.payments.services import payment_charge
from hague_portal.reference.selectors import reference_data

from ..models import (
    Decision,
    DecisionKind,
    DesignationStatus,
    SecondPart,
    SecondPartStatus,
)
from ..selectors_office import party_has_two_part_fee
from .common import (
    RegisterError,
    designation_locked,
    moment,
    record,
    require_not_cancelled,
    require_office_of,
    require_published,
    today_or,
)

# The period the Office gives in its notice of allowance is national law and was not found for
# the US or Mexico (believed 3 months: hague-post-registration.md §3, U); an Office states its
# own date, and this is only the default offered.
SECOND_PART_DEFAULT_MONTHS = 3
ITEM = "individual_part2"


def second_part_default_time_limit(today: date) -> date:
    return rule4_time_limit(reference_data(), today, months=SECOND_PART_DEFAULT_MONTHS)


def second_part_amount(designation) -> tuple[Decimal, str]:
    """The amount in the Schedule in force on the date of the international registration (the
    US bands follow it), for the fee variant claimed at filing (item 18)."""
    registration = designation.registration
    document = application_document_now(registration.examination)
    variant = _variant_claimed(document, designation.party)
    ref = reference_data()
    row = ref.fee(ITEM, registration.registration_date, party=designation.party, variant=variant)
    if row is None and variant != "default":
        variant = "default"
        row = ref.fee(ITEM, registration.registration_date, party=designation.party)
    if row is None:
        raise RegisterError(
            _("The fee schedule holds no second part of the individual fee for %(party)s.")
            % {"party": designation.party}
        )
    return Decimal(str(row.amount)), variant


def _variant_claimed(document: dict, party: str) -> str:
    # Item 18: True claims the reduced amount, a string names the level (small, micro).
    claimed = (document.get("fee_reductions") or {}).get(party)
    if not claimed:
        return "default"
    return "reduced" if claimed is True else str(claimed)


def second_part_due(
    *, designation, by, time_limit: date | None = None, today: date | None = None
) -> SecondPart:
    """Rule 12(3)(c): the Office found the design protectable; the second part is now due."""
    today = today_or(today)
    with unit():
        d = designation_locked(designation.pk)
        require_office_of(by, d)
        require_published(d, today)
        require_not_cancelled(d)
        _require_two_parts(d)
        limit = time_limit or second_part_default_time_limit(today)
        if limit <= today:
            raise RegisterError(_("Give a time limit after today."), "time_limit")
        amount, variant = second_part_amount(d)
        part = SecondPart.objects.create(
            designation=d,
            amount=amount,
            variant=variant,
            time_limit=limit,
            invited_at=moment(today),
        )
        Decision.objects.create(
            designation=d, kind=DecisionKind.SECOND_PART, by=by, received_at=moment(today)
        )
        record(
            d,
            "second_part.due",
            f"{d.party}: second part of the individual fee due, {amount} CHF by "
            f"{limit.isoformat()} (Rule 12(3)(c))",
            actor=by,
            amount=str(amount),
            time_limit=limit.isoformat(),
        )
    return part


def _require_two_parts(d) -> None:
    if not party_has_two_part_fee(d):
        raise RegisterError(
            _("%(party)s did not declare an individual fee in two parts (Rule 12(3)).")
            % {"party": d.party}
        )
    if SecondPart.objects.filter(designation=d).exists():
        raise RegisterError(
            _("The second part for %(party)s was already asked for.") % {"party": d.party}
        )


def second_part_pay(
    *,
    second_part,
    user,
    method: str,
    account=None,
    card_number: str = "",
    today: date | None = None,
) -> SecondPart:
    """Pay through the International Bureau, in full, by the time limit: the Bureau rejects a
    late payment (Rule 27(5)(a)) and Rule 5 does not excuse it (Guide)."""
    today = today_or(today)
    with unit():
        part = (
            SecondPart.objects.select_for_update()
            .select_related("designation__registration__examination__submission")
            .get(pk=second_part.pk)
        )
        _require_payable(part, today)
        d = part.designation
        submission = d.registration.examination.submission
        payment = payment_charge(
            submission=submission,
            user=user,
            purpose=PaymentPurpose.SECOND_PART,
            amount=part.amount,
            description=f"Second part of the individual fee ({d.party}), international "
            f"registration {d.registration.number}",
            method=method,
            account=account,
            card_number=card_number,
        )
        part.status, part.payment, part.paid_at = SecondPartStatus.PAID, payment, moment(today)
        part.save(update_fields=["status", "payment", "paid_at"])
        record(
            d,
            "second_part.paid",
            f"{d.party}: second part of the individual fee paid, {part.amount} CHF "
            f"({payment.reference})",
            actor=user,
            amount=str(part.amount),
            payment=payment.reference,
        )
    return part


def _require_payable(part: SecondPart, today: date) -> None:
    if part.status == SecondPartStatus.PAID:
        raise RegisterError(_("This second part is already paid."))
    if part.status == SecondPartStatus.CANCELLED or today > part.time_limit:
        raise RegisterError(
            _(
                "The time limit to pay the second part ended on %(date)s: a late payment is "
                "not accepted (Rule 12(3)(d))."
            )
            % {"date": part.time_limit.isoformat()}
        )


def second_parts_lapse(*, today: date | None = None) -> int:
    """Rule 12(3)(d): not paid in time, the registration is cancelled for that party."""
    today = today_or(today)
    due = SecondPart.objects.filter(status=SecondPartStatus.DUE, time_limit__lt=today).values_list(
        "pk", flat=True
    )
    return sum(_cancel(pk, today) for pk in list(due))


def _cancel(pk, today) -> int:
    with unit():
        part = SecondPart.objects.select_for_update().get(pk=pk)
        if part.status != SecondPartStatus.DUE:
            return 0
        part.status, part.cancelled_at = SecondPartStatus.CANCELLED, moment(today)
        part.save(update_fields=["status", "cancelled_at"])
        d = designation_locked(part.designation_id)
        d.status, d.status_since = DesignationStatus.CANCELLED, today
        d.save(update_fields=["status", "status_since"])
        record(
            d,
            "designation.cancelled",
            f"{d.party}: cancelled, the second part of the individual fee was not paid by "
            f"{part.time_limit.isoformat()} (Rule 12(3)(d))",
            reason="second_part_unpaid",
            time_limit=part.time_limit.isoformat(),
            on=today.isoformat(),
        )
    return 1
