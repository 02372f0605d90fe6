"""Writes of the portal's own bookkeeping: the background processes' heartbeats."""

import logging

from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Heartbeat

logger = logging.getLogger(__name__)


def heartbeat_record(*, name: str) -> None:
    """Record that `name` is alive now (one upsert). Never raises: a process that cannot reach
    the database keeps doing its work, and /healthz reports the database."""
    try:
        Heartbeat.objects.bulk_create(
            [Heartbeat(name=name, at=timezone.now())],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["at"],
        )
    except DatabaseError as exc:
        logger.warning("heartbeat of %s not recorded (%s)", name, exc)
        connection.close()  # beat's connection outlives requests: reconnect at the next one
