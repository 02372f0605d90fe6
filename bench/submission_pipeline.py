"""Submission pipeline figures: submit-to-acknowledgement latency, and the PDF render costs.

    .venv/bin/python bench/submission_pipeline.py                 # both parts
    .venv/bin/python bench/submission_pipeline.py --only render   # no servers needed
    .venv/bin/python bench/submission_pipeline.py --only latency --latency-designs 2,100
    .venv/bin/python bench/submission_pipeline.py --only latency --topology single [--keep]

Latency (needs DATABASE_URL on PostgreSQL and REDIS_URL): a scratch database of its own on
DATABASE_URL's server (`hague_bench_submission_pipeline_<random>`, dropped at the end; `--keep`
leaves it and prints its name); real workers (prefork, concurrency 1 each) on job queues of the
run's own (`bench-<random>.mail`, ...) as `make run` has them (--topology split: mail,
render+checks) or one for all (single); each submission is made once the previous one's e-mail went
out (its DM/1 may still be rendering), and the figure is OutgoingEmail.sent_at -
Submission.received_at. Targets (issue 11): p95 < 2 s for 2 designs (also for one filed just after
a 100-design one), < 5 s for 100 designs, judged on CPU, as the machine is shared: the CPU on the
e-mail's path, that of the worker that sends it (its pool included, from /proc) from the submission
to the e-mail (in `single` that worker also renders the DM/1s queued before it), its p95 scaled to
the reference machine by the CPU floor measured in the run (support/figures.py: a 3-million-step
Python loop, sampled between the submissions, their median): CPU x (0.17 s / floor now). What is
not that worker's CPU (the commit and the broker, the worker's PostgreSQL backends, short-lived
with CONN_MAX_AGE=0) is not in it: the wall latency stays printed beside it.

Render: for 1, 10 and 100 designs of 5 reproductions (1200 x 1200 px JPEG, 300 dpi), each PDF
rendered by lib/pdf in a fresh subprocess (wall time, CPU time of all its threads, peak RSS from
getrusage, pages): the DM/1 making its print copies (a new application) and with them cached (a
re-render), the floors (the same images in a bare page: the print copies, the originals) and the
acknowledgement of receipt. Targets (issue 11): DM/1 of 100 designs <= 80 pages, < 300 MB,
<= 1.5x the bare-images floor: a ratio within the run, judged on CPU time (others' load moves
the wall ratio from one render to the next; both are printed). The renders read the reference
data from a SQLite database and write the print copies to a directory, both the run's own and
removed at the end; the reproductions are generated once under var/bench/reproductions.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hague_portal.settings")

from support import cpu  # noqa: E402
from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Cost, Floor, Summary, Target  # noqa: E402

IMAGES_DIR = ROOT / "var" / "bench" / "reproductions"
VIEWS = 5
LATENCY_TARGETS_S = {2: 2.0, 100: 5.0}  # designs: p95 of the e-mail's latency (issue 11)
DM1_PAGES, DM1_PEAK_MB, DM1_RATIO = 80, 300, 1.5  # the DM/1 of 100 designs (issue 11)


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
            # Written aside and renamed: a run beside this one never reads half a file.
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            image.save(partial, "JPEG", quality=88, dpi=(300, 300))
            partial.replace(path)
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
    # Names in a storage rooted at / (the renderer reads through Django's storage API).
    return submission, {f["sha256"]: f["path"].lstrip("/") for f in files}


RENDER_MODES = {
    "dm1-cold": "DM/1, copies made in the render (a new application)",
    "dm1": "DM/1, print copies cached (a re-render)",
    "floor": "bare page of the same print copies",
    "floor-originals": "bare page of the original images",
    "receipt": "acknowledgement of receipt",
}


def render_child(designs: int, mode: str, copies_dir: Path) -> None:
    paths = bench_images(designs * VIEWS)
    submission, whitelist = _fake_submission(designs, paths)
    from django.core.files.storage import FileSystemStorage
    from django.template.loader import render_to_string
    from pypdf import PdfReader

    from hague_portal.lib.pdf import PrintCopies, render_pdf
    from hague_portal.submissions.pipeline import DM1_PRINT_PX
    from hague_portal.submissions.selectors import submission_pdf_context

    storage = FileSystemStorage(location="/")
    copies = PrintCopies(str(copies_dir).lstrip("/"), max_px=DM1_PRINT_PX, storage=storage)
    # A worker renders many PDFs: measure its steady state, with fonts loaded and Django's template
    # engine initialised (~0.3 s each, paid once per process, never by a bare page of images).
    render_pdf("<!doctype html><p>Warm-up: fonts.</p>")
    render_to_string("submissions/dm1.html", submission_pdf_context(submission, with_paths=False))
    started, started_cpu = time.perf_counter(), time.process_time()
    if mode.startswith("floor"):
        images = "".join(f'<img src="portal-file:{sha}" style="width:40mm">' for sha in whitelist)
        html = f"<!doctype html><html><body>{images}</body></html>"
    else:
        template = "submissions/receipt.html" if mode == "receipt" else "submissions/dm1.html"
        html = render_to_string(template, submission_pdf_context(submission, with_paths=False))
    with_copies = mode in ("dm1-cold", "dm1", "floor")
    pdf = render_pdf(
        html, files=whitelist, print_copies=copies if with_copies else None, storage=storage
    )
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - started_cpu  # all threads (print copies are made by 4)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    figures = {"seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak_mb, "mb": len(pdf) / 1e6}
    print(json.dumps({**figures, "pages": pages}))


def render_figures(sizes: list[int]) -> bool:
    print(f"PDF renders ({VIEWS} reproductions per design, 1200x1200 px JPEG), one process each:")
    print(
        f"{'designs':>8} {'render':<52} {'s':>6} {'ratio':>6} {'CPU s':>6} {'ratio':>6} "
        f"{'peak MB':>8} {'PDF MB':>7} {'pages':>6}"
    )
    bench_images(max(sizes) * VIEWS)
    ok = True
    with tempfile.TemporaryDirectory(prefix="hague-bench-render-") as tmp:
        env = _render_database(Path(tmp))
        for designs in sizes:
            copies = (
                Path(tmp) / f"print-copies-{designs}"
            )  # made by "dm1-cold", as for a new filing
            figures = {mode: _child(designs, mode, env, copies) for mode in RENDER_MODES}
            _render_rows(designs, figures)
            if designs == 100:
                ok = _render_judge(figures)
    print(
        "ratio: DM/1 with copies made / bare originals; DM/1 with cached copies / bare copies "
        "(wall, then CPU)"
    )
    return ok


def _render_rows(designs: int, figures: dict) -> None:
    floors = {"dm1-cold": "floor-originals", "dm1": "floor"}
    for mode, what in RENDER_MODES.items():
        row, floor = figures[mode], figures.get(floors.get(mode))
        wall = f"{row['seconds'] / floor['seconds']:.2f}x" if floor else ""
        used = f"{row['cpu'] / floor['cpu']:.2f}x" if floor else ""
        print(
            f"{designs:>8} {what:<52} {row['seconds']:>6.2f} {wall:>6} {row['cpu']:>6.2f} "
            f"{used:>6} {row['peak_mb']:>8.0f} {row['mb']:>7.1f} {row['pages']:>6}"
        )


def _render_judge(figures: dict) -> bool:
    """The DM/1 of 100 designs: pages, peak memory, and its CPU against the bare copies'."""
    dm1, floor = figures["dm1"], figures["floor"]
    ratio = dm1["cpu"] / floor["cpu"]
    checks = [
        (f"{dm1['pages']} pages (<= {DM1_PAGES})", dm1["pages"] <= DM1_PAGES),
        (f"peak {dm1['peak_mb']:.0f} MB (< {DM1_PEAK_MB})", dm1["peak_mb"] < DM1_PEAK_MB),
        (
            f"{ratio:.2f}x the bare copies' CPU (<= {DM1_RATIO}x; wall "
            f"{dm1['seconds'] / floor['seconds']:.2f}x)",
            ratio <= DM1_RATIO,
        ),
    ]
    for what, ok in checks:
        print(f"target DM/1 of 100 designs, {what}: {'met' if ok else 'NOT met'}")
    return all(ok for _, ok in checks)


