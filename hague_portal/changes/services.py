"""Writes of the changes in the Register (issue 23; Article 16, Rule 21): filing a request,
its examination by the International Bureau (record, invite, refuse), the requester's
response, abandonment when the time limit passes, and the representative firm's acceptance.

The rules are the pure `hague.changes`; the Register's state is written by
`register.services.changes_apply`. Every transition is one function here, checks the status it
leaves, and records its event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.accounts.models import User
from hague_portal.events.services import event_record, unit
from hague_portal.hague import changes as rules
from hague_portal.hague.document import Entitlement
from hague_portal.hague.periods import time_limit
from hague_portal.payments.models import PaymentPurpose
from hague_portal.payments.services import PaymentError, payment_charge
from hague_portal.reference.selectors import reference_data
from hague_portal.register.models import RegisterStatus, Registration
from hague_portal.register.services import changes_apply
from hague_portal.register.services.common import RegisterError, today_or
from hague_portal.register.services.renewals import registration_locked

from .models import OPEN_STATUSES, ChangeKind, ChangeRequest, ChangeStatus

INVITATION_MONTHS = 3  # Rule 21 irregularities: three months to correct (Rule 4(4) applied)
FACTORS = ("establishment", "domicile", "nationality", "habitual_residence")


@dataclass(frozen=True)
class FeeQuote:
    lines: list[dict] = field(default_factory=list)
    total: Decimal | None = Decimal("0.00")  # None: an amount is not in the schedule

    @property
    def known(self) -> bool:
        return self.total is not None


# --- reading the Register's state as the rules see it ----------------------------------------


def registration_scope(registration: Registration) -> rules.Scope:
    """The designs in force for each designated party still in force."""
    return rules.Scope(
        {
            d.party: tuple(d.designs)
            for d in registration.designations.filter(register_status=RegisterStatus.IN_FORCE)
        }
    )


def registrations_of_same_holder(registration: Registration):
    """The holder's other registrations in force (DM/5 and DM/6 may cover several)."""
    if registration.owner_user_id is None and registration.owner_client_id is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            owner_user_id=registration.owner_user_id,
            owner_client_id=registration.owner_client_id,
            status=RegisterStatus.IN_FORCE,
        )
        .exclude(pk=registration.pk)
        .order_by("number")
    )


def holder_of(registration: Registration) -> dict:
    holder = (registration.holders or [{}])[0]
    address = holder.get("address") or {}
    return {
        "name": holder.get("name", registration.holder_name),
        "address": address.get("street", "") if isinstance(address, dict) else str(address),
        "country": address.get("country", "") if isinstance(address, dict) else "",
        "email": holder.get("email") or "",
    }


def entitlement_of(data: dict) -> Entitlement:
    given = data.get("entitlement") or {}
    return Entitlement(**{f: tuple(sorted(set(given.get(f) or ()))) for f in FACTORS})


# --- checking and pricing a request ----------------------------------------------------------


def change_findings(*, registration, kind: str, data: dict, today: date) -> dict[str, str]:
    """What the pure rules say of the request, {field: message}; {} when it may be filed."""
    if registration.status != RegisterStatus.IN_FORCE:
        return {"__all__": _("This registration is no longer in force: nothing can be changed.")}
    scope = registration_scope(registration)
    parties = list(data.get("parties") or [])
    designs = [int(n) for n in data.get("designs") or []]
    if kind == ChangeKind.OWNERSHIP:
        holder = data.get("new_holder") or {}
        return rules.ownership_findings(
            scope,
            parties=parties,
            designs=designs,
            entitlement=entitlement_of(holder),
            new_holder_name=holder.get("name", ""),
            ref=reference_data(),
            on=today,
        )
    if kind == ChangeKind.LIMITATION:
        return rules.limitation_findings(scope, parties=parties, designs=designs)
    if kind == ChangeKind.RENUNCIATION:
        return rules.renunciation_findings(scope, parties=parties)
    if kind == ChangeKind.NAME_ADDRESS:
        return rules.name_address_findings(holder_of(registration), data.get("new") or {})
    return rules.representative_findings(
        data.get("action", ""), registration.representative or {}, data.get("new") or {}
    )


