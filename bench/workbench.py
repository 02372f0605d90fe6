"""The workbench with 100,000 applications on PostgreSQL: server time and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/workbench.py \
        [--rounds N] [--keep | --reuse NAME]

Builds, in a database of its own on DATABASE_URL's server (`hague_bench_workbench_<random>`, a
new one each run, dropped at the end; `--keep` leaves it and prints its name, `--reuse NAME`
measures that kept database again without building, and leaves it), with bulk inserts:

- one firm with 1,000 clients and 100,000 applications for them: 30,000 drafts and 70,000 filed
  (submission and examination: received, under examination, irregular with a time limit,
  registered, abandoned), with references, designated parties, Locarno classes, applicants
  and product words as the wizard's save writes them (filings.listing);
- an applicant filing for itself with 50 applications (20 drafts, 30 filed).

Then, through django.test.Client (middleware, view and template; DEBUG off), GET / and the
counts per tab the page fetches after it (GET /applications/counts, same query) as the firm's
representative: the first page; a filtered and searched page (a client, a designated party,
two words); a search over every client; the Irregularity tab by time limit; page 40 of the
Filed tab by number; an application number; the last of 4,000 pages; by number (first and
last page); the Registered tab, the Offices' decisions (issue 22) and the renewal filter (issue
23: due within 6 or 12 months, in the grace period); and as the applicant, her own workbench and a
search. (The exports, the time limits
and the calendar feed at 100,000: bench/portfolio_exports.py.) Prints median and p95 (wall), the
p95 CPU time (the process's and its PostgreSQL backend's) and queries per request.

Target: p95 < 200 ms for every request, judged on the p95 CPU time scaled to the reference machine
by the CPU floor measured in the run (support/figures.py: a 3-million-step Python loop, sampled
every 2 s between the requests, their median): CPU x (0.17 s / floor now); for each user, the same
number of queries whatever the case.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Target  # noqa: E402
from support.pages import get, measure  # noqa: E402

APPLICATIONS = 100_000
CLIENTS = 1_000
DRAFT_SHARE = 0.3
OWN_APPLICATIONS, OWN_DRAFTS = 50, 20
TARGET_MS = 200.0
BATCH = 5_000
PARTIES = ("CH", "EM", "US", "JP", "KR", "CN", "GB", "NO", "SG", "MX")
PRODUCTS = ("chair", "lamp", "table", "bottle", "watch", "sofa", "shoe", "phone case", "vase")
STATES = ("received", "examination", "irregular", "responded", "registered", "abandoned")


# --- database ------------------------------------------------------------------------------------


def existing_world() -> dict:
    from hague_portal.accounts.models import Client, User

    rep = User.objects.get(email="rep@bench.test")
    client = Client.objects.filter(firm__memberships__user=rep).order_by("pk")[7]
    return {
        "rep": rep,
        "applicant": User.objects.get(email="applicant@bench.test"),
        "client": client,
    }


# --- data ----------------------------------------------------------------------------------------


def build() -> dict:
    """The rows, bulk-inserted; returns the representative, the applicant and a client."""
    from hague_portal.accounts.models import Client, Firm, FirmMembership, FirmRole, User
    from hague_portal.accounts.services import user_enrol_totp

    started = time.perf_counter()
    rep = User.objects.create_user("rep@bench.test", None, full_name="Rita Representative")
    user_enrol_totp(
        user=rep, secret="XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ"
    )  # representatives must have TOTP
    firm = Firm.objects.create(name="Bench & Partners")
    FirmMembership.objects.create(firm=firm, user=rep, role=FirmRole.EDITOR)
    clients = Client.objects.bulk_create(
        Client(firm=firm, name=f"Client {i:04d} AG", country="CH") for i in range(CLIENTS)
    )
    applicant = User.objects.create_user("applicant@bench.test", None, full_name="Ann Applicant")
    owners = [(rep, clients[i % CLIENTS]) for i in range(APPLICATIONS)]
    owners += [(applicant, None)] * OWN_APPLICATIONS
    _applications(owners)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    took = time.perf_counter() - started
    print(f"built {len(owners):,} applications over {CLIENTS:,} clients in {took:.0f} s")
    return {"rep": rep, "applicant": applicant, "client": clients[7]}


def _applications(owners) -> None:
    from django.utils import timezone

    rng = random.Random(10)
    now = timezone.now()
    for start in range(0, len(owners), BATCH):
        chunk = owners[start : start + BATCH]
        drafts = _drafts(chunk, start=start, now=now, rng=rng)
        filed = [d for d in drafts if d.status == "submitted"]
        _filed(filed, now=now, rng=rng)


def _is_draft(index: int, client) -> bool:
    if client is None:
        return index % OWN_APPLICATIONS < OWN_DRAFTS
    return index % 10 < DRAFT_SHARE * 10


def _drafts(chunk, *, start, now, rng):
    from hague_portal.filings.listing import draft_list_columns
    from hague_portal.filings.models import Draft

    rows = []
    for i, (user, client) in enumerate(chunk, start=start):
        product = rng.choice(PRODUCTS)
        parties = rng.sample(PARTIES, 3)
        document = {
            "reference": f"REF-{i:06d}",
            "applicants": [{"name": client.name if client else user.full_name}],
            "designations": parties,
            "designs": [{"product": f"{product} {i % 97}", "locarno": f"{i % 32 + 1:02d}-01"}],
        }
        title = f"{client.name if client else 'Application'}: {product} {i % 97}"
        columns = draft_list_columns(
            document, client_name=client.name if client else "", title=title
        )
        draft = _is_draft(i, client)
        changed = now - timedelta(minutes=len(chunk) * 20 - i)
        rows.append(
            Draft(
                id=uuid.uuid4(),
                created_by=user,
                updated_by=user,
                client=client,
                status="draft" if draft else "submitted",
                title=title,
                submitted_at=None if draft else changed,
                **columns,
            )
        )
        rows[-1]._changed = changed
    created = Draft.objects.bulk_create(rows)
    # auto_now fields take "now" on insert: set the spread of last changes afterwards.
    for row in created:
        row.updated_at = row.created_at = row._changed
    Draft.objects.bulk_update(created, ["updated_at", "created_at"], batch_size=BATCH)
    return created


def _filed(drafts, *, now, rng) -> None:
    from hague_portal.examination.models import Examination
    from hague_portal.submissions.models import Submission

    base = Submission.objects.count()
    submissions = Submission.objects.bulk_create(
        Submission(
            number=f"WIPO{base + i + 1:06d}",
            draft=draft,
            created_by=draft.created_by,
            client=draft.client,
            received_at=draft._changed,
            document={},
            document_sha256="0" * 64,
            files=[],
            fees={},
            fees_sha256="0" * 64,
            fees_total=1000,
            correspondence_email="rep@bench.test",
        )
        for i, draft in enumerate(drafts)
    )
    exams = []
    for i, (submission, draft) in enumerate(zip(submissions, drafts, strict=True)):
        state = STATES[(base + i) % len(STATES)]
        limit = (now + timedelta(days=rng.randint(1, 90))).date() if state == "irregular" else None
        registration = f"DM/{base + i + 1:06d}" if state == "registered" else None
        exams.append(
            Examination(
                submission=submission,
                status=state,
                received_at=submission.received_at,
                parties=draft.parties,
                time_limit=limit,
                fees_expected=1000,
                registration_number=registration,
            )
        )
    Examination.objects.bulk_create(exams)
    # The draft's workbench tab, as the workbench consumer keeps it (portfolio.consumers).
    from hague_portal.filings.models import Draft
    from hague_portal.portfolio.consumers import WORKBENCH_STATES

    for state in {exam.status for exam in exams}:
        ids = [d.pk for d, e in zip(drafts, exams, strict=True) if e.status == state]
        Draft.objects.filter(pk__in=ids).update(
            workbench_state=WORKBENCH_STATES.get(state, "filed")
        )
    _protection(drafts, exams)


# Issue 22: each registration's designations as the workbench consumer keeps them.
PROTECTION_STATES = ("awaiting", "refused", "granted", "protected", "due", "cancelled")
TOKENS = {"granted": "protected"}


def _protection(drafts, exams) -> None:
    import random

    from django.utils import timezone

    from hague_portal.hague.periods import add_months
    from hague_portal.portfolio.models import Protection

    rng = random.Random(22)  # its own: the rest of the build draws what it drew before
    renewal_rng = random.Random(23)  # issue 23's columns: the draws above stay as they were
    today = timezone.localdate()

    rows = []
    for draft, exam in zip(drafts, exams, strict=True):
        if exam.status != "registered":
            continue
        parties = draft.parties.split() or ["EM"]
        chosen = [rng.choice(PROTECTION_STATES) for _ in parties]
        rows.append(
            Protection(
                draft=draft,
                # the consumer's tokens: a grant and a protection both filter as "protected"
                states=" " + " ".join(sorted({TOKENS.get(c, c) for c in chosen})) + " ",
                parties=[
                    {"party": p, "status": "awaiting" if c == "due" else c}
                    | ({"second_part": "due", "time_limit": "2027-06-01"} if c == "due" else {})
                    for p, c in zip(parties, chosen, strict=True)
                ],
                **_renewal(today, renewal_rng, add_months),
            )
        )
    Protection.objects.bulk_create(rows, batch_size=BATCH)


def _renewal(today, rng, add_months) -> dict:
    """Issue 23: the expiry of the term running spread over the next five years (and the
    last grace period), 1 in 50 lapsed, as the workbench's consumer writes them (the renewal
    due on the expiry, the grace period six months after it)."""
    expiry = today + timedelta(days=rng.randrange(-180, 5 * 365))
    return {
        "register_status": "lapsed" if rng.random() < 0.02 else "in_force",
        "term": 1,
        "expiry": expiry,
        "renewal_opens": add_months(expiry, -6),
        "due": expiry,
        "grace_end": add_months(expiry, 6),
    }


# --- measuring -----------------------------------------------------------------------------------


def run(world: dict, rounds: int) -> bool:
    from django.test import Client

    rep, applicant = Client(), Client()
    rep.force_login(world["rep"])
    applicant.force_login(world["applicant"])
    cases = [
        ("representative", "first page", rep, {}),
        (
            "representative",
            "client + party US + search 'chair 7'",
            rep,
            {"client": world["client"].name, "party": "US", "q": "chair 7"},
        ),
        ("representative", "search 'lamp 42' (all clients)", rep, {"q": "lamp 42"}),
        (
            "representative",
            "Irregularity tab by time limit",
            rep,
            {"tab": "irregular", "sort": "deadline"},
        ),
        (
            "representative",
            "Filed tab by number, page 40",
            rep,
            {"tab": "filed", "sort": "number", "page": "40"},
        ),
        ("representative", "an application number", rep, {"q": "WIPO012345"}),
        # Issue 24: the last of 4,000 pages, and the sort by number (first and last page).
        ("representative", "last page", rep, {"page": "4000"}),
        ("representative", "by number", rep, {"sort": "number"}),
        ("representative", "by number, last page", rep, {"sort": "number", "page": "4000"}),
        # Issue 22: the Offices' decisions, read from portfolio.Protection (a join).
        ("representative", "Registered tab", rep, {"tab": "registered"}),
        ("representative", "decisions: refused", rep, {"protection": "refused"}),
        ("representative", "decisions: second part due", rep, {"protection": "due"}),
        # Issue 23: the renewal filter, on Protection's (register_status, due/grace_end) indexes.
        (
            "representative",
            "Registered + renewal due within 6 months",
            rep,
            {"tab": "registered", "renewal": "6"},
        ),
        ("representative", "renewal due within 12 months", rep, {"renewal": "12"}),
        ("representative", "renewal in the grace period", rep, {"renewal": "grace"}),
        ("applicant", "first page (50 applications)", applicant, {}),
        ("applicant", "search 'chair'", applicant, {"q": "chair"}),
    ]
    target, floor, queries = Target(TARGET_MS), Floor(), {}
    print(f"{rounds} rounds each; GET / is the page, counts the tabs htmx fetches after it:")
    for who, what, http, query in cases:
        print(f"{who}, {what}:")
        for label, path, needle in (
            ("GET /", "/", 'name="application"'),
            ("counts", "/applications/counts", "badge"),
        ):
            call = get(http, path, query, needle)
            n = measure(label, call, rounds, target, floor, key=f"{who}, {what}: {label}", width=8)
            queries.setdefault((who, label), set()).add(n)
    constant = all(len(n) == 1 for n in queries.values())
    per_user = ", ".join(f"{who} {label}: {sorted(n)}" for (who, label), n in queries.items())
    print(
        f"queries per request ({per_user}): the same whatever the case: {'yes' if constant else 'NO'}"
    )
    print("CPU: this process's and its PostgreSQL backend's (db), ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every request") and constant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", action="store_true", help="leave the database in place")
    kept.add_argument(
        "--reuse", metavar="NAME", help="measure the database a --keep run left (no build)"
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-workbench-") as media,
        scratch_database("workbench", keep=args.keep, reuse=args.reuse, reusable=True) as database,
    ):
        setup_django(database.url, media_root=media)
        ok = run(existing_world() if args.reuse else build(), args.rounds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
