"""What the page benches share: a GET that must answer 200 with a word of its page, one case
measured (warmed, its queries counted, its CPU per round against the run's floor), and the
command line of a bench over a scratch database that can be kept and measured again."""

from __future__ import annotations

import argparse
import sys

from .figures import Floor, Summary, Target, counted, timed


def get(client, path: str, query: dict, needle: str):
    """A call that GETs `path` and stops the bench unless it answers 200 with `needle`."""

    def call():
        response = client.get(path, query)
        if response.status_code != 200 or needle not in response.content.decode():
            sys.exit(f"GET {path} {query}: HTTP {response.status_code}, no {needle!r}")
        return response

    return call


def measure(
    what: str,
    call,
    rounds: int,
    target: Target,
    floor: Floor,
    *,
    key: str | None = None,
    width: int = 46,
) -> int:
    """Print and record one case (under `key`, else `what`); its queries."""
    call()  # warm: template loaders, the connection, the reference data
    queries = counted(call)
    costs = []
    for _ in range(rounds):
        costs.append(timed(call)[0])
        floor.tick()
    summary = target.add(key or what, Summary.of(costs))
    print(f"  {what:<{width}} {summary.line()}  {queries:2d} queries")
    return queries


def arguments(doc: str, *, rounds: int = 20) -> argparse.Namespace:
    """--rounds, and --keep (leave the scratch database) or --reuse NAME (measure a kept one)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=rounds)
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", action="store_true", help="leave the database in place")
    kept.add_argument(
        "--reuse", metavar="NAME", help="measure the database a --keep run left (no build)"
    )
    return parser.parse_args()
