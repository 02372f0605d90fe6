"""Writing a recorded change into the Register's state (issue 23; Article 16(1)): the holders,
the representative, the holder's account, the designations' designs and status. Each function
runs in the caller's transaction with the registration locked (`renewals.registration_locked`),
keeps the state before in a `RegisterEntry` and records the event the notices, the Bulletin
and the timeline read. The request itself (forms DM/2, DM/3, DM/5, DM/6, DM/7) and its
examination are the `changes` app's."""

from __future__ import annotations

from datetime import date

from ..models import EntryKind, RegisterStatus, Registration
from .common import record
from .state import entry_record, registration_state


def _numbers(values) -> str:
    return ", ".join(str(v) for v in values)


def _write(
    registration, kind, event_kind, summary, before, *, params, by, on, request_ref, **after
):
    """The entry (its English summary and the facts it states, `params`) and the event."""
    entry = entry_record(
        registration, kind, summary, recorded_on=on, params=params, before=before, by=by,
        request_ref=request_ref,
    )  # fmt: skip
    record(registration, event_kind, summary, actor=by, on=on.isoformat(), entry=entry.pk, **after)
    return entry


def ownership_apply(
    *,
    registration: Registration,
    new_holder: dict,
    parties: list[str],
    designs: list[int],
    partial: bool,
    owner_user,
    previous_owner_user_id,
    previous_owner_client_id,
    by,
    on: date,
    request_ref: str = "",
    representative: dict | None = None,
):
    """Article 16(1)(i). A change of the whole registration replaces the holders and moves the
    registration to the new holder's account (or to none on the portal), with the new holder's
    representative when the request named a firm of the portal (which accepted). A partial
    change (some parties or designs) is recorded with the part transferred; the registration
    stays with its holder (the split into a registration of its own for the part is not
    built)."""
    before = registration_state(registration)
    if not partial:
        registration.holders = [new_holder]
        registration.holder_name = new_holder.get("name", "")[:500]
        registration.owner_user = owner_user
        registration.owner_client = None
        fields = ["holders", "holder_name", "owner_user", "owner_client", "representative_firm"]
        # The former holder's firm on the portal stops acting for the registration: only a
        # firm named for the new holder (which accepted) does.
        registration.representative_firm_id = None
        if representative:
            registration.representative = dict(representative)
            registration.representative_firm_id = representative.get("firm_id")
            fields.append("representative")
        registration.save(update_fields=fields)
    summary = (
        f"Change in ownership to {new_holder.get('name', '')} for {_numbers(parties)}, "
        f"design(s) {_numbers(designs)}{' (partial)' if partial else ''} (Article 16(1)(i))"
    )
    return _write(
        registration, EntryKind.OWNERSHIP, "register.ownership_changed", summary, before,
        params={"new_holder": new_holder.get("name", ""), "parties": parties,
                "designs": designs, "partial": partial},
        by=by, on=on, request_ref=request_ref, new_holder=new_holder.get("name", ""),
        parties=parties, designs=designs, partial=partial,
        previous_owner_user=previous_owner_user_id,
        previous_owner_client=previous_owner_client_id,
    )  # fmt: skip


def name_address_apply(*, registration: Registration, new: dict, by, on: date, request_ref=""):
    """DM/6: only what changed replaces the holder's recorded name, address or e-mail."""
    before = registration_state(registration)
    holders = [dict(h) for h in registration.holders] or [{}]
    holder = holders[0]
    if new.get("name"):
        holder["name"] = new["name"]
        registration.holder_name = new["name"][:500]
    if new.get("address") or new.get("country"):
        address = dict(holder.get("address") or {})
        if new.get("address"):
            address["street"] = new["address"]
        if new.get("country"):
            address["country"] = new["country"]
        holder["address"] = address
    if new.get("email"):
        holder["email"] = new["email"]
    registration.holders = holders
    registration.save(update_fields=["holders", "holder_name"])
    details = [k for k in ("name", "address", "country", "email") if new.get(k)]
    changed = ", ".join(details)
    summary = f"Holder's {changed} changed (Article 16(1)(ii), Rule 21)"
    return _write(
        registration, EntryKind.NAME_ADDRESS, "register.name_address_changed", summary, before,
        params={"changed": details}, by=by, on=on, request_ref=request_ref, changed=changed,
    )  # fmt: skip


def representative_apply(
    *, registration: Registration, action: str, new: dict, by, on: date, request_ref=""
):
    """Article 16(1)(iii): appointment, change (a new one replaces the recorded one), or
    cancellation of the representative."""
    before = registration_state(registration)
    registration.representative = {} if action == "cancel" else dict(new)
    # A firm of the portal that accepted the appointment represents the holder on the portal
    # too (its workbench); a cancellation, or another representative, ends that.
    registration.representative_firm_id = None if action == "cancel" else new.get("firm_id")
    registration.save(update_fields=["representative", "representative_firm"])
    if action == "cancel":
        summary = "Representative's appointment cancelled (Article 16(1)(iii))"
    else:
        summary = f"Representative {new.get('name', '')} appointed (Article 16(1)(iii))"
    return _write(
        registration, EntryKind.REPRESENTATIVE, "register.representative_changed", summary,
        before, params={"action": action, "representative": new.get("name", "")},
        by=by, on=on, request_ref=request_ref, action=action,
        representative=new.get("name", ""),
    )  # fmt: skip


def limitation_apply(
    *, registration: Registration, parties: list[str], designs: list[int], by, on, request_ref=""
):
    """DM/3, Article 16(1)(v): the designs named stop being in force for the parties named."""
    before = registration_state(registration)
    for d in registration.designations.filter(party__in=parties):
        d.designs = [n for n in d.designs if n not in designs]
        d.save(update_fields=["designs"])
    summary = (
        f"Limited: design(s) {_numbers(designs)} no longer protected in {_numbers(parties)} "
        f"(Article 16(1)(v))"
    )
    return _write(
        registration, EntryKind.LIMITATION, "register.limited", summary, before,
        params={"parties": parties, "designs": designs},
        by=by, on=on, request_ref=request_ref, parties=parties, designs=designs,
    )  # fmt: skip


def renunciation_apply(
    *, registration: Registration, parties: list[str], by, on: date, request_ref=""
):
    """DM/5, Article 16(1)(iv): all designs given up for the parties named; with no party left
    in force, the registration itself is renounced."""
    before = registration_state(registration)
    registration.designations.filter(party__in=parties).update(
        register_status=RegisterStatus.RENOUNCED, ended_on=on
    )
    if not registration.designations.filter(register_status=RegisterStatus.IN_FORCE).exists():
        registration.status = RegisterStatus.RENOUNCED
        registration.save(update_fields=["status"])
    summary = f"Renounced for {_numbers(parties)}, all designs (Article 16(1)(iv))"
    return _write(
        registration, EntryKind.RENUNCIATION, "register.renounced", summary, before,
        params={"parties": parties}, by=by, on=on, request_ref=request_ref, parties=parties,
        whole=registration.status == RegisterStatus.RENOUNCED,
    )  # fmt: skip
