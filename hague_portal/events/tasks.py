"""Beat: the deliveries of events that failed or were never dispatched (a thin interface)."""

from celery import shared_task

from . import services


@shared_task(name="hague_portal.events.tasks.events_redeliver")
def events_redeliver() -> int:
    return services.events_redeliver()
