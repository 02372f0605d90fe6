"""A fleet, proven (issue 24): two gunicorn instances, each in a working directory of its own with
a MEDIA_ROOT of its own that never comes to exist (no shared disk), and two Celery workers,
all on the same PostgreSQL database, Redis and S3 endpoint (moto_server). An application is
filed with its requests alternating between the two web instances: signed in on one, the
session holds on the other; a reproduction uploaded through one is shown by the other; the
DM/1 rendered by a worker is downloaded through both; the acknowledgement goes out once.

Run by CI (.ci/run sets DATABASE_URL and REDIS_URL, as for the worker tests); hard deadlines,
and every process is stopped whatever happens.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection

from hague_portal.api.tokens import token_create
from hague_portal.filings.models import Reproduction
from hague_portal.mail.models import EmailStatus, OutgoingEmail
from hague_portal.submissions.models import Job, JobStatus, Submission
from tests import s3
from tests.submissions.conftest import REFERENCE_DIR, document, jpeg
from tests.submissions.test_worker import sent_emails
from tests.submissions.worker import (
    ROOT,
    Worker,
    all_queues,
    default_queue,
    wait_until,
)
from tests.submissions.worker import test_database_url as database_url_of_tests

pytestmark = [
    pytest.mark.fleet,
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

READY_TIMEOUT = 60
DONE_TIMEOUT = 120
HTTP_TIMEOUT = 60


class Web:
    """One gunicorn instance (the production config, one worker), stopped by stop()."""

    def __init__(self, name: str, directory: Path, env: dict):
        self.name, self.directory = name, directory
        self.port = s3.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = directory / "gunicorn.log"
        self.env = {**env, "MEDIA_ROOT": str(directory / "media"), "STATIC_ROOT": str(directory)}
        self.process: subprocess.Popen | None = None

    def start(self) -> Web:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "hague_portal.wsgi",
                 "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{self.port}",
                 "--workers", "1", "--timeout", "60"],
                cwd=self.directory, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.log()[-3000:]}")
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise TimeoutError(f"{self.name} not up after {READY_TIMEOUT}s:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait(timeout=10)


@pytest.fixture
def fleet(s3_media, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the fleet test needs a real Redis broker (.ci/run)")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the fleet must share the test database")
    from hague_portal.reference.services import reference_import

    reference_import(directory=REFERENCE_DIR)
    queue = f"test-fleet-{uuid.uuid4().hex[:10]}"
    shared = {
        **os.environ,
        **s3.storage_env(s3_media["endpoint"], s3_media["bucket"]),
        "DATABASE_URL": database_url_of_tests(),
        "CONN_MAX_AGE": "0",
        "DEBUG": "true",  # the static files as they are (no collectstatic in a test)
        "LOG_FORMAT": "text",
        "SECRET_KEY": "fleet-test-" + uuid.uuid4().hex * 2,  # the same on every machine
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "PYTHONUNBUFFERED": "1",
    }
    webs = [Web(name, tmp_path / name, shared) for name in ("web-a", "web-b")]
    workers = []
    try:
        for web in webs:
            web.start()
        for name in ("worker-a", "worker-b"):  # each consumes every queue: they compete
            directory = tmp_path / name
            (directory / "mail").mkdir(parents=True)
            workers.append(
                Worker(
                    directory=directory,
                    queue=queue,
                    media=directory / "media",
                    mail=directory / "mail",
                    extra_env=shared_only(shared),
                    cwd=directory,
                )
            )
        with ThreadPoolExecutor(len(workers)) as pool:  # started side by side: half the wait
            list(pool.map(Worker.start, workers))
        for web in webs:
            web.wait_ready()
        with default_queue(queue):
            yield {"webs": webs, "workers": workers, "tmp": tmp_path, **s3_media}
    finally:
        with ThreadPoolExecutor(len(webs) + len(workers)) as pool:
            list(pool.map(lambda process: process.stop(), [*webs, *workers]))
        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(queue))
    for directory in [web.directory for web in webs] + [w.directory for w in workers]:
        assert not (directory / "media").exists(), f"{directory.name} wrote a file to its disk"


def shared_only(env: dict) -> dict:
    """What the workers take from the shared environment beyond Worker's own (the S3 settings,
    the key, the logs), leaving it MEDIA_ROOT, EMAIL_URL and the queue."""
    keep = ("AWS_", "SECRET_KEY", "DEBUG", "LOG_FORMAT")
    return {k: v for k, v in env.items() if k.startswith(keep)}


class Browser:
    """A session cookie (shared by both instances: sessions live in PostgreSQL) and CSRF."""

    def __init__(self):
        self.http = requests.Session()

    def get(self, base: str, path: str, **kwargs):
        return self.http.get(base + path, timeout=HTTP_TIMEOUT, **kwargs)

    def post(self, base: str, path: str, data=None, **kwargs):
        token = self.http.cookies.get("csrftoken") or self._csrf(base, path)
        data = {**(data or {}), "csrfmiddlewaretoken": token}
        return self.http.post(
            base + path, data=data, timeout=HTTP_TIMEOUT, headers={"Referer": base + path}, **kwargs
        )

    def _csrf(self, base: str, path: str) -> str:
        self.get(base, path)
        return self.http.cookies["csrftoken"]


def api(base: str, token: str, method: str, path: str, **kwargs):
    headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
    return requests.request(method, base + path, headers=headers, timeout=HTTP_TIMEOUT, **kwargs)


def test_an_application_filed_across_two_web_instances_and_two_workers(fleet, alice, password):
    started = time.monotonic()
    a, b = (web.url for web in fleet["webs"])
    _, token = token_create(
        user=alice, name="fleet", scopes=("read", "draft", "submit"), expires_in_days=1
    )
    browser = Browser()

    # Signed in on A; the session holds on B.
    response = browser.post(a, "/accounts/login/", {"login": alice.email, "password": password})
    assert response.status_code == 200 and "/accounts/login/" not in response.url, response.text
    assert browser.get(b, "/").status_code == 200
    assert "/accounts/login/" not in browser.get(b, "/").url

    # A draft made on B; a reproduction uploaded in the wizard on A.
    response = api(b, token, "POST", "/api/v1/drafts/", json={"document": document()})
    assert response.status_code == 201, response.text
    draft = response.json()["id"]
    upload = {"files": ("front.jpg", jpeg(5, size=(1200, 900)), "image/jpeg")}
    response = browser.post(
        a, f"/applications/{draft}/reproductions/", {"design": "1"}, files=upload
    )
    assert response.status_code == 200, response.text[-2000:]
    assert Reproduction.objects.filter(draft_id=draft).count() == 1, response.text[-3000:]

    # B shows it: the reproductions page, its thumbnail and the file as stored.
    page = browser.get(b, f"/applications/{draft}/reproductions/?design=1")
    assert page.status_code == 200
    (view,) = set(re.findall(r"/files/thumbnail/(\d+)/", page.text))
    shown = browser.get(b, f"/applications/{draft}/files/thumbnail/{view}/")
    assert shown.status_code == 200 and shown.content[:2] == b"\xff\xd8"  # a JPEG
    stored = browser.get(b, f"/applications/{draft}/files/reproduction/{view}/").content
    (row,) = api(b, token, "GET", f"/api/v1/drafts/{draft}/reproductions/").json()["results"]
    assert hashlib.sha256(stored).hexdigest() == row["sha256"]

    # Submitted on B, rendered and acknowledged by the workers.
    version = api(a, token, "GET", f"/api/v1/drafts/{draft}/").json()["version"]
    response = api(
        b, token, "POST", f"/api/v1/drafts/{draft}/submit/", json={"version": version},
        headers={"Idempotency-Key": f"fleet-{draft}"},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    submission = Submission.objects.get(number=response.json()["number"])
    workers = fleet["workers"]

    def settled():
        statuses = set(Job.objects.filter(submission=submission).values_list("status", flat=True))
        assert JobStatus.FAILED not in statuses, workers[0].log()[-3000:] + workers[1].log()[-3000:]
        return statuses == {JobStatus.DONE}

    wait_until(settled, timeout=DONE_TIMEOUT, what="the jobs done", worker=workers[0])
    submission.refresh_from_db()

    # The DM/1, downloaded through A's portal page and B's API: the bucket's bytes.
    in_bucket = s3.bucket_read(fleet["endpoint"], fleet["bucket"], submission.dm1_pdf.name)
    page_copy = browser.get(a, f"/submissions/{submission.number}/download/dm1/")
    assert page_copy.status_code == 200 and page_copy.content == in_bucket
    api_copy = api(b, token, "GET", f"/api/v1/applications/{submission.number}/documents/dm1/")
    assert api_copy.status_code == 200 and api_copy.content == in_bucket
    assert in_bucket.startswith(b"%PDF")

    # The acknowledgement: one e-mail, sent once by one of the two workers.
    assert OutgoingEmail.objects.filter(submission=submission).count() == 1
    assert OutgoingEmail.objects.get(submission=submission).status == EmailStatus.SENT
    mails = [m for w in workers for m in sent_emails(w.mail)]
    assert [m["To"] for m in mails] == ["jane@doe.example"]
    print(f"fleet: filed, rendered and downloaded in {time.monotonic() - started:.1f} s")
