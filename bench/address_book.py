"""The address book (issue 20) at 100,000 entries: the list, its search and filter, the last page,
the CSV export (streamed) and a wizard step that offers a block's entries.

    .venv/bin/python bench/address_book.py [--rounds 20] [--keep | --reuse NAME]

Builds, in a database of its own on DATABASE_URL's PostgreSQL server (`hague_bench_addressbook_
<random>`, dropped at the end unless `--keep`): a firm with 100,000 entries (applicants, creators
and representatives, a third each) and a representative, its editor, with 1,000 of their own.
Then, through django.test.Client (middleware, view and template; DEBUG off), GETs as that
representative: prints median and p95 (wall and CPU), the queries of each request, and judges
the p95 against 200 ms of CPU at the reference machine's speed (bench/support/figures.py). The
export streams every entry the representative sees (101,000 rows): its time and size are printed,
not judged.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Target  # noqa: E402
from support.pages import arguments, get, measure  # noqa: E402

ENTRIES = 100_000
OWN = 1_000
TARGET_MS = 200.0
BATCH = 5_000
KINDS = ("applicant", "creator", "representative")
COUNTRIES = ("CH", "DE", "FR", "US", "JP", "GB", "SE", "IT", "ES", "KR")
CITIES = ("Geneva", "Berlin", "Paris", "Boston", "Osaka", "Leeds", "Malmö", "Turin", "Madrid")


def _entry(index: int, owner: dict):
    from hague_portal.addressbook.services import entry_build

    kind = KINDS[index % 3]
    cleaned = {
        "name": f"Party {index:06d} {CITIES[index % len(CITIES)]}",
        "kind": "legal",
        "email": f"party{index}@example.test",
        "street": f"{index % 200} Main Street",
        "city": CITIES[index % len(CITIES)],
        "postcode": f"{index % 9999:04d}",
        "country": COUNTRIES[index % len(COUNTRIES)],
    }
    return entry_build(owner=owner, kind=kind, cleaned=cleaned)


def build() -> dict:
    from hague_portal.accounts.models import Firm, FirmMembership, FirmRole, User
    from hague_portal.accounts.services import user_enrol_totp
    from hague_portal.addressbook.models import Entry

    started = time.perf_counter()
    rep = User.objects.create_user("rep@bench.test", None, full_name="Bench Representative")
    # Representatives must have TOTP.
    user_enrol_totp(user=rep, secret="XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ")
    firm = Firm.objects.create(name="Bench & Partners")
    FirmMembership.objects.create(firm=firm, user=rep, role=FirmRole.EDITOR)
    for start in range(0, ENTRIES, BATCH):
        stop = min(start + BATCH, ENTRIES)
        Entry.objects.bulk_create(_entry(i, {"owner_firm": firm}) for i in range(start, stop))
    Entry.objects.bulk_create(_entry(ENTRIES + i, {"owner_user": rep}) for i in range(OWN))
    _analyze()
    print(f"built {ENTRIES + OWN:,} entries in {time.perf_counter() - started:.0f} s")
    return {"rep": rep, "firm": firm}


def existing_world() -> dict:
    from hague_portal.accounts.models import Firm, User

    return {"rep": User.objects.get(email="rep@bench.test"), "firm": Firm.objects.get()}


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE addressbook_entry")


def export(client) -> None:
    started = time.perf_counter()
    response = client.get("/address-book/export.csv")
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    took = time.perf_counter() - started
    print(f"  export: {lines - 1:,} rows, {size / 1e6:.1f} MB streamed in {took:.1f} s (wall)")


def run(world: dict, rounds: int) -> bool:
    from django.test import Client

    from hague_portal.filings.services import draft_create

    rep = Client()
    rep.force_login(world["rep"])
    client = world["firm"].clients.get_or_create(name="Bench Client AG")[0]
    draft = draft_create(user=world["rep"], client=client)
    book = "/address-book/"
    cases = [
        ("list, first page", book, {}, "entries"),
        ("list, page 1,000 of 2,020", book, {"page": "1000"}, "Page 1,000"),
        ("list, last page", book, {"page": "2020"}, "Page 2,020"),
        ("search 'Party 04217'", book, {"q": "Party 04217"}, "Party 042170"),
        ("search 'malmö' (11,000 matches)", book, {"q": "malmö"}, "entries"),
        ("kind representative, page 300", book, {"kind": "representative", "page": "300"}, "Page"),
        ("own book, search e-mail", book, {"book": "me", "q": "party100500@"}, "Party 100500"),
        ("wizard Applicants step", f"/applications/{draft.id}/steps/applicants/", {}, "Fill from"),
    ]
    target, floor, queries = Target(TARGET_MS), Floor(), {}
    print(f"{rounds} rounds each, as the representative (101,000 entries visible):")
    for what, path, query, needle in cases:
        queries[what] = measure(what, get(rep, path, query, needle), rounds, target, floor)
    export(rep)
    print("CPU: this process's and its PostgreSQL backend's (db), ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every request")


def main() -> None:
    args = arguments(__doc__)
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-addressbook-") as media,
        scratch_database("addressbook", keep=args.keep, reuse=args.reuse, reusable=True) as db,
    ):
        setup_django(db.url, media_root=media, reference=True)
        ok = run(existing_world() if args.reuse else build(), args.rounds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
