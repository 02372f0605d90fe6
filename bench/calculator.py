"""Public fee calculator server time: GET /fees/ without a query, and with one (three sets).

    .venv/bin/python bench/calculator.py [--rounds N] [--keep]

Each request goes through django.test.Client (the full middleware, view and template stack,
in-process, DEBUG off as in production), timed with perf_counter (wall) and with CPU time: the
process's and its PostgreSQL backend's (support/figures.py); a warm-up request first (reference
data and templates loaded, as in a running server).

Target (issue 11): at most 20 ms a request (it was 164 ms: 64 % rendering 240 checkbox widgets),
judged on each request kind's median CPU time (the figure docs/benchmarks.md records: 12.2 ms for the empty
form) scaled to the reference machine by the CPU floor measured in the run (a 3-million-step Python
loop, sampled every 2 s between the requests, their median): CPU x (0.17 s / floor now). The CPU
p95 and the wall times are printed beside it (a busy machine preempts a request often, and each
preemption costs it CPU too: the p95 still rises with others' load, the median much less).

Database: a scratch database of its own on DATABASE_URL's server
(`hague_bench_calculator_<random>`, migrated, reference data loaded; dropped at the end, `--keep`
leaves it). The cache is the one the settings choose (Redis if REDIS_URL is set).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Summary, Target, timed  # noqa: E402

TARGET_MS = 20.0
QUERY = {
    "designs": "3",
    "reproductions": "12",
    "description_words": "150",
    "locarno_class": "06",
    "publication": "standard",
    "entitlement": "FR",
    "set_a": ["EM", "CH", "US"],
    "set_b": ["EM", "JP", "KR"],
    "set_c": ["CN", "GB", "US", "JP"],
}


def measure(client, url: str, rounds: int, floor: Floor) -> Summary:
    """Wall and CPU of each request, after one warm-up request."""
    assert client.get(url).status_code == 200
    costs = []
    for _ in range(rounds):
        cost, response = timed(lambda: client.get(url))
        assert response.status_code == 200, response.status_code
        costs.append(cost)
        floor.tick()
    return Summary.of(costs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-media-") as media,
        scratch_database("calculator", keep=args.keep) as database,
    ):
        setup_django(database.url, media_root=media, reference=True)
        run(args.rounds)


def run(rounds: int) -> bool:
    from django.test import Client

    client = Client()
    floor = Floor()
    query = urlencode(QUERY, doseq=True)
    pages = {
        "GET /fees/ (empty form)": "/fees/",
        "GET /fees/?... (3 sets compared)": f"/fees/?{query}",
        "GET /fees/?... htmx (results only)": None,
    }
    target = Target(TARGET_MS, statistic="median", at_most=True)
    print(f"fee calculator, {rounds} requests each (target: {TARGET_MS:.0f} ms a request)")
    print(
        f"{'request':<38} {'median ms':>10} {'p95 ms':>8} {'CPU median ms':>14} {'CPU p95 ms':>11}"
    )
    for label, url in pages.items():
        if url is None:
            client.defaults["HTTP_HX_REQUEST"] = "true"
            url = f"/fees/?{query}"
        s = target.add(label, measure(client, url, rounds, floor))
        client.defaults.pop("HTTP_HX_REQUEST", None)
        print(
            f"{label:<38} {s.wall_p50:>10.1f} {s.wall_p95:>8.1f} "
            f"{s.cpu_p50:>14.1f} {s.cpu_p95:>11.1f}"
        )
    print("CPU: this process's and its PostgreSQL backend's (machine shared: wall times vary)")
    print(floor.describe())
    return target.judge(floor, "median of a request")


if __name__ == "__main__":
    main()
