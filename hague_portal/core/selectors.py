"""Reads of the portal's own bookkeeping, for /healthz."""

from datetime import datetime

from django.conf import settings

from .beat import BEAT
from .models import Heartbeat


def beat_state(*, now: datetime) -> tuple[str, int | None]:
    """("ok" | "stale" | "never ran", seconds since beat last sent a periodic task).

    Stale: silent longer than BEAT_MAX_SILENCE_SECONDS (settings: three periods of its most
    frequent task), so the jobs the broker lost, and those whose worker died, wait."""
    at = Heartbeat.objects.filter(name=BEAT).values_list("at", flat=True).first()
    if at is None:
        return "never ran", None
    age = max(0, int((now - at).total_seconds()))
    return ("ok" if age <= settings.BEAT_MAX_SILENCE_SECONDS else "stale"), age
