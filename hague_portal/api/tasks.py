"""Celery tasks of the API's webhooks: a thin interface (ids in, call a service)."""

from celery import shared_task

from . import webhooks


@shared_task(name="hague_portal.api.tasks.webhook_deliver", acks_late=True)
def webhook_deliver_task(delivery_id: str) -> str:
    # A failed send is not retried here: `next_attempt_at` holds the backoff and the beat task
    # below sends what is due, so a retry survives a worker restart.
    return webhooks.delivery_send(delivery_id=delivery_id)


@shared_task(name="hague_portal.api.tasks.webhook_deliveries_resend")
def webhook_deliveries_resend() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE)."""
    return webhooks.deliveries_resend()
