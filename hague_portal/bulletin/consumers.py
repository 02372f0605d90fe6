"""The Bulletin's consumer of the event stream: an entry per published fact of the Register."""

from __future__ import annotations

from hague_portal.events.registry import Consumer

from .services import ENTRY_KINDS, entry_record


def event_to_bulletin(event) -> None:
    entry_record(event=event)


CONSUMER = Consumer(
    name="bulletin", kinds=frozenset(ENTRY_KINDS), handle=event_to_bulletin, order=40
)
