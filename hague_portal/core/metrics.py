"""Prometheus metrics (issue 24; docs/operations.md, "Metrics").

Two kinds, so that several gunicorn workers on several machines give one true answer:
- request latency is counted where it happens, in each web process: a histogram that
  prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR, set by gunicorn.conf.py)
  adds up over the workers of one machine; each machine is its own scrape target.
- everything the database or the broker knows (jobs, the oldest waiting one, queue lengths,
  e-mails) is read at scrape time, so any web process of any machine answers the same.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily

from hague_portal.celery import JOB_QUEUES, queue_name
from hague_portal.mail.models import OutgoingEmail
from hague_portal.submissions.models import Job, JobStatus
from hague_portal.submissions.selectors import job_oldest_waiting_seconds

REQUEST_SECONDS = Histogram(
    "hague_http_request_duration_seconds",
    "Time from a request's arrival to its response, by view, method and status class.",
    ["view", "method", "status"],
    buckets=(0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60),
)
# A DM/1 of 100 designs renders in seconds; an XLSX of 100,000 rows in about a minute.
JOB_BUCKETS = (1, 2, 5, 10, 30, 60, 120, 300, 600, 1800)
# kombu's Redis transport keeps a queue's messages of priority p in "<queue>\x06\x16<p>".
PRIORITY_SUFFIXES = ("", *(f"\x06\x16{p}" for p in (3, 6, 9)))


def request_observe(*, view: str, method: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(view=view, method=method, status=f"{status // 100}xx").observe(seconds)


def metrics_exposition() -> bytes:
    """The text a scrape gets: this machine's request latency and the portal's state now."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:  # one process (runserver, tests): its own histogram
        registry.register(REQUEST_SECONDS)
    registry.register(PortalStateCollector())
    return generate_latest(registry)


class PortalStateCollector:
    """Read at each scrape from PostgreSQL and Redis; a few aggregate queries on indexed rows."""

    def collect(self):
        yield from jobs_metrics()
        yield oldest_waiting_metric()
        yield from queue_metrics()
        yield emails_metric()


def jobs_metrics():
    counts = GaugeMetricFamily(
        "hague_jobs",
        "Jobs of submitted applications, by kind and status.",
        labels=["kind", "status"],
    )
    for row in Job.objects.values("kind", "status").annotate(n=Count("id")).order_by():
        counts.add_metric([row["kind"], row["status"]], row["n"])
    yield counts
    yield job_durations_metric()


def job_durations_metric() -> HistogramMetricFamily:
    """How long the last run of each done job took, by kind (started to finished)."""
    took = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    buckets = {
        f"le_{i}": Count("id", filter=Q(took__lte=timedelta(seconds=b)))
        for i, b in enumerate(JOB_BUCKETS)
    }
    rows = (
        Job.objects.filter(status=JobStatus.DONE, started_at__isnull=False)
        .annotate(took=took)
        .values("kind")
        .annotate(n=Count("id"), total=Sum("took"), **buckets)
        .order_by()
    )
    family = HistogramMetricFamily(
        "hague_job_duration_seconds", "Run time of done jobs, by kind.", labels=["kind"]
    )
    for row in rows:
        counts = [row[f"le_{i}"] for i in range(len(JOB_BUCKETS))]
        family.add_metric(
            [row["kind"]],
            [*zip(map(str, JOB_BUCKETS), counts, strict=True), ("+Inf", row["n"])],
            sum_value=(row["total"] or timedelta()).total_seconds(),
        )
    return family


def oldest_waiting_metric() -> GaugeMetricFamily:
    seconds = job_oldest_waiting_seconds(now=timezone.now())
    return GaugeMetricFamily(
        "hague_job_oldest_waiting_seconds",
        "How long the job waiting longest has waited (queued, or its worker's lease ran out); "
        "0 when none waits.",
        value=seconds or 0,
    )


def queue_metrics():
    """Messages waiting in each Celery queue; broker_up 0 (and no lengths) when it is down."""
    lengths = GaugeMetricFamily(
        "hague_queue_length", "Messages waiting in each Celery queue.", labels=["queue"]
    )
    try:
        found = queue_lengths()
    except Exception:  # noqa: BLE001 - a broker down is a figure, not a failed scrape
        found = None
    for queue, length in (found or {}).items():
        lengths.add_metric([queue], length)
    yield lengths
    yield GaugeMetricFamily(
        "hague_broker_up", "1 when the broker answered this scrape.", value=int(found is not None)
    )


def queue_names() -> list[str]:
    default = settings.CELERY_TASK_DEFAULT_QUEUE
    return [default, *(queue_name(q, default) for q in JOB_QUEUES)]


def queue_lengths() -> dict[str, int]:
    if settings.REDIS_URL:
        return _redis_queue_lengths(queue_names())
    # `make run`'s filesystem broker: a file per message, named after its queue.
    folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
    return {queue: len(list(folder.glob(f"*.{queue}.msg"))) for queue in queue_names()}


def _redis_queue_lengths(queues) -> dict[str, int]:
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5
    )
    try:
        with client.pipeline(transaction=False) as pipe:
            for queue in queues:
                for suffix in PRIORITY_SUFFIXES:
                    pipe.llen(queue + suffix)
            found = pipe.execute()
    finally:
        client.close()
    per_queue = len(PRIORITY_SUFFIXES)
    return {
        queue: sum(found[i * per_queue : (i + 1) * per_queue]) for i, queue in enumerate(queues)
    }


def emails_metric() -> GaugeMetricFamily:
    family = GaugeMetricFamily(
        "hague_emails", "E-mails the portal sent, failed to send or has still to send, by status.",
        labels=["status"],
    )  # fmt: skip
    found = dict(OutgoingEmail.objects.values_list("status").annotate(n=Count("id")).order_by())
    for status in OutgoingEmail._meta.get_field("status").choices:
        family.add_metric([status[0]], found.get(status[0], 0))
    return family
