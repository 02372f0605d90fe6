"""celery beat's scheduler (CELERY_BEAT_SCHEDULER): the default one, which also records a
heartbeat each time it has handed a periodic task to the broker (docs/operations.md, Health)."""

from celery.beat import PersistentScheduler

from .services import heartbeat_record

BEAT = "beat"


class HeartbeatScheduler(PersistentScheduler):
    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        # Raises when the broker did not take the task (beat logs it and tries at the next
        # tick): a beat that cannot send is as good as stopped, and its heartbeat ages.
        result = super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        heartbeat_record(name=BEAT)
        return result
