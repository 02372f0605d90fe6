"""`make run`: beat is its own honcho process (a dead beat stops the stack visibly, instead of
dying silently inside the worker), and it still reaches the embedded filesystem broker."""

import os
import shlex
import subprocess
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile.dev").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def test_beat_runs_as_its_own_process_and_the_worker_without_it():
    processes = procfile()
    assert "--beat" not in processes["worker"] and " -B" not in processes["worker"]
    assert " beat " in processes["beat"]


def test_the_procfile_beat_sends_jobs_resend_to_the_filesystem_broker(tmp_path):
    queue = f"test-beat-{uuid.uuid4().hex[:10]}"
    command = shlex.split(processes_beat := procfile()["beat"])
    command[command.index("var/celerybeat-schedule")] = str(tmp_path / "schedule")
    env = {
        k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "REDIS_CACHE_URL")
    }  # no Redis: the embedded defaults of `make run`
    env.update(DEBUG="true", JOBS_RESEND_SECONDS="0.5", CELERY_TASK_DEFAULT_QUEUE=queue)
    folder = ROOT / "var" / "broker" / "queue"
    beat = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        deadline, sent = time.monotonic() + 60, []
        # Beat sends several periodic tasks at start (notifications, examination): any order.
        while not sent and time.monotonic() < deadline:
            time.sleep(0.5)
            found = folder.glob(f"*.{queue}.msg") if folder.exists() else ()
            sent = [path for path in found if b"jobs_resend" in path.read_bytes()]
        assert sent, f"{processes_beat!r} sent no jobs_resend to {folder}"
    finally:
        beat.terminate()
        beat.wait(timeout=20)
        for path in folder.glob(f"*.{queue}.msg"):
            path.unlink()


def test_make_run_gives_every_process_the_web_port_as_the_address_of_e_mail_links(tmp_path):
    # honcho gives each process of the Procfile its own PORT (web 8101, worker 8201, ...); the
    # worker sends the e-mails, whose links must lead to the web's 8101 all the same.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fakes = {
        "python": "exit 0",  # migrate, reference_import, demo_setup: nothing to do here
        "honcho": 'echo "honcho started with PORT=$PORT SITE_URL=$SITE_URL"',
    }
    for name, body in fakes.items():
        (venv / "bin" / name).write_text(f"#!/bin/sh\n{body}\n")
        (venv / "bin" / name).chmod(0o755)
    (venv / ".installed").touch()  # newer than the lockfile: make installs nothing
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "SITE_URL", "HOST")}
    result = subprocess.run(
        ["make", "run", f"VENV={venv}", "PORT=8101"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "honcho started with PORT=8101 SITE_URL=http://127.0.0.1:8101" in result.stdout
