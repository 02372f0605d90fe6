"""Public fee calculator server time: GET /fees/ without a query, and with one (three sets).

    .venv/bin/python bench/calculator.py [--rounds N]

Each request goes through django.test.Client (the full middleware, view and template stack,
in-process, DEBUG off as in production), timed with perf_counter and with the process's CPU
time; a warm-up request first (reference data and templates loaded, as in a running server).
Target (issue 11): at most 20 ms a request (it was 164 ms: 64 % rendering 240 checkbox widgets).

Database: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/hague_bench (created if missing,
migrated, reference data loaded; left in place). The cache is the one the settings choose
(Redis if REDIS_URL is set).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
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


def timed(client, url: str, rounds: int) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) of each request, after one warm-up request."""
    assert client.get(url).status_code == 200
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return wall, cpu


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    from wizard_steps import ensure_database, setup_django

    ensure_database()
    setup_django(media_root=str(ROOT / "var" / "bench" / "media"))
    from django.test import Client

    client = Client()
    query = urlencode(QUERY, doseq=True)
    pages = {
        "GET /fees/ (empty form)": "/fees/",
        "GET /fees/?... (3 sets compared)": f"/fees/?{query}",
        "GET /fees/?... htmx (results only)": None,
    }
    print(f"fee calculator, {args.rounds} requests each (target: {TARGET_MS:.0f} ms a request)")
    print(f"{'request':<38} {'median ms':>10} {'p95 ms':>8} {'CPU median ms':>14}")
    for label, url in pages.items():
        if url is None:
            client.defaults["HTTP_HX_REQUEST"] = "true"
            url = f"/fees/?{query}"
        wall, cpu = timed(client, url, args.rounds)
        client.defaults.pop("HTTP_HX_REQUEST", None)
        print(
            f"{label:<38} {statistics.median(wall):>10.1f} {p95(wall):>8.1f} "
            f"{statistics.median(cpu):>14.1f}"
        )
    print("machine shared with other work: compare the CPU column, and runs on the same machine")


if __name__ == "__main__":
    main()