def ownership_deferred(*, parties, today: date) -> tuple[str, ...]:
    """Article 16(2): the parties among these where a change in ownership has no effect until
    their Office has the documents (the declarations table decides which)."""
    return rules.ownership_effect_deferred(parties, reference_data(), today)


def ownership_deferred_note(*, parties, today: date) -> str:
    """What the holder reads of `ownership_deferred`; "" when none of `parties` declared it."""
    return rules.ownership_effect_note(ownership_deferred(parties=parties, today=today))


def change_fees(*, registration, kind: str, data: dict, count: int, today: date) -> FeeQuote:
    """Article 16(3): the fee of the Schedule in force today; an amount not found (U) leaves the
    total unknown: the request is filed and the International Bureau gives the amount."""
    item = rules.fee_item(kind, holder_of(registration), data.get("new") or {})
    row = reference_data().fee(item, today)
    quantity = rules.fee_count(kind, count)
    amount = None if row is None or row.amount is None else row.amount * quantity
    line = {
        "item": item,
        "count": quantity,
        "amount": None if amount is None else str(amount),
        "confidence": row.confidence if row else "U",
    }
    return FeeQuote([line], amount)


# --- filing ----------------------------------------------------------------------------------


def change_file(
    *,
    registration: Registration,
    kind: str,
    user,
    data: dict,
    also: list[Registration] = (),
    method: str = "",
    account=None,
    card_number: str = "",
    today: date | None = None,
) -> ChangeRequest:
    """File a request for the registration's holder (the caller checked `submission_may_file`).
    RegisterError at the field for what the rules refuse: nothing is filed then."""
    today = today_or(today)
    with unit():
        locked = registration_locked(registration.pk)
        findings = change_findings(registration=locked, kind=kind, data=data, today=today)
        findings.update(_also_findings(locked, kind, also, data))
        if findings:
            raise RegisterError.of(findings)
        quote = change_fees(
            registration=locked, kind=kind, data=data, count=1 + len(also), today=today
        )
        request = ChangeRequest.objects.create(
            kind=kind,
            registration=locked,
            status=ChangeStatus.SUBMITTED,
            data=data,
            fees=quote.lines,
            total=quote.total,
            filed_by=user,
            filed_at=timezone.now(),
            new_owner_user=_account_of(data) if kind == ChangeKind.OWNERSHIP else None,
            representative_firm_id=_firm_named(kind, data),
        )
        request.also.set(also)
        if quote.known and quote.total > 0:
            request.payment = _charge(request, user, method, account, card_number)
            request.save(update_fields=["payment"])
        _event(request, "change.filed", _summary(request), actor=user)
    return request


def _firm_named(kind: str, data: dict) -> int | None:
    """The firm of the portal a request names as representative: DM/7's new representative, or
    the new holder's in a change in ownership. It accepts before the change is recorded."""
    named = data.get("new") if kind == ChangeKind.REPRESENTATIVE else data.get("representative")
    return (named or {}).get("firm_id") or None


def _also_findings(registration, kind, also, data) -> dict[str, str]:
    """DM/5 and DM/6 may cover several registrations of the same holder (Rule 21)."""
    if not also:
        return {}
    if kind not in (ChangeKind.NAME_ADDRESS, ChangeKind.RENUNCIATION):
        return {"also": _("Only a change of name or address or a renunciation may cover several "
                          "registrations.")}  # fmt: skip
    others = [r for r in also if r.owner_user_id != registration.owner_user_id
              or r.owner_client_id != registration.owner_client_id]  # fmt: skip
    if others:
        return {"also": _("%(numbers)s: not held by the same holder.")
                % {"numbers": ", ".join(r.number for r in others)}}  # fmt: skip
    if kind == ChangeKind.RENUNCIATION:  # Guide, DM/5: the same parties for each registration
        parties = set(data.get("parties") or ())
        lacking = [r for r in also if not parties <= set(registration_scope(r).parties)]
        if lacking:
            return {"also": _("%(numbers)s: not in force for every party chosen.")
                    % {"numbers": ", ".join(r.number for r in lacking)}}  # fmt: skip
    return {}


