"""The Register's current state (issue 23) and its history: what a recorded change leaves,
written as a `RegisterEntry` with the state it replaced, so that an extract shows both."""

from __future__ import annotations

from datetime import date

from hague_portal.hague.renewal import term_expiry

from ..models import EntryKind, RegisterEntry, Registration


def registration_state(registration: Registration) -> dict:
    """Holders, representative, term and designations as the Register holds them now."""
    return {
        "holders": registration.holders,
        "representative": registration.representative,
        "term": registration.term,
        "expiry": registration.expiry.isoformat() if registration.expiry else None,
        "status": registration.status,
        "designations": [
            {
                "party": d.party,
                "designs": d.designs,
                "expiry": d.expiry.isoformat() if d.expiry else None,
                "status": d.register_status,
            }
            for d in sorted(registration.designations.all(), key=lambda d: d.party)
        ],
    }


def entry_record(
    registration: Registration,
    kind: str,
    summary: str,
    *,
    recorded_on: date,
    params: dict | None = None,
    before: dict | None = None,
    by=None,
    request_ref: str = "",
) -> RegisterEntry:
    """The history's entry of a change the caller has just written (in its transaction):
    `summary` its English record, `params` the facts it states (from which `register.wording`
    words it in the reader's language), `before` `registration_state` read before the change."""
    return RegisterEntry.objects.create(
        registration=registration,
        kind=kind,
        recorded_on=recorded_on,
        summary=summary,
        params=params or {},
        before=before or {},
        state=registration_state(registration),
        by=by,
        request_ref=request_ref,
    )


def state_open(registration: Registration, document: dict, submission) -> None:
    """The state at registration: the applicants become the holders (items 1-3), item 5's
    representative the representative, every design in force for every designated party
    until the first term's expiry (Article 17(1)); the applicant's account holds it."""
    registration.holders = list(document.get("applicants") or [])
    registration.representative = document.get("representative") or {}
    registration.owner_user_id = submission.created_by_id
    registration.owner_client_id = submission.client_id
    registration.term = 1
    registration.expiry = term_expiry(registration.registration_date, 1)
    registration.save(
        update_fields=[
            "holders",
            "representative",
            "owner_user",
            "owner_client",
            "term",
            "expiry",
        ]
    )
    designs = [d.get("number", i) for i, d in enumerate(document.get("designs") or [], 1)]
    registration.designations.update(designs=designs, expiry=registration.expiry)
    entry_record(
        registration,
        EntryKind.REGISTRATION,
        f"International registration {registration.number} of "
        f"{registration.registration_date.isoformat()}",
        recorded_on=registration.registration_date,
        params={
            "number": registration.number,
            "date": registration.registration_date.isoformat(),
        },
    )
