"""A real Celery worker process for the pipeline tests, always stopped, with hard deadlines.

The worker runs `celery -A hague_portal worker -P prefork -c 1` against the test database
(pytest-django's `test_<name>`), the real Redis broker on a queue of its own, a temporary
MEDIA_ROOT and a file e-mail backend the test reads.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from django.db import connection

from hague_portal.celery import JOB_QUEUES, queue_name
from hague_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60
DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class Worker:
    def __init__(
        self,
        *,
        directory: Path,
        queue: str,
        media: Path,
        mail: Path,
        extra_env=None,
        beat=False,
        queues=(),
        cwd: Path = ROOT,
    ):
        self.directory, self.queue, self.mail, self.cwd = directory, queue, mail, cwd
        # -Q: only these job queues ("mail", "render", ...) of the run's own set; else all of them.
        self.queue_args = ["-Q", ",".join(queue_name(q, queue) for q in queues)] if queues else []
        # --beat: the worker also runs celery beat (the periodic jobs_resend), as in production.
        self.beat_args = ["--beat", "--schedule", str(directory / f"beat-{queue}")] if beat else []
        self.log_path = directory / f"worker-{queue}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hague_portal.settings",
            "DATABASE_URL": test_database_url(),
            "CONN_MAX_AGE": "0",
            "MEDIA_ROOT": str(media),
            "EMAIL_URL": f"filemail:///{mail}",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "hague_portal", "worker", "-P", "prefork",
             "-c", "1", "--loglevel", "INFO", "-n", f"{self.queue}-{time.monotonic_ns()}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat", *self.beat_args,
             *self.queue_args],
            cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() reaches the pool children
        )  # fmt: skip
        log.close()
        self._wait_for_log("ready.", offset, READY_TIMEOUT)
        return self

    def _wait_for_log(self, text: str, offset: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log(offset):
                return
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"worker exited ({self.process.returncode}):\n{self.log()[-3000:]}"
                )
            time.sleep(0.2)
        raise TimeoutError(f"worker not {text!r} after {timeout}s:\n{self.log()[-3000:]}")

    def log(self, offset: int = 0) -> str:
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")

    def pool_children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill_pool_child(self) -> int:
        """SIGKILL the process running the task (what the OOM killer would do)."""
        (child,) = self.pool_children()
        os.kill(child, signal.SIGKILL)
        return child

    def kill(self) -> None:
        """SIGKILL the whole worker: main process and pool, nothing acknowledged."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
        finally:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def wait_until(predicate, *, timeout: float, what: str, worker: Worker | None = None, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    tail = worker.log()[-4000:] if worker else ""
    raise TimeoutError(f"{what}: not after {timeout}s\n{tail}")


def _reset_producer_pools() -> None:
    # Drop the references only: kombu keeps one pool per broker URL process-wide, and the
    # original URL's pool is picked up again, open, when the URL is put back.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker_url(url: str):
    """Point this process's producer at another broker (e.g. a dead port), then back."""
    old = celery_app.conf.broker_url
    _reset_producer_pools()
    celery_app.conf.broker_url = url
    try:
        yield
    finally:
        _reset_producer_pools()
        celery_app.conf.broker_url = old


def all_queues(queue: str) -> list[str]:
    """The Redis keys of a run's queues (the default one and its job queues), to delete after."""
    return [queue, *(queue_name(q, queue) for q in JOB_QUEUES)]


@contextmanager
def default_queue(queue: str):
    """Send this process's tasks to the run's own queues (the job queues follow: celery.py)."""
    old = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield
    finally:
        celery_app.conf.task_default_queue = old
