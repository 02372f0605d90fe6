"""Redis down (cache and broker at a port where nothing listens): the portal keeps working.

The cache holds only rate-limit counters and the reference-data version; sessions are in the
database. So sign-in, the wizard, the calculator, the API and submit must all still answer, and
the jobs of a submission wait in the database for the broker (issue 8, Outages).
"""

import os
import time
import uuid
from io import StringIO

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from hague_portal.api.examples import EXAMPLE_APPLICATION
from hague_portal.filings.models import DraftStatus
from hague_portal.filings.services import draft_create
from hague_portal.lib.cache import PausingConnection
from hague_portal.submissions.models import Job, JobStatus, Submission
from hague_portal.submissions.services import jobs_resend
from tests.filings.conftest import fill
from tests.filings.helpers import add_reproductions, formset, post_step
from tests.submissions.worker import DEAD_BROKER, all_queues, broker_url, default_queue

DEAD_CACHE = "redis://127.0.0.1:1/1"  # nothing listens on port 1


@pytest.fixture
def dead_cache(settings):
    """The settings' own cache configuration, pointed at a dead Redis."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: without Redis the cache is in-process (nothing to lose)")
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_CACHE}}
    yield
    PausingConnection.resume()  # the next test's cache is alive: try it at once


@pytest.fixture
def redis_down(dead_cache, db):
    """The cache and the broker both at a dead Redis."""
    call_command("reference_import", stdout=StringIO())
    assert cache.get("anything") is None  # the cache really is the dead one, and does not raise
    with broker_url(DEAD_BROKER):
        yield


def test_sign_in_works_and_the_session_survives_while_redis_is_down(
    redis_down, client, alice, password
):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("workbench")).status_code == 200


def test_a_wizard_step_is_saved_while_redis_is_down(redis_down, client, alice):
    draft = draft_create(user=alice)
    client.force_login(alice)
    data = formset("designs", [{"product": "lamp", "locarno": "26-05"}], extra_blank=1)
    response = post_step(client, draft, "designs", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.document["designs"][0]["product"] == "lamp"


def test_the_fee_calculator_prices_while_redis_is_down(redis_down, client):
    query = {"designs": 1, "reproductions": 1, "locarno_class": "06", "set_a": ["CH"]}
    response = client.get("/fees/", query)
    assert response.status_code == 200
    assert response.context["comparison"].sets


def test_the_api_answers_while_redis_is_down(redis_down, client):
    response = client.post("/api/v1/fees/", EXAMPLE_APPLICATION, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["currency"] == "CHF"


def test_submit_succeeds_and_its_jobs_wait_for_the_broker_while_redis_is_down(
    redis_down, client, alice, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = fill(draft_create(user=alice), alice, designs=1)
    add_reproductions(draft, designs=1, per_design=1, with_files=True)
    client.force_login(alice)
    response = client.post(
        reverse("filings:submit", args=[draft.id]),
        {"seen_version": draft.version, "confirm": "on"},
    )
    assert response.status_code == 302
    submission = Submission.objects.get(draft=draft)
    assert submission.draft.status == DraftStatus.SUBMITTED
    # Not sent (enqueued_at empty): jobs_resend sends them when Redis returns, as
    # tests/submissions/test_worker.py shows with a real worker.
    jobs = Job.objects.filter(submission=submission)
    assert set(jobs.values_list("status", flat=True)) == {JobStatus.QUEUED}
    assert not jobs.filter(enqueued_at__isnull=False).exists()


@pytest.fixture
def submit_while_redis_is_down(dead_cache, transactional_db, settings, tmp_path, alice, client):
    """Submit through the page with the transaction really committed (its jobs are sent after
    commit, inside the request), the cache and the broker at a port where nothing listens."""
    call_command("reference_import", stdout=StringIO())
    settings.MEDIA_ROOT = tmp_path
    draft = fill(draft_create(user=alice), alice, designs=1)
    add_reproductions(draft, designs=1, per_design=1, with_files=True)
    client.force_login(alice)
    client.get(reverse("filings:submit", args=[draft.id]))  # imports done: time the submit only
    queue = f"test-redis-down-{uuid.uuid4().hex[:10]}"
    with default_queue(queue):
        try:
            with broker_url(DEAD_BROKER):
                PausingConnection.resume()  # as if Redis had just gone down
                started = time.monotonic()
                response = client.post(
                    reverse("filings:submit", args=[draft.id]),
                    {"seen_version": draft.version, "confirm": "on"},
                )
                seconds = time.monotonic() - started
            yield response, seconds, Submission.objects.get(draft=draft), queue
        finally:
            redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(queue))


def test_submit_answers_within_three_seconds_while_the_broker_is_down_and_its_jobs_are_sent_when_it_returns(
    submit_while_redis_is_down,
):
    # A wall-clock bound, as issue 19 asks: the applicant waited 18.8 s (kombu retried the
    # connection of each of the three jobs for 6 s); 0.5 to 0.9 s here now, as with Redis up.
    response, seconds, submission, queue = submit_while_redis_is_down
    assert response.status_code == 302
    assert seconds < 3, f"submit took {seconds:.1f} s with the broker down"
    jobs = Job.objects.filter(submission=submission)
    assert set(jobs.values_list("status", flat=True)) == {JobStatus.QUEUED}
    assert not jobs.filter(enqueued_at__isnull=False).exists()  # waiting in the database

    assert jobs_resend() == 3  # the broker is back: beat's periodic re-send hands them over
    assert not jobs.filter(enqueued_at__isnull=True).exists()
    broker = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert sum(broker.llen(name) for name in all_queues(queue)) == 3
