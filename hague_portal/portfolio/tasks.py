"""Celery tasks of the portfolio: a thin interface (ids in, call a service, retry or mark
failed). The export job goes to the "exports" queue (hague_portal/celery.py)."""

from celery import Task, shared_task

from . import services_exports as services

EXPORT_RUN = "hague_portal.portfolio.tasks.export_run"


class ExportTask(Task):
    # A transient failure (database, storage) is retried: 2, 4, 8, 16 seconds, then failed.
    autoretry_for = (Exception,)
    retry_backoff = 2
    retry_jitter = False
    max_retries = 4
    acks_late = True
    reject_on_worker_lost = True

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        services.export_retry_later(export_id=args[0], task_id=task_id, error=_describe(exc))

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        services.export_fail(export_id=args[0], task_id=task_id, error=_describe(exc))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


@shared_task(bind=True, base=ExportTask, name=EXPORT_RUN)
def export_run_task(self, export_id: str) -> str:
    return services.export_run(export_id=export_id, task_id=self.request.id)


@shared_task(name="hague_portal.portfolio.tasks.exports_resend")
def exports_resend() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): re-send the exports the broker lost."""
    return services.exports_resend()


@shared_task(name="hague_portal.portfolio.tasks.exports_expire")
def exports_expire() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): delete the exports older than EXPORT_KEEP_DAYS."""
    return services.exports_expire()
