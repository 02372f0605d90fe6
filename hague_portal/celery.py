import os

from celery import Celery, signals

from hague_portal.lib.logs import REQUEST_ID

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


# --- logs: the request id travels with the jobs (issue 24, lib/logs.py) -------------------------

REQUEST_ID_HEADER = "request_id"
_bound: dict[str, object] = {}  # task id -> the token that restores the id after the task


@signals.before_task_publish.connect
def _request_id_carry(headers=None, **_):
    """The message of a task carries the request id of whoever sends it (a request, a job)."""
    request_id = REQUEST_ID.get()
    if headers is not None and request_id:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@signals.task_prerun.connect
def _request_id_bind(task_id=None, task=None, **_):
    # The id that came with the message; a task run eagerly keeps its caller's; a periodic task
    # of beat (no request behind it) is named by its own task id.
    request_id = task.request.get(REQUEST_ID_HEADER) or REQUEST_ID.get() or task_id
    _bound[task_id] = REQUEST_ID.set(request_id)


@signals.task_postrun.connect
def _request_id_unbind(task_id=None, **_):
    token = _bound.pop(task_id, None)
    if token is not None:
        REQUEST_ID.reset(token)


@signals.setup_logging.connect
def _logging_as_the_web(**_):
    """Workers and beat log as the web does (settings.LOGGING: JSON lines in production, each
    with its request id) instead of Celery's own format."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
