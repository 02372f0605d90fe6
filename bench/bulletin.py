"""The International Designs Bulletin at 100,000 published registrations: its search.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bulletin.py \
        [--rounds N] [--keep | --reuse NAME]

Builds, in a database of its own on DATABASE_URL's server (`hague_bench_bulletin_<random>`,
dropped at the end; `--keep` leaves it, `--reuse NAME` measures a kept one again), with bulk
inserts: 100,000 registered applications, each a published registration with its
`registration.published` event and its Bulletin entry (one to three designs, 3 to 6 designated
parties of 15, holders from 5,000 names, accents included, over 104 weekly issues), and 10,000
entries of the Offices' decisions (refusals, grants). The entries' snapshots are made with the
Bulletin's own folding (`bulletin.search`), as `bulletin.services.snapshot` makes them.

Then, through django.test.Client (middleware, view and template; DEBUG off), anonymous GETs of
the Bulletin's search by number (whole and part), holder, product, Locarno class, designated
party, date range, all of them at once, a page deep in a party's results, the issues list, an
issue, and the API's search. Prints median and p95 (wall and CPU, process and PostgreSQL
backend) and queries per request; judges each p95 against 200 ms of CPU at the reference
machine's speed (support/figures.py: the CPU floor measured in the same run).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Target  # noqa: E402
from support.pages import arguments, get, measure  # noqa: E402
from support.registrations import registered_batch  # noqa: E402

REGISTRATIONS = 100_000
DECISIONS = 10_000
TARGET_MS = 200.0
BATCH = 5_000
FIRST_DAY = date(2025, 1, 6)  # a Monday; publications spread over two years
DAYS = 730
PARTIES = ("CH", "EM", "US", "JP", "KR", "CN", "GB", "NO", "SG", "MX", "CA", "BR", "TR", "IL", "RU")
PRODUCTS = (
    "chair", "lamp", "table", "bottle", "watch", "sofa", "shoe", "phone case", "vase", "kettle",
    "bicycle", "headphones", "teapot", "umbrella", "backpack", "toothbrush", "sunglasses", "clock",
)  # fmt: skip
NAMES = ("Müller", "Dupont", "Tanaka", "García", "Kim", "Rossi", "Nilsson", "Novak", "Öztürk")
FORMS = ("AG", "SA", "GmbH", "Ltd", "KK", "SARL", "Inc.", "S.p.A.")


# --- data ----------------------------------------------------------------------------------------


def build() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    started = time.perf_counter()
    user = get_user_model().objects.create_user("holder@bench.test", None, full_name="Holder")
    rng = random.Random(22)
    for start in range(0, REGISTRATIONS, BATCH):
        _batch(user, range(start, min(start + BATCH, REGISTRATIONS)), rng)
    _decisions(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.perf_counter() - started
    print(f"built {REGISTRATIONS:,} published registrations and their entries in {took:.0f} s")


def holder(index: int) -> str:
    return f"{NAMES[index % len(NAMES)]} Design {index % 5000:04d} {FORMS[index % len(FORMS)]}"


def _batch(user, indexes, rng) -> None:
    rows = [_row(i, rng) for i in indexes]
    submissions = registered_batch(user, indexes, rows)
    _published(submissions, rows)


def _row(index: int, rng) -> dict:
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    designs = [
        {
            "number": n,
            "product": f"{rng.choice(PRODUCTS)} {index % 97}",
            "locarno": f"{rng.randrange(1, 33):02d}-{rng.randrange(1, 10):02d}",
            "reproductions": [],
        }
        for n in range(1, rng.randint(1, 3) + 1)
    ]
    return {
        "number": f"DM/{index + 1:06d}",
        "holder": holder(index),
        "published": published,
        "registered": published - timedelta(days=365),
        "designs": designs,
        "parties": sorted(rng.sample(PARTIES, rng.randint(3, 6))),
    }


def _published(submissions, rows) -> None:
    from hague_portal.events.models import Event
    from hague_portal.register.models import Registration

    registrations = Registration.objects.bulk_create(
        Registration(
            examination_id=s.pk,
            number=r["number"],
            registration_date=r["registered"],
            publication_date=r["published"],
            published_on=r["published"],
            holder_name=r["holder"],
        )
        for s, r in zip(submissions, rows, strict=True)
    )
    events = Event.objects.bulk_create(
        Event(
            submission=s,
            at=datetime.combine(r["published"], datetime.min.time()).astimezone(),
            kind="registration.published",
            summary="Published",
            after={"registration_number": r["number"]},
            applicant_visible=True,
        )
        for s, r in zip(submissions, rows, strict=True)
    )
    _entries(registrations, events, rows, kind="registration")


def _entries(registrations, events, rows, *, kind: str) -> None:
    from hague_portal.bulletin.models import BulletinEntry
    from hague_portal.bulletin.search import codes, fold, locarno_codes
    from hague_portal.bulletin.services import issue_for

    entries, issues = [], {}
    for registration, event, r in zip(registrations, events, rows, strict=True):
        day, party = r.get("day", r["published"]), r.get("party", "")
        if day not in issues:
            issues[day] = issue_for(day)
        entries.append(
            BulletinEntry(
                issue=issues[day],
                kind=kind,
                event=event,
                registration=registration,
                party=party,
                date=day,
                number=r["number"],
                registration_date=r["registered"],
                holder_name=r["holder"],
                holder_address="1 Bench Street, 1200 Geneva, CH",
                designs=r["designs"],
                parties=r["parties"],
                details={"designs": []} if party else {},
                holder_folded=fold(r["holder"]),
                products_folded=fold(" | ".join(d["product"] for d in r["designs"])),
                classes=codes(c for d in r["designs"] for c in locarno_codes(d["locarno"])),
                parties_text=codes([party] if party else r["parties"]),
            )
        )
    BulletinEntry.objects.bulk_create(entries)


def _decisions(rng) -> None:
    """Refusals and grants by the Office of the first party of 10,000 registrations."""
    from hague_portal.bulletin.models import BulletinEntry
    from hague_portal.events.models import Event

    chosen = list(BulletinEntry.objects.filter(kind="registration").order_by("?")[:DECISIONS])
    for start in range(0, len(chosen), BATCH):
        part = chosen[start : start + BATCH]
        kind = "refusal" if start % (2 * BATCH) == 0 else "grant"
        rows = [
            {
                "number": e.number,
                "holder": e.holder_name,
                "published": e.date,
                "registered": e.registration_date,
                "designs": e.designs,
                "parties": e.parties,
                "day": e.date + timedelta(days=rng.randrange(30, 180)),
            }
            for e in part
        ]
        events = Event.objects.bulk_create(
            Event(
                submission_id=e.registration_id,
                at=datetime.combine(r["day"], datetime.min.time()).astimezone(),
                kind=f"designation.{'refused' if kind == 'refusal' else 'granted'}",
                summary=kind,
                after={"party": e.parties[0]},
            )
            for e, r in zip(part, rows, strict=True)
        )
        registrations = [e.registration for e in part]
        for e, r in zip(part, rows, strict=True):
            r["party"] = e.parties[0]
        _entries(registrations, events, rows, kind=kind)


# --- measuring -----------------------------------------------------------------------------------


def cases() -> list[tuple[str, str, dict, str]]:
    page, api = "/bulletin/", "/api/v1/bulletin/entries/"
    return [
        ("number DM/054321", page, {"number": "DM/054321"}, "DM/054321"),
        ("part of a number '05432'", page, {"number": "05432"}, "DM/054320"),
        ("holder 'muller design 0042'", page, {"holder": "muller design 0042"}, "Müller"),
        ("holder 'tanaka' (11,000 matches)", page, {"holder": "tanaka"}, "Tanaka"),
        ("product 'teapot 42'", page, {"product": "teapot 42"}, "teapot 42"),
        ("product 'lamp' (16,000 matches)", page, {"product": "lamp"}, "lamp"),
        ("Locarno class 06", page, {"locarno": "06"}, "entries found"),
        ("Locarno subclass 06-03", page, {"locarno": "06-03"}, "06-03"),
        ("party SG", page, {"party": "SG"}, "SG"),
        ("party US, page 500", page, {"party": "US", "page": "500"}, "Page 500"),
        ("one week", page, {"date_from": "2026-03-02", "date_to": "2026-03-08"}, "2026"),
        (
            "product + class + party + a year",
            page,
            {
                "product": "chair",
                "locarno": "06",
                "party": "JP",
                "date_from": "2025-06-01",
                "date_to": "2026-05-31",
            },
            "entries found",
        ),  # fmt: skip
        ("refusals by holder 'garcia'", page, {"kind": "refusal", "holder": "garcia"}, "García"),
        ("issues list", page, {}, "2026/"),
        ("an issue", "/bulletin/2026/10/", {}, "International registration"),
        ("API: holder 'nilsson', party KR", api, {"holder": "nilsson", "party": "KR"}, "count"),
        ("API: class 12, limit 100", api, {"locarno": "12", "limit": "100"}, "count"),
    ]


def run(rounds: int) -> bool:
    from django.test import Client

    visitor = Client()
    target, floor = Target(TARGET_MS), Floor()
    print(f"{rounds} rounds each, anonymous, {REGISTRATIONS:,} published registrations:")
    for what, path, query, needle in cases():
        measure(what, get(visitor, path, query, needle), rounds, target, floor)
    print("CPU: this process's and its PostgreSQL backend's (db), ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every search")


def main() -> None:
    args = arguments(__doc__)
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-bulletin-") as media,
        scratch_database("bulletin", keep=args.keep, reuse=args.reuse, reusable=True) as db,
    ):
        setup_django(db.url, media_root=media, reference=True)
        if not args.reuse:
            build()
        ok = run(args.rounds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
