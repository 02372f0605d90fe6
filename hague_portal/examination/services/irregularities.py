"""An examiner raises an irregularity of a Rule 14 kind, or confirms or dismisses what the check
job found."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.events.services import event_record, unit
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.items import item_record
from hague_portal.submissions.models import (
    Irregularity,
)

from ..models import (
    Examination,
)
from .common import (
    ExaminationError,
    I,
    _locked,
    _refresh_counts,
    _require_examiner,
    _require_open,
    in_application_language,
)


def irregularity_raise(
    *,
    examination,
    by,
    category: str,
    message: str,
    item: str = "",
    designs=(),
    parties=(),
    amount=None,
) -> Irregularity:
    """An examiner raises an irregularity of a Rule 14 kind; it waits for the next invitation."""
    _require_examiner(by)
    kind = _kind(category)
    amount = _fee_amount(kind, amount)
    with in_application_language(examination.submission):  # the letter's language
        message = (message or "").strip() or _template(kind, designs, amount)
    if not message:
        raise ExaminationError(_("Say what is irregular: the message is empty."))
    with unit():
        locked = _locked(examination)
        _require_open(locked)
        parties = _parties_concerned(kind, parties, locked.submission.document)
        row = _create_once(
            submission_id=locked.pk,
            kind=Irregularity.Kind.FEE if kind.fee else Irregularity.Kind.FORMALITY,
            code=f"examiner.{kind.code}",
            category=kind.code,
            item=item or kind.item,
            message=message,
            details={"designs": [int(d) for d in designs], "parties": list(parties)},
            status=I.CONFIRMED,
            postpones_date=kind.postpones_date,
            amount=amount,
            raised_by=by,
            reviewed_by=by,
            reviewed_at=timezone.now(),
        )
        _expect_fees(locked, amount)
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.raised", f"Raised: {kind.label_en}")
    return row


def _create_once(**fields) -> Irregularity:
    try:
        with transaction.atomic():  # a savepoint: the examination's lock is kept
            return Irregularity.objects.create(**fields)
    except IntegrityError as exc:
        raise ExaminationError(
            _("The same irregularity, with the same message, is already raised on this item.")
        ) from exc


def _parties_concerned(kind, parties, document) -> list[str]:
    """Article 5(2): the irregularity concerns the designated Contracting Parties that require
    the content; if it is not remedied, their designations are deemed not made (Rule 14)."""
    parties = [str(code).strip().upper() for code in parties or () if str(code).strip()]
    designated = set(document.get("designations") or [])
    strangers = [code for code in parties if code not in designated]
    if strangers:
        raise ExaminationError(
            _("%(parties)s is not designated in this application.")
            % {"parties": ", ".join(strangers)}
        )
    if kind.on_lapse == rule14.ON_LAPSE_DESIGNATION and not parties:
        raise ExaminationError(
            _(
                "Name the designated Contracting Party that requires this (%(kind)s): its "
                "designation is what lapses if it is not remedied."
            )
            % {"kind": kind.label}
        )
    return parties


def _kind(category: str) -> rule14.IrregularityKind:
    if category not in rule14.BY_CODE:
        raise ExaminationError(
            _("Unknown kind of irregularity %(kind)s.") % {"kind": repr(category)}
        )
    return rule14.BY_CODE[category]


def _fee_amount(kind, amount) -> Decimal | None:
    if not kind.fee:
        return None
    try:
        value = Decimal(str(amount))
    except Exception as exc:  # noqa: BLE001 - any unparsable amount is the same user error
        raise ExaminationError(_("Give the amount missing in Swiss francs, e.g. 150.00.")) from exc
    if not value.is_finite() or value <= 0:
        raise ExaminationError(_("The amount missing must be more than 0 CHF."))
    return value.quantize(Decimal("0.01"))


def _template(kind, designs, amount) -> str:
    numbers = ", ".join(str(d) for d in designs) or _("concerned")
    return kind.template.format(designs=numbers, amount=amount or "")


def _expect_fees(examination: Examination, amount) -> None:
    # The missing amount is added to what has been paid so far: paying it remedies the
    # irregularity (examination_fees_paid), whatever the cause (underpayment, wrong count).
    if amount is None:
        return
    target = examination.fees_paid + amount
    if target > examination.fees_expected:
        examination.fees_expected = target
        examination.save(update_fields=["fees_expected", "updated_at"])


def _audit_irregularity(row: Irregularity, by, action: str, summary: str, before=None) -> None:
    event_record(
        submission=row.submission,
        actor=by,
        kind=action,
        summary=f"{summary} ({item_record(row.item)})",
        before=before,
        after={"irregularity": row.pk, "status": row.status, "category": row.category},
        applicant_visible=row.status not in (I.CONFIRMED, I.DISMISSED, I.AWAITING_REVIEW),
    )


def irregularity_confirm(*, irregularity, by, category: str, message=None) -> Irregularity:
    """A finding of the check job becomes an irregularity of a Rule 14 kind."""
    _require_examiner(by)
    kind = _kind(category)
    with unit():
        locked = _locked(irregularity.submission.examination)
        _require_open(locked)
        row = Irregularity.objects.select_for_update().get(pk=irregularity.pk)
        if row.status != I.AWAITING_REVIEW:
            raise ExaminationError(_("This irregularity has already been reviewed."))
        amount = _fee_amount(kind, row.amount or _finding_amount(row)) if kind.fee else None
        parties = _parties_concerned(
            kind, (row.details or {}).get("parties"), locked.submission.document
        )
        row.details = {**(row.details or {}), "parties": parties}
        row.status, row.category, row.postpones_date = I.CONFIRMED, kind.code, kind.postpones_date
        row.amount, row.reviewed_by, row.reviewed_at = amount, by, timezone.now()
        row.message = (message or "").strip() or row.message
        row.save()
        _expect_fees(locked, amount)
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.confirmed", f"Confirmed: {kind.label_en}")
    return row


def _finding_amount(row: Irregularity):
    # payments._underpayment_check records {"paid", "due"}.
    details = row.details or {}
    if "due" in details and "paid" in details:
        return Decimal(details["due"]) - Decimal(details["paid"])
    return None


def irregularity_dismiss(*, irregularity, by) -> Irregularity:
    _require_examiner(by)
    with unit():
        locked = _locked(irregularity.submission.examination)
        row = Irregularity.objects.select_for_update().get(pk=irregularity.pk)
        if row.status not in (I.AWAITING_REVIEW, I.CONFIRMED):
            raise ExaminationError(_("Only an irregularity not yet sent can be dismissed."))
        before = row.status
        row.status, row.reviewed_by, row.reviewed_at = I.DISMISSED, by, timezone.now()
        row.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        _refresh_counts(locked)
        _audit_irregularity(row, by, "irregularity.dismissed", "Dismissed", {"status": before})
    return row
