"""Submission pipeline figures: submit-to-acknowledgement latency, and the PDF render costs.

    .venv/bin/python bench/submission_pipeline.py                 # both parts
    .venv/bin/python bench/submission_pipeline.py --only render   # no servers needed
    .venv/bin/python bench/submission_pipeline.py --only latency --latency-designs 2,100
    .venv/bin/python bench/submission_pipeline.py --only latency --topology single

Latency (needs DATABASE_URL on PostgreSQL and REDIS_URL): a scratch database is created and
dropped; real workers (prefork, concurrency 1 each) on the job queues as `make run` has them
(--topology split: mail, render+checks) or one for all (single); each submission is made once the
previous one's e-mail went out (its DM/1 may still be rendering), and the figure is
OutgoingEmail.sent_at - Submission.received_at. Targets (issue 11): p95 < 2 s for 2 designs,
< 5 s for 100 designs.

Render: for 1, 10 and 100 designs of 5 reproductions (1200 x 1200 px JPEG, 300 dpi), each PDF
rendered by lib/pdf in a fresh subprocess (wall time, peak RSS from getrusage, pages): the DM/1
making its print copies (a new application) and with them cached (a re-render), the floors (the
same images in a bare page: the print copies, the originals) and the acknowledgement of receipt.
Targets (issue 11): DM/1 of 100 designs <= 80 pages, < 300 MB, <= 1.5x the bare-images floor.
The machine may be shared: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import shutil
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
COPIES_DIR = ROOT / "var" / "bench" / "print-copies"
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


RENDER_MODES = {
    "dm1-cold": "DM/1, copies made in the render (a new application)",
    "dm1": "DM/1, print copies cached (a re-render)",
    "floor": "bare page of the same print copies",
    "floor-originals": "bare page of the original images",
    "receipt": "acknowledgement of receipt",
}


def render_child(designs: int, mode: str) -> None:
    paths = bench_images(designs * VIEWS)
    submission, whitelist = _fake_submission(designs, paths)
    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from hague_portal.lib.pdf import PrintCopies, render_pdf
    from hague_portal.submissions.pipeline import DM1_PRINT_PX
    from hague_portal.submissions.selectors import submission_pdf_context

    copies = PrintCopies(COPIES_DIR, max_px=DM1_PRINT_PX)
    # A worker renders many PDFs: measure its steady state, with fonts loaded and Django's template
    # engine initialised (~0.3 s each, paid once per process, never by a bare page of images).
    render_pdf("<!doctype html><p>Warm-up: fonts.</p>")
    render_to_string("submissions/dm1.html", submission_pdf_context(submission, with_paths=False))
    started = time.perf_counter()
    if mode.startswith("floor"):
        images = "".join(f'<img src="portal-file:{sha}" style="width:40mm">' for sha in whitelist)
        html = f"<!doctype html><html><body>{images}</body></html>"
    else:
        template = "submissions/receipt.html" if mode == "receipt" else "submissions/dm1.html"
        html = render_to_string(template, submission_pdf_context(submission, with_paths=False))
    with_copies = mode in ("dm1-cold", "dm1", "floor")
    pdf = render_pdf(html, files=whitelist, print_copies=copies if with_copies else None)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        json.dumps({"seconds": seconds, "peak_mb": peak_mb, "mb": len(pdf) / 1e6, "pages": pages})
    )


def render_figures(sizes: list[int]) -> None:
    print(f"PDF renders ({VIEWS} reproductions per design, 1200x1200 px JPEG), one process each:")
    print(
        f"{'designs':>8} {'render':<52} {'s':>6} {'ratio':>6} {'peak MB':>8} {'PDF MB':>7} {'pages':>6}"
    )
    bench_images(max(sizes) * VIEWS)
    env = _render_database()
    for designs in sizes:
        shutil.rmtree(COPIES_DIR, ignore_errors=True)  # "dm1-cold" makes them, as for a new filing
        figures = {mode: _child(designs, mode, env) for mode in RENDER_MODES}
        floors = {"dm1-cold": "floor-originals", "dm1": "floor"}
        for mode, what in RENDER_MODES.items():
            row = figures[mode]
            ratio = row["seconds"] / figures[floors[mode]]["seconds"] if mode in floors else None
            print(
                f"{designs:>8} {what:<52} {row['seconds']:>6.2f} "
                f"{f'{ratio:.2f}x' if ratio else '':>6} {row['peak_mb']:>8.0f} {row['mb']:>7.1f} "
                f"{row['pages']:>6}"
            )
    print("ratio: DM/1 with copies made / bare originals; DM/1 with cached copies / bare copies")


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


def _child(designs: int, mode: str, env: dict) -> dict:
    args = [sys.executable, __file__, "--render-child", str(designs), "--mode", mode]
    out = subprocess.run(
        args, capture_output=True, text=True, check=True, cwd=ROOT, env=env, timeout=1800
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- latency -----------------------------------------------------------------------------------


# How the workers consume the job queues (hague_portal/celery.py): "split" as `make run` and
# compose run them (e-mails in one worker, the DM/1 and the checks in another), "single" one
# process for everything (an e-mail then waits behind any DM/1 render).
TOPOLOGIES = {"split": (("mail",), ("render", "checks")), "single": ((),)}


def latency_figures(count: int, designs: list[int], topology: str) -> None:
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
        _latency_run(base.rsplit("/", 1)[0] + f"/{name}", count, designs, topology)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _latency_run(database_url: str, count: int, sizes: list[int], topology: str) -> None:
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
    from tests.submissions.conftest import REFERENCE_DIR
    from tests.submissions.worker import Worker, default_queue

    reference_import(directory=REFERENCE_DIR)
    user = User.objects.create_user("bench@example.test", "x" * 16)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    (tmp / "mail").mkdir()
    workers = [
        Worker(
            directory=tmp, queue=queue, media=Path(settings.MEDIA_ROOT), mail=tmp / "mail",
            queues=queues,
        )
        for queues in TOPOLOGIES[topology]
    ]  # fmt: skip
    print(
        f"submit -> acknowledgement e-mail sent (OutgoingEmail.sent_at - received_at), "
        f"workers: {' + '.join(','.join(q) or 'all queues' for q in TOPOLOGIES[topology])}, "
        "each prefork -c 1; the next submission made once the previous e-mail went out:"
    )
    with default_queue(queue):
        for worker in workers:
            worker.start()
        try:
            for designs in sizes:
                runs = count if designs <= 10 else max(3, count // 4)
                latencies = [_one_submission(user, designs, workers[0]) for _ in range(runs)]
                _latency_print(designs, latencies)
            behind = [_behind_a_render(user, workers[0]) for _ in range(max(3, count // 4))]
            _latency_print(2, behind, "filed just after one of 100 designs (its DM/1 rendering)")
        finally:
            for worker in workers:
                worker.stop()


def _one_submission(user, designs: int, worker) -> float:
    from tests.submissions.conftest import make_draft, submit

    views = 3 if designs <= 10 else VIEWS
    return _acknowledged(submit(make_draft(user, designs=designs, views=views), user), worker)


def _behind_a_render(user, worker) -> float:
    """The e-mail of a small application filed right after a large one, whose DM/1 is then
    rendering: with one worker for everything it waits for that render."""
    from hague_portal.submissions.models import Job, JobKind, JobStatus
    from tests.submissions.conftest import make_draft, submit
    from tests.submissions.worker import wait_until

    large, small = make_draft(user, designs=100, views=VIEWS), make_draft(user, designs=2, views=3)
    first = submit(large, user)
    latency = _acknowledged(submit(small, user), worker)
    wait_until(
        lambda: Job.objects.filter(
            submission=first, kind=JobKind.DM1_PDF, status=JobStatus.DONE
        ).exists(),
        timeout=600,
        what="DM/1 of 100 designs rendered",
        worker=worker,
    )
    return latency


def _acknowledged(submission, worker) -> float:
    from hague_portal.mail.models import OutgoingEmail
    from tests.submissions.worker import wait_until

    row = wait_until(
        lambda: OutgoingEmail.objects.filter(submission=submission, status="sent").first(),
        timeout=600,
        what="acknowledgement sent",
        worker=worker,
    )
    return (row.sent_at - submission.received_at).total_seconds()


def _latency_print(designs: int, latencies: list[float], how: str = "") -> None:
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"  {designs:>3} designs, {len(latencies):>2} submissions{f' {how}' if how else ''}: "
        f"median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["latency", "render"])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--latency-designs", default="2,100")
    parser.add_argument("--topology", choices=list(TOPOLOGIES), default="split")
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--render-child", type=int)
    parser.add_argument("--mode", choices=list(RENDER_MODES), default="dm1")
    args = parser.parse_args()
    if args.render_child:
        return render_child(args.render_child, args.mode)
    if args.only in (None, "render"):
        render_figures([int(s) for s in args.sizes.split(",")])
    if args.only in (None, "latency"):
        designs = [int(d) for d in args.latency_designs.split(",")]
        latency_figures(args.submissions, designs, args.topology)


if __name__ == "__main__":
    main()
