import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hague_portal.settings")

app = Celery("hague_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Queues per kind of job (docs/operations.md, "Queues"), so that an e-mail never waits behind a DM/1 render:
# "mail" (acknowledgements, notification e-mails), "render" (the DM/1), "checks" (the full
# formality check), "exports" (the workbench's XLSX, a minute for 100,000 rows) and the default
# queue (beat's periodic tasks).
JOB_QUEUES = ("mail", "render", "checks", "exports")


def queue_name(queue: str, default: str | None = None) -> str:
    """The queue's name: "mail" beside the default queue "celery"; a run with a default queue
    of its own (a test's, a bench's) gets its own set, "<default>.mail", so runs never mix."""
    default = default or app.conf.task_default_queue
    return queue if default == "celery" else f"{default}.{queue}"


def route_task(name, args, kwargs, options, task=None, **_):
    """CELERY_TASK_ROUTES: where a task goes; a retry keeps the queue it came from."""
    if options.get("queue"):
        return None
    from hague_portal.submissions.tasks import task_queue

    queue = task_queue(name, args)
    return {"queue": queue_name(queue)} if queue else None
