"""Celery tasks of notifications: a thin interface (ids in, call a service)."""

from celery import shared_task

from . import services


@shared_task(
    name="hague_portal.notifications.tasks.notification_email",
    # SMTP or database trouble, or another worker holding the row (EmailBusy): retried with
    # backoff 2, 4, 8 ... s capped at 5 minutes (~20 minutes in all); the beat re-send after.
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=8,
    acks_late=True,
    reject_on_worker_lost=True,
)
def notification_email_task(recipient_id: int) -> str:
    return services.notification_email_deliver(recipient_id=recipient_id)


@shared_task(name="hague_portal.notifications.tasks.notification_emails_resend")
def notification_emails_resend() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): alerts the broker lost or whose sender died."""
    return services.notification_emails_resend()
