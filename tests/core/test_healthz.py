import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hague_portal.celery import app as celery_app
from hague_portal.core.models import Heartbeat
from hague_portal.core.services import heartbeat_record
from hague_portal.submissions.models import Job, JobStatus
from tests.submissions.conftest import make_draft, media, reference_db, submit  # noqa: F401
from tests.submissions.worker import DEAD_BROKER, Worker, all_queues, broker_url, wait_until


@pytest.fixture
def beat_alive(db):
    heartbeat_record(name="beat")


def beat_silent_for(seconds: float) -> None:
    Heartbeat.objects.filter(name="beat").update(at=timezone.now() - timedelta(seconds=seconds))


def test_healthz_reports_database_broker_pages_and_beat(client, beat_alive):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body.pop("beat_last_sent_seconds") < 60  # the first request also imports the views
    assert body == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "pages": "ok",
        "beat": "ok",
        "beat_max_silence_seconds": 180,  # three periods of jobs_resend, beat's most frequent
        "oldest_waiting_job_seconds": None,
    }


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_unreachable(client, beat_alive, monkeypatch):
    # A real broker address where nothing listens.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_naming_pages_when_the_static_manifest_is_missing(
    client, settings, tmp_path, beat_alive
):
    # DEBUG off serves static files through the manifest written by collectstatic; without it
    # every HTML page is a 500, so the health check must not say 200 (issue 8).
    settings.STATIC_ROOT = str(tmp_path / "static-never-collected")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["pages"] == "cannot render"
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_naming_beat_when_it_has_been_silent_for_three_periods(
    client, beat_alive
):
    beat_silent_for(181)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["beat"] == "stale"
    assert response.json()["beat_last_sent_seconds"] == 181
    assert response.json()["broker"] == "ok"


def test_healthz_answers_503_when_beat_never_ran(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["beat"] == "never ran"


@pytest.mark.usefixtures("media", "reference_db")
def test_healthz_gives_the_age_of_the_job_waiting_longest(client, beat_alive, alice):
    jobs = submit(make_draft(alice), alice).jobs.order_by("pk")
    now = timezone.now()
    Job.objects.filter(pk=jobs[0].pk).update(created_at=now - timedelta(seconds=100))
    # A job whose worker died: "running" with its lease run out 300 s ago, waiting for beat.
    Job.objects.filter(pk=jobs[1].pk).update(
        status=JobStatus.RUNNING, lease_until=now - timedelta(seconds=300)
    )
    Job.objects.filter(pk=jobs[2].pk).update(status=JobStatus.DONE)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200  # waiting jobs are a figure to watch, not a failure
    assert 300 <= response.json()["oldest_waiting_job_seconds"] < 310


def test_with_redis_down_healthz_names_the_broker_and_still_reads_beat_from_the_database(
    client, beat_alive
):
    with broker_url(DEAD_BROKER):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["beat"] == "ok"  # until beat, which cannot send, has been silent 3 min


@pytest.fixture
def beat_worker(settings, tmp_path):
    """A real worker running beat (jobs_resend every second) on the test database."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the worker tests need a real Redis broker")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the worker must share the test database")
    for folder in ("media", "mail"):
        (tmp_path / folder).mkdir()
    worker = Worker(
        directory=tmp_path,
        queue=f"test-beat-{uuid.uuid4().hex[:10]}",
        media=tmp_path / "media",
        mail=tmp_path / "mail",
        beat=True,
        extra_env={"JOBS_RESEND_SECONDS": "1"},
    )
    try:
        yield worker
    finally:
        worker.stop()
        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(worker.queue))


@pytest.mark.django_db(transaction=True)
def test_healthz_follows_a_real_beat_and_names_it_once_beat_stops(client, settings, beat_worker):
    settings.BEAT_MAX_SILENCE_SECONDS = 3  # three periods of this beat's one-second jobs_resend
    assert client.get(reverse("healthz")).json()["beat"] == "never ran"
    beat_worker.start()
    wait_until(
        lambda: client.get(reverse("healthz")).status_code == 200,
        timeout=60, what="/healthz 200 once beat sends", worker=beat_worker,
    )  # fmt: skip
    beat_worker.stop()  # beat with it: jobs whose worker died would now wait for ever
    response = wait_until(
        lambda: (answer := client.get(reverse("healthz"))).status_code == 503 and answer,
        timeout=30, what="/healthz 503 after beat stopped",
    )  # fmt: skip
    assert response.json()["beat"] == "stale"
    assert response.json()["beat_last_sent_seconds"] > 3
    assert response.json()["broker"] == "ok"
