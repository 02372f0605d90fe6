"""Writes of the event stream: record an event with its deliveries, run its consumers, re-run
those that failed.

    with events.unit():               # the change's transaction
        ...change the application...
        event_record(submission=s, kind="invitation.sent", actor=user, summary="…",
                     before={"status": "under_examination"}, after={"status": "irregular", …})

When the outermost `unit()` ends, its events go to their consumers: after the commit when the
unit was the transaction, or, when it ran inside a caller's transaction (a payment made as part of
a filing, a test), at once inside it, so that what they write commits with the change or not at
all. Each delivery is claimed with a conditional UPDATE and run in its own (sub)transaction: a
consumer that fails is rolled back alone and marked failed; `events_redeliver` (beat) runs it
again with backoff. Outside a unit, an event goes to its consumers after commit.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import registry
from .models import Delivery, DeliveryStatus, Event

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BACKOFF_BASE = timedelta(seconds=30)  # 30 s, 1, 2, 4 ... min after each failure
# A delivery still pending this long after its event (its process died between the commit and
# the dispatch), or claimed this long ago and never finished, is run again.
PENDING_GRACE = timedelta(seconds=30)
RUNNING_STALE = timedelta(minutes=5)

_local = threading.local()


def _units() -> list[list[int]]:
    if not hasattr(_local, "units"):
        _local.units = []
    return _local.units


# --- record ------------------------------------------------------------------------------------


def event_record(
    *,
    submission,
    kind: str,
    summary: str,
    actor=None,
    before: dict | None = None,
    after: dict | None = None,
    applicant_visible: bool = False,
) -> Event:
    """Append one event (never updated, never deleted) and a delivery per consumer of its kind,
    in the caller's transaction."""
    event = Event.objects.create(
        submission=submission,
        at=timezone.now(),
        actor=actor,
        kind=kind,
        summary=summary[:500],
        before=before,
        after=after,
        applicant_visible=applicant_visible,
    )
    consumers = registry.consumers_for(kind)
    if consumers:
        Delivery.objects.bulk_create(Delivery(event=event, consumer=c.name) for c in consumers)
        units = _units()
        if units:
            units[-1].append(event.pk)
        else:
            ids = [event.pk]
            transaction.on_commit(lambda: events_dispatch(event_ids=ids), robust=True)
    return event


@contextmanager
def unit():
    """The transaction of one change to an application; its events are dispatched when it ends
    (see the module's docstring). Units may nest: the outermost dispatches."""
    units = _units()
    units.append([])
    try:
        with transaction.atomic():
            yield
    except BaseException:
        units.pop()  # rolled back: nothing happened
        raise
    ids = units.pop()
    if not ids:
        return
    if units:
        units[-1].extend(ids)
    else:
        events_dispatch(event_ids=ids)


# --- dispatch ----------------------------------------------------------------------------------


def events_dispatch(*, event_ids) -> int:
    """Run the pending (or failed) deliveries of these events, in the order of the events and,
    per event, of the consumers. Returns how many ran to the end."""
    rows = (
        Delivery.objects.filter(event_id__in=list(event_ids))
        .exclude(status=DeliveryStatus.DONE)
        .select_related("event__submission")
        .order_by("event_id", "id")
    )
    return sum(_deliver(row) for row in rows)


def _deliver(delivery: Delivery) -> bool:
    consumer = registry.consumer(delivery.consumer)
    if consumer is None or not _ready(delivery, consumer) or not _claim(delivery):
        return False
    try:
        with transaction.atomic():
            consumer.handle(delivery.event)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.DONE, done_at=timezone.now(), last_error=""
            )
    except Exception as exc:  # noqa: BLE001 - a consumer's failure must not undo the change
        if consumer.required:
            raise
        logger.exception("event %s: consumer %s failed", delivery.event_id, delivery.consumer)
        _failed(delivery, exc)
        return False
    return True


def _ready(delivery: Delivery, consumer) -> bool:
    """The consumers this one runs after have handled the event (else it waits its turn)."""
    if not consumer.after:
        return True
    return not (
        Delivery.objects.filter(event_id=delivery.event_id, consumer__in=consumer.after)
        .exclude(status=DeliveryStatus.DONE)
        .exists()
    )


def _claim(delivery: Delivery) -> bool:
    """Once: only the first process that moves it from pending or failed runs it."""
    claimed = Delivery.objects.filter(
        pk=delivery.pk,
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.FAILED),
        attempts__lt=MAX_ATTEMPTS,
    ).update(status=DeliveryStatus.RUNNING, claimed_at=timezone.now(), attempts=F("attempts") + 1)
    return bool(claimed)


def _failed(delivery: Delivery, exc: Exception) -> None:
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).first()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=timezone.now() + BACKOFF_BASE * 2 ** max((attempts or 1) - 1, 0),
    )


# --- beat ----------------------------------------------------------------------------------------


def events_redeliver() -> int:
    """Beat: run again the deliveries that failed (their backoff passed), that were never
    dispatched (the process died after the commit), or whose consumer died mid-run."""
    now = timezone.now()
    Delivery.objects.filter(
        status=DeliveryStatus.RUNNING, claimed_at__lt=now - RUNNING_STALE
    ).update(status=DeliveryStatus.FAILED, next_attempt_at=now)
    due = Delivery.objects.filter(
        Q(status=DeliveryStatus.PENDING, created_at__lt=now - PENDING_GRACE)
        | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS)
    )
    event_ids = sorted(set(due.values_list("event_id", flat=True)[:1000]))
    return events_dispatch(event_ids=event_ids) if event_ids else 0