def _render_database(tmp: Path) -> dict:
    """The DM/1 reads legend texts from the reference data: the children render against a scratch
    SQLite database of the run's own that holds it (so the render figures need no server)."""
    path = tmp / "render.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    for command in (["migrate", "--noinput"], ["reference_import"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return env


def _child(designs: int, mode: str, env: dict, copies: Path) -> dict:
    args = [sys.executable, __file__, "--render-child", str(designs), "--mode", mode]
    args += ["--copies", str(copies)]
    out = subprocess.run(
        args, capture_output=True, text=True, check=True, cwd=ROOT, env=env, timeout=1800
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- latency -----------------------------------------------------------------------------------


# How the workers consume the job queues (hague_portal/celery.py): "split" as `make run` and
# compose run them (e-mails in one worker, the DM/1 and the checks in another), "single" one
# process for everything (an e-mail then waits behind any DM/1 render).
TOPOLOGIES = {"split": (("mail",), ("render", "checks")), "single": ((),)}


def latency_figures(count: int, designs: list[int], topology: str, *, keep: bool) -> None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres") or not os.environ.get("REDIS_URL"):
        print("submit -> acknowledgement: skipped (needs DATABASE_URL on PostgreSQL and REDIS_URL)")
        return
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-pipeline-") as tmp,
        scratch_database("submission_pipeline", keep=keep) as database,
    ):
        _latency_run(database.url, Path(tmp), count, designs, topology)


