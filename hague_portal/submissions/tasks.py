"""Celery tasks: a thin interface (ids in, call a service, retry or mark failed).

Settings give every task acks_late and reject_on_worker_lost: a job whose worker dies is
redelivered, and the job row's conditional claim (services.job_claim) makes the second run
finish the work rather than repeat it.
"""

from celery import Task, shared_task

from hague_portal.lib.pdf import PDFRenderError

from . import services
from .models import FrozenSubmissionError, Job, JobKind

JOB_RUN = "hague_portal.submissions.tasks.job_run"
# Which queue each kind of job goes to (hague_portal/celery.py): the acknowledgement is an
# e-mail and must not wait behind a DM/1 render of this or another application.
JOB_KIND_QUEUES = {
    JobKind.CHECKS: "checks",
    JobKind.DM1_PDF: "render",
    JobKind.ACKNOWLEDGEMENT: "mail",
}
TASK_QUEUES = {"hague_portal.notifications.tasks.notification_email": "mail"}


class JobTask(Task):
    # Transient failures (database, storage, SMTP, broker) are retried with exponential backoff:
    # 2, 4, 8 ... seconds, capped at 5 minutes, 8 times (~20 minutes in all).
    autoretry_for = (Exception,)
    # Retrying cannot help these: fail at once, so staff see them.
    dont_autoretry_for = (PDFRenderError, FrozenSubmissionError, services.SubmissionError)
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = False
    max_retries = 8
    acks_late = True
    reject_on_worker_lost = True

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        services.job_retry_later(job_id=args[0], task_id=task_id, error=_describe(exc))

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        services.job_fail(job_id=args[0], task_id=task_id, error=_describe(exc))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


@shared_task(bind=True, base=JobTask, name=JOB_RUN)
def job_run_task(self, job_id: int) -> str:
    return services.job_run(job_id=job_id, task_id=self.request.id)


@shared_task(name="hague_portal.submissions.tasks.jobs_resend")
def jobs_resend() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): re-send jobs the broker never received or lost."""
    return services.jobs_resend()


def task_queue(name: str, args) -> str | None:
    """The job-kind queue of a task about to be sent (CELERY_TASK_ROUTES), None: the default.

    A job is sent by id; its kind is one indexed read away (the job row is committed first).
    """
    if name == JOB_RUN and args:
        kind = Job.objects.filter(pk=args[0]).values_list("kind", flat=True).first()
        return JOB_KIND_QUEUES.get(kind)
    return TASK_QUEUES.get(name)