def _account_of(data: dict):
    """The new holder's account on the portal, found by the e-mail given (none: it holds the
    registration in the Register, not on the portal, until it signs up with that e-mail)."""
    email = ((data.get("new_holder") or {}).get("email") or "").strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True, is_staff=False).first()


def _charge(request, user, method, account, card_number):
    registration = request.registration
    try:
        return payment_charge(
            submission=registration.examination.submission,
            user=user,
            purpose=PaymentPurpose.RECORDING,
            amount=request.total,
            description=f"{request.get_kind_display()}: {registration.number}",
            method=method,
            account=account,
            card_number=card_number,
            reference=registration.number.replace("/", ""),
        )
    except PaymentError as error:
        raise RegisterError(str(error), "method") from error


def _summary(request) -> str:
    return f"{request.get_kind_display()} requested for {request.registration.number}"


def _event(request, kind, summary, *, actor=None, **after):
    registration = request.registration
    return event_record(
        submission=registration.examination.submission,
        kind=kind,
        actor=actor,
        summary=summary,
        after={
            "registration_number": registration.number,
            "change": request.pk,
            "change_kind": request.kind,
            **after,
        },
        applicant_visible=True,
    )


# --- examination by the International Bureau -------------------------------------------------


def _locked(request: ChangeRequest, statuses) -> ChangeRequest:
    row = (
        ChangeRequest.objects.select_for_update().select_related("registration").get(pk=request.pk)
    )
    if row.status not in statuses:
        raise RegisterError(
            _("This request is %(status)s: it cannot be acted on now.")
            % {"status": row.get_status_display()}
        )
    return row


def change_invite(*, request: ChangeRequest, by, text: str, today: date | None = None):
    """An irregularity: the requester is invited to correct it within three months."""
    today = today_or(today)
    if not text.strip():
        raise RegisterError(_("Say what the requester must correct."), "invitation")
    with unit():
        row = _locked(request, OPEN_STATUSES)
        row.status = ChangeStatus.IRREGULAR
        row.invitation, row.invited_at, row.examined_by = text.strip(), timezone.now(), by
        row.time_limit = time_limit(reference_data(), today, months=INVITATION_MONTHS)
        row.save(update_fields=["status", "invitation", "invited_at", "examined_by",
                                "time_limit", "updated_at"])  # fmt: skip
        _event(row, "change.invited", f"Invitation: {row.invitation}"[:500], actor=by,
               time_limit=row.time_limit.isoformat(), invitation=row.invitation)  # fmt: skip
    return row


def change_respond(*, request: ChangeRequest, user, response: str, data: dict | None = None):
    """The requester's answer within the time limit; corrected data replaces the request's."""
    if not response.strip():
        raise RegisterError(_("Say what you corrected."), "response")
    with unit():
        row = _locked(request, (ChangeStatus.IRREGULAR,))
        if row.time_limit and today_or(None) > row.time_limit:
            raise RegisterError(_("The time limit to respond has passed."))
        if data is not None:
            findings = change_findings(
                registration=row.registration, kind=row.kind, data=data, today=today_or(None)
            )
            if findings:
                raise RegisterError.of(findings)
            row.data = data
        row.status, row.response, row.responded_at = (
            ChangeStatus.SUBMITTED, response.strip(), timezone.now(),
        )  # fmt: skip
        row.save(update_fields=["status", "response", "responded_at", "data", "updated_at"])
        _event(row, "change.responded", f"Response: {row.response}"[:500], actor=user)
    return row


def change_refuse(*, request: ChangeRequest, by, reason: str):
    if not reason.strip():
        raise RegisterError(_("Give the reason for the refusal."), "reason")
    with unit():
        row = _locked(request, OPEN_STATUSES)
        row.status, row.reason, row.examined_by = ChangeStatus.REFUSED, reason.strip(), by
        row.save(update_fields=["status", "reason", "examined_by", "updated_at"])
        _event(row, "change.refused", f"Refused: {row.reason}"[:500], actor=by, reason=row.reason)
    return row


