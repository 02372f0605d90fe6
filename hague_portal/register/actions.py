"""The four notifications an Office sends about a designation, by name, for its pages and the
token API alike: one call each into register.services with the input already read (design
numbers as ints, dates as dates). The services say what is incomplete or late (RegisterError)."""

from __future__ import annotations

from . import services

REFUSAL, WITHDRAWAL, GRANT, SECOND_PART = "refusal", "withdrawal", "grant", "second-part"
ACTIONS = (REFUSAL, WITHDRAWAL, GRANT, SECOND_PART)


def decision_make(*, action: str, designation, by, data: dict):
    """The Decision (or, for the second part, the SecondPart) recorded."""
    designs = data.get("designs") or []
    if action == REFUSAL:
        return services.refusal_notify(
            designation=designation,
            by=by,
            designs=designs,
            grounds=data.get("grounds") or "",
            provisions=data.get("provisions") or "",
            review_time_limit=data.get("review_time_limit"),
            review_authority=data.get("review_authority") or "",
        )
    if action == WITHDRAWAL:
        return services.refusal_withdraw(
            designation=designation, by=by, designs=designs, note=data.get("note") or ""
        )
    if action == GRANT:
        return services.grant_state(
            designation=designation, by=by, designs=designs, note=data.get("note") or ""
        )
    if action == SECOND_PART:
        return services.second_part_due(
            designation=designation, by=by, time_limit=data.get("time_limit")
        )
    raise ValueError(action)
