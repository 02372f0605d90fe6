"""/metrics (issue 24): Prometheus figures for the operator's scraper only, which move when a
request is served, a job runs, an e-mail is sent or fails, a message waits in a queue."""

import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from hague_portal.mail.models import EmailStatus, OutgoingEmail
from hague_portal.submissions import services
from hague_portal.submissions.models import Job, JobKind, JobStatus
from tests.submissions.conftest import make_draft, media, reference_db, submit  # noqa: F401

TOKEN = "metrics-token-for-the-tests-0123456789"
pytestmark = pytest.mark.django_db


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client) -> dict:
    """{(sample name, (label, value), ...): value} of one scrape."""
    response = client.get(reverse("metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    families = text_string_to_metric_families(response.content.decode())
    return {
        (sample.name, *sorted(sample.labels.items())): sample.value
        for family in families
        for sample in family.samples
    }


def test_without_a_token_configured_there_is_no_metrics_page(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer anything")
    assert response.status_code == 404


def test_the_metrics_need_the_bearer_token(client, token):
    assert client.get(reverse("metrics")).status_code == 401
    wrong = client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer not-the-token")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")
    assert "hague_jobs" not in wrong.content.decode()


def test_a_request_is_counted_under_its_view_method_and_status_class(client, token):
    key = (
        "hague_http_request_duration_seconds_count",
        ("method", "GET"),
        ("status", "2xx"),
        ("view", "accessibility"),
    )
    before = scrape(client).get(key, 0)
    assert client.get(reverse("accessibility")).status_code == 200
    assert scrape(client)[key] == before + 1


def test_an_unknown_address_is_counted_as_unresolved_not_by_its_path(client, token):
    client.get(f"/no-such-page-{uuid.uuid4().hex}/")
    views = {dict(key[1:]).get("view") for key in scrape(client)}
    assert "unresolved" in views
    assert not any(view and view.startswith("/no-such-page") for view in views)


@pytest.mark.usefixtures("media", "reference_db")
def test_jobs_are_counted_by_kind_and_status_and_a_done_job_has_a_duration(client, token, alice):
    submission = submit(make_draft(alice), alice)
    Job.objects.filter(submission=submission).update(created_at=timezone.now() - timedelta(90))
    figures = scrape(client)
    queued = ("hague_jobs", ("kind", JobKind.CHECKS), ("status", JobStatus.QUEUED))
    assert figures[queued] == 1
    assert figures[("hague_job_oldest_waiting_seconds",)] >= 90 * 24 * 3600
    job = Job.objects.get(submission=submission, kind=JobKind.CHECKS)
    assert services.job_run(job_id=job.pk, task_id="task-1") == "done"
    figures = scrape(client)
    assert figures[("hague_jobs", ("kind", JobKind.CHECKS), ("status", JobStatus.DONE))] == 1
    assert queued not in figures
    assert figures[("hague_job_duration_seconds_count", ("kind", JobKind.CHECKS))] == 1
    bucket = ("hague_job_duration_seconds_bucket", ("kind", JobKind.CHECKS), ("le", "+Inf"))
    assert figures[bucket] == 1


def test_e_mails_sent_and_failed_are_counted(client, token):
    before = scrape(client)
    for status in (EmailStatus.SENT, EmailStatus.SENT, EmailStatus.FAILED):
        OutgoingEmail.objects.create(name="test", to="a@example.test", status=status)
    after = scrape(client)
    assert (
        after[("hague_emails", ("status", "sent"))]
        == before[("hague_emails", ("status", "sent"))] + 2
    )
    assert after[("hague_emails", ("status", "failed"))] == before[("hague_emails", ("status", "failed"))] + 1  # fmt: skip


@pytest.fixture
def own_queue(settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the queue lengths are read from a real Redis")
    queue = f"test-metrics-{uuid.uuid4().hex[:10]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    server = redis.Redis.from_url(settings.REDIS_URL)
    yield server, queue
    server.delete(queue, f"{queue}.render")


def test_queue_lengths_are_read_from_the_broker(client, token, own_queue):
    server, queue = own_queue
    server.rpush(f"{queue}.render", "a", "b", "c")
    figures = scrape(client)
    assert figures[("hague_queue_length", ("queue", f"{queue}.render"))] == 3
    assert figures[("hague_queue_length", ("queue", queue))] == 0
    assert figures[("hague_broker_up",)] == 1


def test_a_broker_down_is_a_figure_not_a_failed_scrape(client, token, own_queue, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    figures = scrape(client)
    assert figures[("hague_broker_up",)] == 0
    assert not any(key[0] == "hague_queue_length" for key in figures)
