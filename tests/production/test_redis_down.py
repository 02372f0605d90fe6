"""Redis down (cache and broker at a port where nothing listens): the portal keeps working.

The cache holds only rate-limit counters and the reference-data version; sessions are in the
database. So sign-in, the wizard, the calculator, the API and submit must all still answer, and
the jobs of a submission wait in the database for the broker (issue 8, Outages).
"""

import os
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from hague_portal.api.examples import EXAMPLE_APPLICATION
from hague_portal.filings.models import DraftStatus
from hague_portal.filings.services import draft_create
from hague_portal.submissions.models import Job, JobStatus, Submission
from tests.filings.conftest import fill
from tests.filings.helpers import add_reproductions, formset, post_step
from tests.submissions.worker import DEAD_BROKER, broker_url

DEAD_CACHE = "redis://127.0.0.1:1/1"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings, db):
    """The settings' own cache configuration, pointed at a dead Redis; the broker too."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: without Redis the cache is in-process (nothing to lose)")
    call_command("reference_import", stdout=StringIO())
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_CACHE}}
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
