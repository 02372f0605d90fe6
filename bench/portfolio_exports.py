"""Every portfolio page at 100,000 applications (issue 24): the workbench's deep pages and sorts,
the exports, the time-limits page and the calendar feed. Server time, CPU and memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \
        bench/portfolio_exports.py [--rounds N] [--keep | --reuse NAME]

Builds bench/workbench.py's world (one firm, 1,000 clients, 100,000 applications; an applicant
with 50) in a database of its own (`hague_bench_portfolio_<random>`, dropped at the end; `--keep`
leaves it, `--reuse NAME` measures a kept one without building), and adds what the time-limits page
lists: an open invitation (Rule 14(1)) for every irregular application, and a priority claim
made in the last five months on 5,000 drafts (the Paris period still running).

Then, as the firm's representative, through django.test.Client (DEBUG off):
- GET / on its last page, sorted by number (first and last page), the Drafts tab's last page;
- GET /deadlines/ (first and last page) and the calendar feed;
- the CSV export of the whole portfolio, read to its end (rows, time, memory);
- the XLSX export, asked for and built by the export job in this process (time, memory).

Prints median and p95 server time, CPU time of this process and queries per request; for the
time limits and the feed, as bench/workbench.py does, the CPU of this process and of its
PostgreSQL backend, judged scaled to the reference machine (support/figures.py); for the
exports, the peak growth of this process's resident memory (sampled every 5 ms). Targets:
the lists p95 < 200 ms, the time limits and feed < 300 ms, the CSV < 30 s, memory < 50 MB.
`--only deadlines` measures the time limits and the feed alone (with `--reuse`: a minute).
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Target, counted, p95  # noqa: E402
from support.pages import measure as measure_cpu  # noqa: E402

PRIORITY_DRAFTS = 5_000
LIST_MS, DEADLINES_MS, CSV_S, MEMORY_MB = 200.0, 300.0, 30.0, 50.0


# --- data ----------------------------------------------------------------------------------------


def build() -> dict:
    import workbench

    world = workbench.build()
    started = time.perf_counter()
    _invitations(world["rep"])
    _priorities()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"time limits added in {time.perf_counter() - started:.0f} s")
    return world


def _invitations(rep) -> None:
    """An open invitation for every irregular application, on its time limit."""
    from django.utils import timezone

    from hague_portal.examination.models import Examination, Invitation

    now = timezone.now()
    irregular = Examination.objects.filter(status="irregular").values_list("pk", "time_limit")
    Invitation.objects.bulk_create(
        (
            Invitation(examination_id=pk, sequence=1, sent_at=now, time_limit=limit, sent_by=rep)
            for pk, limit in irregular.iterator()
        ),
        batch_size=5_000,
    )


def _priorities() -> None:
    """A priority claimed in the last five months on PRIORITY_DRAFTS drafts of the firm."""
    from hague_portal.filings.models import Draft
    from hague_portal.hague.clock import geneva_today

    rng = random.Random(24)
    today = geneva_today()
    ids = list(
        Draft.objects.filter(status="draft", client__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:PRIORITY_DRAFTS]
    )
    rows = Draft.objects.in_bulk(ids)
    for draft in rows.values():
        claimed = today - timedelta(days=rng.randint(1, 150))
        draft.document = {
            "priorities": [
                {
                    "office": "CH",
                    "number": f"CH{rng.randint(1, 99999):05d}",
                    "date": claimed.isoformat(),
                }
            ]
        }
    Draft.objects.bulk_update(rows.values(), ["document"], batch_size=2_000)


def existing_world() -> dict:
    from hague_portal.accounts.models import User

    return {"rep": User.objects.get(email="rep@bench.test")}


# --- measuring -----------------------------------------------------------------------------------


def measure(what: str, call, rounds: int, target_ms: float) -> bool:
    call()  # warm: template loaders, the connection
    queries = counted(call)
    samples, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median, high = statistics.median(samples), p95(samples)
    flag = "" if high < target_ms else "  ABOVE TARGET"
    print(
        f"  {what:<38} median {median:7.1f} ms  p95 {high:7.1f} ms  "
        f"CPU {statistics.median(cpu):6.1f} ms  {queries:2d} queries{flag}"
    )
    return high < target_ms


def get(client, path: str, query: dict | None = None, needle: str = ""):
    def call():
        response = client.get(path, query or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200 or needle.encode() not in body:
            sys.exit(f"GET {path} {query}: HTTP {response.status_code}, no {needle!r}")
        return body

    return call


def peak_growth(call) -> tuple[object, float, float]:
    """(result, seconds, MB): how far this process's resident memory rose above where it was,
    sampled every 5 ms by a thread while `call` runs (the worker's memory growth)."""
    import gc
    import threading

    gc.collect()
    before = peak = _rss_kb()
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.005):
            peak = max(peak, _rss_kb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    try:
        result = call()
    finally:
        took = time.perf_counter() - start
        done.set()
        sampler.join()
    return result, took, (max(peak, _rss_kb()) - before) / 1024


def _rss_kb() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def csv_export(client) -> tuple[int, int]:
    """The CSV of the whole portfolio read chunk by chunk, as a browser saves it: (rows, bytes)."""
    response = client.get("/applications.csv")
    assert response.status_code == 200, response.status_code
    chunks = response.streaming_content if response.streaming else [response.content]
    lines = size = 0
    for chunk in chunks:
        lines += chunk.count(b"\n")
        size += len(chunk)
    response.close()
    return lines - 1, size


def xlsx_export(client, rep) -> tuple[int, int]:
    """Ask for the XLSX (POST, as the workbench's button) and run the job here: (rows, bytes)."""
    from hague_portal.portfolio import services_exports as services
    from hague_portal.portfolio.models import Export

    services.exports_enqueue = lambda **kw: 0  # no broker here: the job runs in this process
    response = client.post("/exports/", {})
    assert response.status_code in (200, 302), response.status_code
    export = Export.objects.filter(user=rep).latest("created_at")
    services.export_run(export_id=export.pk, task_id="bench")
    export.refresh_from_db()
    assert export.status == "done", (export.status, export.last_error)
    return export.rows_done, export.file.size


def deadlines(rep, user, rounds: int) -> bool:
    """The time-limits page (first page, page 300) and the calendar feed, judged on the CPU of
    this process and its PostgreSQL backend, scaled by the run's floor."""
    from hague_portal.portfolio.services import calendar_token_reset

    floor, target = Floor(), Target(DEADLINES_MS)
    token = calendar_token_reset(user=user)
    cases = [
        ("time limits, first page", get(rep, "/deadlines/", {}, "<table"), rounds),
        ("time limits, page 300", get(rep, "/deadlines/", {"page": "300"}, "<table"), rounds),
        (
            "calendar feed",
            get(rep, f"/calendar/{token}.ics", {}, "BEGIN:VCALENDAR"),
            max(rounds // 2, 5),
        ),
    ]
    for _what, call, _times in cases:
        call()  # warm: templates, translations, the reference data
    # As a gunicorn worker after start-up (gunicorn.conf.py's post_worker_init) and as
    # bench/wizard_steps.py: what start-up loaded is out of the garbage collector's reach, so
    # a full collection in a request scans only what requests create.
    gc.collect()
    gc.freeze()
    print(f"  gc.freeze(): {gc.get_freeze_count()} objects frozen, as gunicorn's workers do")
    for what, call, times in cases:
        measure_cpu(what, call, times, target, floor, width=38)
    gc.unfreeze()
    print(f"  {floor.describe()}")
    return target.judge(floor, "time limits and feed, p95")


def run(world: dict, rounds: int, *, only: str = "") -> bool:
    from django.test import Client

    rep = Client()
    rep.force_login(world["rep"])
    rows = 100_000
    last = math.ceil(rows / 25)
    ok = True
    print(f"{rounds} rounds each, as the firm's representative (100,000 applications):")
    if only == "deadlines":
        return deadlines(rep, world["rep"], rounds)
    lists = [
        ("workbench, last page", {"page": str(last)}),
        ("workbench by number, first page", {"sort": "number"}),
        ("workbench by number, last page", {"sort": "number", "page": str(last)}),
        ("Drafts tab, last page", {"tab": "drafts", "page": str(math.ceil(30_000 / 25))}),
    ]
    for what, query in lists:
        ok &= measure(what, get(rep, "/", query, 'name="application"'), rounds, LIST_MS)
    ok &= deadlines(rep, world["rep"], rounds)
    cpu = time.process_time()
    (lines, size), took, grew = peak_growth(lambda: csv_export(rep))
    cpu = time.process_time() - cpu
    print(
        f"  CSV export: {lines:,} rows, {size / 1e6:.1f} MB in {took:.1f} s "
        f"(CPU {cpu:.1f} s), memory +{grew:.0f} MB"
    )
    ok &= took < CSV_S and grew < MEMORY_MB and lines >= rows
    cpu = time.process_time()
    try:
        (lines, size), took, grew = peak_growth(lambda: xlsx_export(rep, world["rep"]))
    except ImportError:  # before the export job: the XLSX built in the request
        body, took, grew = peak_growth(get(rep, "/applications.xlsx"))
        print(
            f"  XLSX export (in the request): {len(body) / 1e6:.1f} MB in {took:.1f} s, "
            f"memory +{grew:.0f} MB"
        )
    else:
        print(
            f"  XLSX export job: {lines:,} rows, {size / 1e6:.1f} MB in {took:.1f} s "
            f"(CPU {time.process_time() - cpu:.1f} s), memory +{grew:.0f} MB"
        )
        ok &= grew < MEMORY_MB and lines >= rows
    print(f"every target met: {'yes' if ok else 'NO'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", action="store_true", help="leave the database in place")
    kept.add_argument(
        "--reuse", metavar="NAME", help="measure the database a --keep run left (no build)"
    )
    parser.add_argument(
        "--only", choices=["deadlines"], help="the time limits and the calendar feed alone"
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-portfolio-") as media,
        scratch_database("portfolio", keep=args.keep, reuse=args.reuse, reusable=True) as database,
    ):
        setup_django(database.url, media_root=media, reference=not args.reuse)
        ok = run(existing_world() if args.reuse else build(), args.rounds, only=args.only)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