def changes_abandon(*, today: date | None = None) -> int:
    """Beat: irregular requests whose time limit passed are abandoned (each claimed by a
    conditional UPDATE, so two runs abandon each once)."""
    today = today_or(today)
    count = 0
    for pk in ChangeRequest.objects.filter(
        status=ChangeStatus.IRREGULAR, time_limit__lt=today
    ).values_list("pk", flat=True):
        with unit():
            claimed = ChangeRequest.objects.filter(pk=pk, status=ChangeStatus.IRREGULAR).update(
                status=ChangeStatus.ABANDONED, updated_at=timezone.now()
            )
            if claimed:
                row = ChangeRequest.objects.select_related("registration").get(pk=pk)
                _event(row, "change.abandoned", f"Abandoned: not corrected by {row.time_limit}",
                       time_limit=row.time_limit.isoformat())  # fmt: skip
                count += 1
    return count


def representative_answer(*, request: ChangeRequest, user, accept: bool):
    """The appointed representative's firm accepts (or declines) on its side: an admin of it."""
    from hague_portal.accounts.models import FirmMembership, FirmRole

    if (
        request.representative_firm_id is None
        or not FirmMembership.objects.filter(
            firm_id=request.representative_firm_id, user=user, role=FirmRole.ADMIN
        ).exists()
    ):
        raise RegisterError(_("Only an administrator of the firm appointed may answer."))
    with unit():
        row = _locked(request, OPEN_STATUSES)
        row.firm_accepted = accept
        row.save(update_fields=["firm_accepted", "updated_at"])
    return row


def change_record(*, request: ChangeRequest, by, today: date | None = None) -> ChangeRequest:
    """Record the change in the Register (Article 16(1)): the state written, its entry and
    event, the request recorded. The rules are asked again on today's Register."""
    today = today_or(today)
    with unit():
        row = _locked(request, OPEN_STATUSES)
        registration = registration_locked(row.registration_id)
        findings = change_findings(registration=registration, kind=row.kind, data=row.data,
                                   today=today)  # fmt: skip
        if findings:
            raise RegisterError(" ".join(findings.values()))
        if row.representative_firm_id and row.firm_accepted is not True:
            raise RegisterError(_("The representative's firm has not accepted the appointment."))
        for target in [registration, *row.also.all()]:
            _apply(row, registration_locked(target.pk), by, today)
        row.status, row.recorded_on, row.examined_by = ChangeStatus.RECORDED, today, by
        row.save(update_fields=["status", "recorded_on", "examined_by", "updated_at"])
    return row


def _apply(row: ChangeRequest, registration, by, today):
    data, common = row.data, {"registration": registration, "by": by, "on": today,
                              "request_ref": row.ref}  # fmt: skip
    if row.kind == ChangeKind.OWNERSHIP:
        parties, designs = list(data["parties"]), [int(n) for n in data["designs"]]
        return changes_apply.ownership_apply(
            new_holder=_holder_entry(data["new_holder"]),
            parties=parties,
            designs=designs,
            partial=rules.partial(
                registration_scope(registration), parties=parties, designs=designs
            ),  # fmt: skip
            # The account of the e-mail given, as it is now (it may have signed up since).
            owner_user=_account_of(data) or row.new_owner_user,
            representative=data.get("representative") or {},
            previous_owner_user_id=registration.owner_user_id,
            previous_owner_client_id=registration.owner_client_id,
            **common,
        )
    if row.kind == ChangeKind.NAME_ADDRESS:
        return changes_apply.name_address_apply(new=data.get("new") or {}, **common)
    if row.kind == ChangeKind.REPRESENTATIVE:
        return changes_apply.representative_apply(
            action=data.get("action", ""), new=data.get("new") or {}, **common
        )
    if row.kind == ChangeKind.LIMITATION:
        return changes_apply.limitation_apply(
            parties=list(data["parties"]), designs=[int(n) for n in data["designs"]], **common
        )
    return changes_apply.renunciation_apply(parties=list(data["parties"]), **common)


def _holder_entry(holder: dict) -> dict:
    """The new holder as items 1-3 of the DM/1 hold an applicant."""
    return {
        "name": holder.get("name", ""),
        "kind": holder.get("kind") or "legal",
        "email": holder.get("email") or "",
        "address": {"street": holder.get("address", ""), "country": holder.get("country", "")},
        "entitlement": {f: list((holder.get("entitlement") or {}).get(f) or ()) for f in FACTORS},
    }
