"""The Office of a designated party's list at 100,000 published registrations (issue 22).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/office.py \
        [--rounds N] [--keep | --reuse NAME]

Builds, in a database of its own on DATABASE_URL's server (`hague_bench_office_<random>`, dropped
at the end; `--keep` leaves it, `--reuse NAME` measures a kept one again), with bulk inserts:
100,000 registered applications, each a published registration (published over the last two
years, holders from 5,000 names, accents included) with 3 to 6 designated parties of 15, the
United States among them in 9 registrations of 10 (~90,000 designations of US, ~450,000 in all),
their statuses spread as the Offices' decisions and the end of the refusal periods leave them
(awaiting, protected, granted, refused, withdrawn, cancelled) with each one's refusal period end.

Then, through django.test.Client (middleware, view and template; DEBUG off), GET `/office/` as a
user of the Office of the United States (TOTP enrolled): the first page, each status filter, a
search by number and by holder (a rare and a common holder), the last page; and the token API's
list (`/api/v1/office/registrations/`, scope `office`) first page. Prints median and p95 (wall
and CPU, process and PostgreSQL backend) and queries per request; judges each p95 against 200 ms
of CPU at the reference machine's speed (support/figures.py: the CPU floor measured in the same
run).
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Target  # noqa: E402
from support.pages import arguments, get, measure  # noqa: E402
from support.registrations import registered_batch  # noqa: E402

REGISTRATIONS = 100_000
US_SHARE = 0.9
TARGET_MS = 200.0
BATCH = 5_000
DAYS = 730
OFFICER = "officer@uspto.bench.test"
TOTP_SECRET = "XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ"
PARTIES = ("CH", "EM", "JP", "KR", "CN", "GB", "NO", "SG", "MX", "CA", "BR", "TR", "IL", "RU")
NAMES = ("Müller", "Dupont", "Tanaka", "García", "Kim", "Rossi", "Nilsson", "Novak", "Öztürk")
FORMS = ("AG", "SA", "GmbH", "Ltd", "KK", "SARL", "Inc.", "S.p.A.")
# (status, share) of the designations, as decisions and ended refusal periods leave them
STATUSES = (
    ("awaiting", 0.40),
    ("protected", 0.30),
    ("granted", 0.15),
    ("refused", 0.08),
    ("withdrawn", 0.04),
    ("cancelled", 0.03),
)


# --- data ----------------------------------------------------------------------------------------


def build() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    started = time.perf_counter()
    user = get_user_model().objects.create_user("holder@bench.test", None, full_name="Holder")
    rng = random.Random(22)
    for start in range(0, REGISTRATIONS, BATCH):
        _batch(user, range(start, min(start + BATCH, REGISTRATIONS)), rng)
    _officer()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.perf_counter() - started
    print(f"built {REGISTRATIONS:,} published registrations and their designations in {took:.0f} s")


def _officer():
    from django.contrib.auth import get_user_model

    from hague_portal.accounts.models import Office
    from hague_portal.accounts.services import user_enrol_totp

    office = Office.objects.create(party="US", name="United States Patent and Trademark Office")
    officer = get_user_model().objects.create_user(
        OFFICER, None, full_name="Olivia Office", office=office
    )
    user_enrol_totp(user=officer, secret=TOTP_SECRET)  # an Office user must have TOTP


def holder(index: int) -> str:
    return f"{NAMES[index % len(NAMES)]} Design {index % 5000:04d} {FORMS[index % len(FORMS)]}"


def _batch(user, indexes, rng) -> None:
    from django.utils import timezone

    today = timezone.now().date()
    rows = [_row(i, rng, today=today) for i in indexes]
    submissions = registered_batch(user, indexes, rows)
    _registrations(submissions, rows, rng)


def _row(index: int, rng, *, today) -> dict:
    published = today - timedelta(days=1 + rng.randrange(DAYS))
    parties = rng.sample(PARTIES, rng.randint(3, 6))
    if rng.random() < US_SHARE:
        parties[0] = "US"
    return {
        "number": f"DM/{index + 1:06d}",
        "holder": holder(index),
        "published": published,
        "registered": published - timedelta(days=365),
        "parties": sorted(parties),
    }


def _registrations(submissions, rows, rng) -> None:
    from hague_portal.register.models import Designation, Registration

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
    statuses, weights = zip(*STATUSES, strict=True)
    designations = []
    for registration, r in zip(registrations, rows, strict=True):
        for party in r["parties"]:
            months = 12 if party in ("US", "JP", "KR") else 6
            status = rng.choices(statuses, weights)[0]
            designations.append(
                Designation(
                    registration=registration,
                    party=party,
                    status=status,
                    refusal_period_months=months,
                    refusal_period_end=r["published"] + timedelta(days=30 * months),
                    status_since=None if status == "awaiting" else r["published"],
                )
            )
    Designation.objects.bulk_create(designations, batch_size=BATCH)


# --- measuring -----------------------------------------------------------------------------------


def cases(officer) -> list[tuple[str, str, dict, str]]:
    from hague_portal.register.selectors_office import PAGE_SIZE, office_designations

    page, api = "/office/", "/api/v1/office/registrations/"
    last = math.ceil(office_designations(user=officer).count() / PAGE_SIZE)
    table = 'data-testid="office-registrations"'
    return [
        ("first page", page, {}, table),
        *((f"status {s}", page, {"status": s}, table) for s, _ in STATUSES),
        ("number DM/054321", page, {"q": "DM/054321"}, "DM/054321"),
        ("holder 'Design 0042' (~18 matches)", page, {"q": "Design 0042"}, "Design 0042"),
        ("holder 'Tanaka' (~10,000 matches)", page, {"q": "Tanaka"}, "Tanaka"),
        (f"last page ({last:,})", page, {"page": str(last)}, table),
        ("API: first page (50)", api, {}, '"count"'),
    ]


def run(rounds: int) -> bool:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    from hague_portal.api.tokens import token_create

    setup_test_environment()
    officer = get_user_model().objects.get(email=OFFICER)
    browser = Client()
    browser.force_login(officer)
    api = APIClient()
    _, token = token_create(user=officer, name="bench", scopes=["office"], expires_in_days=1)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    target, floor = Target(TARGET_MS), Floor()
    print(f"{rounds} rounds each, the Office of US, {REGISTRATIONS:,} published registrations:")
    for what, path, query, needle in cases(officer):
        http = api if path.startswith("/api/") else browser
        measure(what, get(http, path, query, needle), rounds, target, floor)
    print("CPU: this process's and its PostgreSQL backend's (db), ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every request")


def main() -> None:
    args = arguments(__doc__)
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-office-") as media,
        scratch_database("office", keep=args.keep, reuse=args.reuse, reusable=True) as db,
    ):
        setup_django(db.url, media_root=media, reference=True)
        if not args.reuse:
            build()
        ok = run(args.rounds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
