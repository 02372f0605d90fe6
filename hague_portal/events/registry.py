"""The consumers of the event stream: who handles which kinds, in what order.

Each consumer app registers its consumers in its AppConfig.ready(), so that this module (below
every domain app) imports none of them. A consumer's `handle(event)` runs once per event it
handles (events.services claims a Delivery row first); it must be safe to run again after it
failed, since beat re-runs a failed delivery."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Consumer:
    name: str
    kinds: frozenset[str]
    handle: Callable
    order: int = 50  # lower first among the consumers of one event
    # Consumers whose delivery of the same event must be done first (the webhook of a
    # notification needs the notification).
    after: tuple[str, ...] = field(default=())
    # Part of the change itself (the examination of a filed application): its failure is the
    # change's failure, raised to the caller, instead of being retried later.
    required: bool = False


_CONSUMERS: dict[str, Consumer] = {}


def register(consumer: Consumer) -> None:
    _CONSUMERS[consumer.name] = consumer


def unregister(name: str) -> None:
    _CONSUMERS.pop(name, None)


def consumers_for(kind: str) -> list[Consumer]:
    return sorted(
        (c for c in _CONSUMERS.values() if kind in c.kinds), key=lambda c: (c.order, c.name)
    )


def consumer(name: str) -> Consumer | None:
    return _CONSUMERS.get(name)


def consumers() -> list[Consumer]:
    return sorted(_CONSUMERS.values(), key=lambda c: (c.order, c.name))
