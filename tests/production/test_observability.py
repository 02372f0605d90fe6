"""gunicorn as deployed, with two workers (issue 24): /metrics adds up the request latency of every
worker whichever answers the scrape, and every line the server logs is JSON, the request's id in
its line."""

import json
import socket
import urllib.request

import pytest
from django.db import connection
from prometheus_client.parser import text_string_to_metric_families

from tests.submissions import worker

from .server import Gunicorn, production_env

TOKEN = "metrics-token-of-the-gunicorn-test-0123456789"
REQUESTS = 24


@pytest.fixture
def two_workers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the server must share the test database")
    (tmp_path / "mail").mkdir()
    (tmp_path / "static").mkdir()  # nothing collected: the pages asked for need no static file
    env = production_env(
        database_url=worker.test_database_url(),
        static_root=tmp_path / "static",
        mail=tmp_path / "mail",
        METRICS_TOKEN=TOKEN,
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    env.pop("LOG_FORMAT", None)
    server = Gunicorn(env=env, log_path=tmp_path / "gunicorn.log", workers=2).start()
    try:
        yield server, tmp_path / "metrics"
    finally:
        server.stop()


def get(url: str, **headers) -> tuple[dict, bytes]:
    # A new connection each time: gunicorn's workers take turns accepting them.
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return dict(r.headers), r.read()


def catalogue_requests_counted(server) -> float:
    _, body = get(f"{server.url}/metrics", Authorization=f"Bearer {TOKEN}")
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.name.endswith("_count") and sample.labels.get("view") == "javascript-catalog":
                return sample.value
    return 0


def test_every_workers_requests_are_in_every_scrape(two_workers):
    server, folder = two_workers
    # Which worker accepts a connection is the kernel's choice: under load one may take them
    # all. So one worker is held reading a request whose headers are not finished, the others
    # go to the other worker, and then the held request is finished.
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as held:
        held.sendall(b"GET /jsi18n/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for _ in range(REQUESTS - 1):
            get(f"{server.url}/jsi18n/")
        held.sendall(b"Connection: close\r\n\r\n")
        response = b""
        while chunk := held.recv(65536):
            response += chunk
    assert response.startswith(b"HTTP/1.1 200"), response[:200]
    # Whichever worker answers, the scrape adds up the files of both.
    assert [catalogue_requests_counted(server) for _ in range(6)] == [REQUESTS] * 6
    pids = {path.stem.rsplit("_", 1)[-1] for path in folder.glob("histogram_*.db")}
    assert len(pids) == 2, server.log()[-3000:]


def test_the_server_logs_json_lines_with_the_request_id(two_workers):
    server, _ = two_workers
    headers, _ = get(f"{server.url}/jsi18n/", **{"X-Request-ID": "proxy-5e1f-0042"})
    assert headers["X-Request-ID"] == "proxy-5e1f-0042"
    lines = [json.loads(line) for line in server.log().splitlines() if line.strip()]
    (line,) = [line for line in lines if line["request_id"] == "proxy-5e1f-0042"]
    assert line["message"] == "GET /jsi18n/ 200" and line["view"] == "javascript-catalog"
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # "Booting worker", as JSON
