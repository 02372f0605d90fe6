"""Submission pipeline figures: submit-to-acknowledgement latency, and DM/1 render cost.

    .venv/bin/python bench/submission_pipeline.py                 # both parts
    .venv/bin/python bench/submission_pipeline.py --only render   # no servers needed
    .venv/bin/python bench/submission_pipeline.py --submissions 20 --sizes 1,10,100

Latency (needs DATABASE_URL on PostgreSQL and REDIS_URL): a scratch database is created and
dropped; one real worker (prefork, concurrency 1); each submission is made after the previous
one's e-mail went out, and the figure is OutgoingEmail.sent_at - Submission.received_at.

Render: for 1, 10 and 100 designs of 5 reproductions (1200 x 1200 px JPEG, 300 dpi), the DM/1
template rendered by lib/pdf, each in a fresh subprocess (peak RSS from getrusage), against the
floor: the same images in a bare page through the same fetcher.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hague_portal.settings")
IMAGES_DIR = ROOT / "var" / "bench" / "reproductions"
VIEWS = 5


# --- images ------------------------------------------------------------------------------------


def bench_images(count: int) -> list[Path]:
    """Distinct reproductions, cached under var/bench (WeasyPrint caches by URL: no reuse)."""
    from PIL import Image, ImageDraw

    IMAGES_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = IMAGES_DIR / f"view-{n:04d}.jpg"
        if not path.exists():
            image = Image.new("RGB", (1200, 1200), (255, 255, 255))
            draw = ImageDraw.Draw(image)
            for k in range(12):
                box = [(n * 37 + k * 91) % 900, (n * 53 + k * 67) % 900]
                box += [box[0] + 150 + k * 10, box[1] + 200 + k * 7]
                draw.ellipse(box, outline=((n * 7) % 255, (k * 40) % 255, 90), width=6)
            draw.text((40, 40), f"reproduction {n}", fill=(0, 0, 0))
            image.save(path, "JPEG", quality=88, dpi=(300, 300))
        paths.append(path)
    return paths


# --- render (child process) --------------------------------------------------------------------


def _fake_submission(designs: int, paths: list[Path]):
    import django

    django.setup()
    from django.utils import timezone

    from hague_portal.submissions.models import Submission
    from tests.submissions.conftest import document, fees_for

    doc = document(designs=designs, designations=("CH", "EM", "JP", "KR", "US"))
    files, it = [], iter(paths)
    for design in doc["designs"]:
        design["reproductions"] = []
        for view in range(1, VIEWS + 1):
            path = next(it)
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            number = f"{design['number']}.{view}"
            design["reproductions"].append({"number": number, "legend_code": "1", "sha256": sha})
            files.append(
                {
                    "role": "reproduction",
                    "number": number,
                    "path": str(path),
                    "sha256": sha,
                    "size": path.stat().st_size,
                }
            )
    fees = fees_for(dict(doc.items()))
    submission = Submission(
        number="WIPO999999",
        document=doc,
        files=files,
        fees=fees,
        fees_total=fees["total_due_at_filing"],
        received_at=timezone.now(),
        correspondence_email="x@example.test",
    )
    return submission, {f["sha256"]: Path(f["path"]) for f in files}


def render_child(designs: int, floor: bool) -> None:
    paths = bench_images(designs * VIEWS)
    submission, whitelist = _fake_submission(designs, paths)
    from django.template.loader import render_to_string

    from hague_portal.lib.pdf import render_pdf
    from hague_portal.submissions.selectors import submission_pdf_context

    # A worker renders many PDFs: measure its steady state, with fonts loaded and Django's template
    # engine initialised (~0.3 s each, paid once per process, never by a bare page of images).
    render_pdf("<!doctype html><p>Warm-up: fonts.</p>")
    render_to_string("submissions/dm1.html", submission_pdf_context(submission, with_paths=False))
    started = time.perf_counter()
    if floor:
        html = "".join(f'<img src="portal-file:{sha}" style="width:80mm">' for sha in whitelist)
    else:
        context = submission_pdf_context(submission, with_paths=False)
        html = render_to_string("submissions/dm1.html", context)
    pdf = render_pdf(
        f"<!doctype html><html><body>{html}</body></html>" if floor else html, files=whitelist
    )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "pdf_mb": len(pdf) / 1e6}))


def render_figures(sizes: list[int]) -> None:
    print(f"DM/1 render ({VIEWS} reproductions per design, 1200x1200 px JPEG), one process each:")
    print(
        f"{'designs':>8} {'repr.':>6} {'DM/1 s':>8} {'floor s':>8} {'ratio':>6} "
        f"{'DM/1 MB':>8} {'floor MB':>9} {'PDF MB':>7}"
    )
    bench_images(max(sizes) * VIEWS)
    env = _render_database()
    for designs in sizes:
        dm1, floor = (_child(designs, floor, env) for floor in (False, True))
        print(
            f"{designs:>8} {designs * VIEWS:>6} {dm1['seconds']:>8.2f} {floor['seconds']:>8.2f} "
            f"{dm1['seconds'] / floor['seconds']:>5.2f}x {dm1['peak_mb']:>8.0f} "
            f"{floor['peak_mb']:>9.0f} {dm1['pdf_mb']:>7.1f}"
        )


def _render_database() -> dict:
    """The DM/1 reads legend texts from the reference data: the children render against a scratch
    SQLite database that holds it (so the render figures need no server)."""
    path = ROOT / "var" / "bench" / "render.sqlite3"
    path.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    for command in (["migrate", "--noinput"], ["reference_import"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return env


def _child(designs: int, floor: bool, env: dict) -> dict:
    args = [sys.executable, __file__, "--render-child", str(designs)] + (
        ["--floor"] if floor else []
    )
    out = subprocess.run(
        args, capture_output=True, text=True, check=True, cwd=ROOT, env=env, timeout=1800
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- latency -----------------------------------------------------------------------------------


def latency_figures(count: int) -> None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("submit -> acknowledgement: skipped (needs DATABASE_URL on PostgreSQL and REDIS_URL)")
        return
    import psycopg

    name = f"hp_bench_{uuid.uuid4().hex[:8]}"
    admin_url = base.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        _latency_run(base.rsplit("/", 1)[0] + f"/{name}", count)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _latency_run(database_url: str, count: int) -> None:
    import tempfile

    os.environ["DATABASE_URL"] = database_url
    os.environ["CONN_MAX_AGE"] = "0"
    tmp = Path(tempfile.mkdtemp(prefix="hp-bench-"))
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from hague_portal.accounts.models import User
    from hague_portal.reference.services import reference_import
    from hague_portal.submissions.models import OutgoingEmail
    from tests.submissions.conftest import REFERENCE_DIR, make_draft, submit
    from tests.submissions.worker import Worker, default_queue, wait_until

    reference_import(directory=REFERENCE_DIR)
    user = User.objects.create_user("bench@example.test", "x" * 16)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    (tmp / "mail").mkdir()
    worker = Worker(directory=tmp, queue=queue, media=Path(settings.MEDIA_ROOT), mail=tmp / "mail")
    latencies = []
    with default_queue(queue):
        worker.start()
        try:
            for _ in range(count):
                submission = submit(make_draft(user, designs=2, views=3), user)
                row = wait_until(
                    lambda s=submission: OutgoingEmail.objects.filter(
                        submission=s, status="sent"
                    ).first(),
                    timeout=120,
                    what="acknowledgement sent",
                    worker=worker,
                )
                latencies.append((row.sent_at - submission.received_at).total_seconds())
        finally:
            worker.stop()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"submit -> acknowledgement e-mail sent, {count} submissions (2 designs, 6 reproductions),"
        f" one worker: median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s,"
        f" max {latencies[-1]:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["latency", "render"])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--render-child", type=int)
    parser.add_argument("--floor", action="store_true")
    args = parser.parse_args()
    if args.render_child:
        return render_child(args.render_child, args.floor)
    if args.only in (None, "render"):
        render_figures([int(s) for s in args.sizes.split(",")])
    if args.only in (None, "latency"):
        latency_figures(args.submissions)


if __name__ == "__main__":
    main()