def _latency_run(database_url: str, tmp: Path, count: int, sizes: list[int], topology: str) -> None:
    os.environ["CONN_MAX_AGE"] = "0"
    setup_django(database_url, media_root=str(tmp / "media"), reference=True)
    from django.conf import settings

    from hague_portal.accounts.models import User
    from tests.submissions.worker import Worker, default_queue

    user = User.objects.create_user("bench@example.test", "x" * 16)
    queue = f"bench-{uuid.uuid4().hex[:8]}"  # the run's own queues on the shared broker
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
    floor, judged = Floor(), []
    with default_queue(queue):
        for worker in workers:
            worker.start()
        try:
            for designs in sizes:
                runs = count if designs <= 10 else max(3, count // 4)
                costs = []
                for _ in range(runs):
                    costs.append(_one_submission(user, designs, workers[0]))
                    floor.tick()
                judged.append(_latency_print(designs, costs))
            behind = []
            for _ in range(max(3, count // 4)):
                behind.append(_behind_a_render(user, workers[0]))
                floor.tick()
            how = "filed just after one of 100 designs (its DM/1 rendering)"
            judged.append(_latency_print(2, behind, how))
        finally:
            for worker in workers:
                worker.stop()
    print("CPU on the e-mail's path: the worker that sends it (its pool included), from the")
    print("submission to the e-mail (in `single`, the DM/1s it renders before it too)")
    print(floor.describe())
    for designs, how, summary in judged:
        if designs in LATENCY_TARGETS_S:
            target = Target(LATENCY_TARGETS_S[designs] * 1000)
            target.add(f"{designs} designs{f' {how}' if how else ''}", summary)
            target.judge(floor, f"p95 of the e-mail's latency, {designs} designs")


def _one_submission(user, designs: int, worker) -> Cost:
    from tests.submissions.conftest import make_draft

    views = 3 if designs <= 10 else VIEWS
    return _acknowledged(make_draft(user, designs=designs, views=views), user, worker)


def _behind_a_render(user, worker) -> Cost:
    """The e-mail of a small application filed right after a large one, whose DM/1 is then
    rendering: with one worker for everything it waits for that render."""
    from hague_portal.submissions.models import Job, JobKind, JobStatus
    from tests.submissions.conftest import make_draft, submit
    from tests.submissions.worker import wait_until

    large, small = make_draft(user, designs=100, views=VIEWS), make_draft(user, designs=2, views=3)
    first = submit(large, user)
    cost = _acknowledged(small, user, worker)
    wait_until(
        lambda: Job.objects.filter(
            submission=first, kind=JobKind.DM1_PDF, status=JobStatus.DONE
        ).exists(),
        timeout=600,
        what="DM/1 of 100 designs rendered",
        worker=worker,
    )
    return cost


def _acknowledged(draft, user, worker) -> Cost:
    """Submit `draft` and wait for its e-mail: the latency (wall) and the CPU of the worker that
    sent it meanwhile (idle until the submission commits, so all of it is after the receipt)."""
    from hague_portal.mail.models import OutgoingEmail
    from tests.submissions.conftest import submit
    from tests.submissions.worker import wait_until

    before = cpu.total_seconds(cpu.tree(worker.process.pid))
    submission = submit(draft, user)
    row = wait_until(
        lambda: OutgoingEmail.objects.filter(submission=submission, status="sent").first(),
        timeout=600,
        what="acknowledgement sent",
        worker=worker,
    )
    sender = cpu.used_since(before, cpu.tree(worker.process.pid))
    latency = (row.sent_at - submission.received_at).total_seconds()
    return Cost(latency * 1000, sender * 1000)


def _latency_print(designs: int, costs: list[Cost], how: str = ""):
    latencies = sorted(c.wall / 1000 for c in costs)
    summary = Summary.of(costs)
    print(
        f"  {designs:>3} designs, {len(latencies):>2} submissions{f' {how}' if how else ''}: "
        f"median {statistics.median(latencies):.2f} s, p95 {summary.wall_p95 / 1000:.2f} s, "
        f"max {latencies[-1]:.2f} s; CPU on its path median {summary.cpu_p50 / 1000:.2f} s, "
        f"p95 {summary.cpu_p95 / 1000:.2f} s"
    )
    return designs, how, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["latency", "render"])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--latency-designs", default="2,100")
    parser.add_argument("--topology", choices=list(TOPOLOGIES), default="split")
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--render-child", type=int)
    parser.add_argument("--mode", choices=list(RENDER_MODES), default="dm1")
    parser.add_argument("--copies", type=Path, help="(a render child's print copies directory)")
    parser.add_argument("--keep", action="store_true", help="leave the latency database in place")
    args = parser.parse_args()
    if args.render_child:
        return render_child(args.render_child, args.mode, args.copies)
    if args.only in (None, "render"):
        render_figures([int(s) for s in args.sizes.split(",")])
    if args.only in (None, "latency"):
        designs = [int(d) for d in args.latency_designs.split(",")]
        latency_figures(args.submissions, designs, args.topology, keep=args.keep)


if __name__ == "__main__":
    main()
