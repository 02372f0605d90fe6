"""The Register's consumer of the event stream: a registered application enters the Register,
in the registration's transaction (`required`)."""

from __future__ import annotations

from hague_portal.events.registry import Consumer

from .services import registration_open


def follow(event) -> None:
    registration_open(examination=event.submission.examination)


CONSUMER = Consumer(
    name="register",
    kinds=frozenset({"application.registered"}),
    handle=follow,
    order=0,
    required=True,
)
