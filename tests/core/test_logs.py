"""Logs (issue 24): JSON lines in production, each naming its request; the id a request was given
comes back in its response and is in the log lines of the jobs it enqueued, on the worker."""

import io
import json
import logging
import os
import uuid

import pytest
import redis
from django.db import connection
from django.urls import reverse

from hague_portal.lib.logs import JsonFormatter, RequestIdFilter
from hague_portal.portfolio.models import Export, ExportStatus
from tests.core.test_settings import PRODUCTION_ENV, run_manage
from tests.submissions.worker import Worker, all_queues, default_queue, wait_until


@pytest.fixture
def json_lines():
    """The lines the root logger writes as production writes them (settings.LOGGING)."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    root.removeHandler(handler)


def request_lines(lines) -> list[dict]:
    return [line for line in lines if line["logger"] == "hague_portal.requests"]


@pytest.mark.django_db
def test_a_request_keeps_the_callers_id_in_its_response_and_its_log_line(client, json_lines):
    response = client.get(reverse("accessibility"), HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"
    (line,) = request_lines(json_lines())
    assert line["request_id"] == "lb-7f3a9c2e-0001"
    assert line["message"] == "GET /accessibility/ 200"
    assert line["view"] == "accessibility" and line["status"] == 200
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["", "short", "a" * 200, 'x" forged\n{"level": "ERROR"}'])
def test_a_missing_or_unfit_request_id_is_replaced_by_a_new_one(client, json_lines, header):
    response = client.get(reverse("accessibility"), HTTP_X_REQUEST_ID=header)
    new = response["X-Request-ID"]
    assert new != header and len(new) == 32 and int(new, 16) >= 0
    assert request_lines(json_lines())[0]["request_id"] == new


@pytest.mark.django_db
def test_two_requests_get_two_ids(client):
    first = client.get(reverse("accessibility"))["X-Request-ID"]
    assert client.get(reverse("accessibility"))["X-Request-ID"] != first


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "json"), ({"LOG_FORMAT": "text"}, "text"), ({"DEBUG": "true"}, "text")],
)
def test_production_logs_json_lines_unless_told_otherwise(env, expected):
    code = "from django.conf import settings; print(settings.LOG_FORMAT)"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, **env})
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


def test_an_unknown_log_format_stops_the_start_naming_it():
    result = run_manage("check", env={**PRODUCTION_ENV, "LOG_FORMAT": "xml"})
    assert result.returncode != 0 and "LOG_FORMAT is 'xml'" in result.stderr


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_enqueued_by_a_request_logs_on_the_worker_with_the_requests_id(
    client, alice, tmp_path, settings
):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the job goes through a real Redis broker (.ci/run)")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the worker must share the test database")
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    queue = f"test-logs-{uuid.uuid4().hex[:10]}"
    worker = Worker(
        directory=tmp_path,
        queue=queue,
        media=media,
        mail=tmp_path,
        extra_env={"LOG_FORMAT": "json"},
    )
    request_id = f"req-{uuid.uuid4()}"
    with default_queue(queue):
        try:
            worker.start()
            client.force_login(alice)
            response = client.post(reverse("portfolio:exports"), HTTP_X_REQUEST_ID=request_id)
            assert response["X-Request-ID"] == request_id
            export = Export.objects.get(user=alice)
            wait_until(
                lambda: [line for line in lines_of(worker, request_id) if "succeeded" in line["message"]],
                timeout=60, what="the export's job logged as done", worker=worker,
            )  # fmt: skip
        finally:
            worker.stop()
            redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(queue))
    assert Export.objects.get(pk=export.pk).status == ExportStatus.DONE
    (done,) = [line for line in lines_of(worker, request_id) if "succeeded" in line["message"]]
    assert "export_run" in done["message"] and done["logger"] == "celery.app.trace"


def lines_of(worker, request_id) -> list[dict]:
    """The worker's JSON lines that carry `request_id`."""
    lines = [json.loads(line) for line in worker.log().splitlines() if line.startswith("{")]
    return [line for line in lines if line["request_id"] == request_id]
