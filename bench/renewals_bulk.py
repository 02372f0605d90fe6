"""A bulk renewal of 1,000 registrations with one payment (issue 23), on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/renewals_bulk.py \
        [--registrations N] [--keep]

Builds, in a database of its own on DATABASE_URL's server (`hague_bench_renewals_bulk_<random>`,
dropped at the end; `--keep` leaves it), with bulk inserts: a firm, its representative (editor)
and its client, and 1,000 registrations the client holds (registered five years ago, the
renewal window open), each designating CH (standard fee), EM (individual fee) and NO with two
designs in force, and the workbench's Protection row of each; a current account of the firm.

Then, as the representative, with the reference data's snapshot warm:
- the itemised quote of them all (`renewals_quote_bulk`, what the page shows);
- the payment (`renewals_pay_bulk`): one charge to the firm's current account, 1,000 renewals
  recorded, the Register's entries and events written, and the events' consumers run when the
  transaction ends (the workbench's Protection rows among them).

Prints wall and CPU time (this process's and its PostgreSQL backend's) and queries, in all and
per registration. Target: the payment under 30 s of CPU at the reference machine's speed
(support/figures.py: CPU x (0.17 s / the floor loop measured in the run)), and a constant number
of queries per registration (the same at 100 and at 1,000).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, counted, timed  # noqa: E402
from support.registrations import registered_batch  # noqa: E402

REGISTRATIONS = 1_000
SMALL = 100  # a first bulk renewal, to show the queries per registration do not grow
TARGET_S = 30.0
PARTIES = ("CH", "EM", "NO")
REP = "rep@renewals.bench.test"


# --- data ----------------------------------------------------------------------------------------


def build(count: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hague_portal.accounts.models import Client, Firm, FirmMembership
    from hague_portal.hague.periods import add_months
    from hague_portal.payments.models import CurrentAccount

    started = time.perf_counter()
    rep = get_user_model().objects.create_user(REP, None, full_name="Rita Representative")
    firm = Firm.objects.create(name="Renewals & Partners")
    FirmMembership.objects.create(firm=firm, user=rep, role="editor")
    client = Client.objects.create(firm=firm, name="ACME Design SA")
    account = CurrentAccount.objects.create(
        number="CA-BENCH", holder_name=firm.name, owner_firm=firm, balance=Decimal("10000000")
    )
    today = timezone.localdate()
    # Five years ago less two months: the expiry is two months ahead, the window open.
    registered_on = add_months(today, -58)
    rows = [_row(i, registered_on) for i in range(count)]
    submissions = registered_batch(rep, range(count), rows)
    _registrations(submissions, rows, rep, client, registered_on)
    took = time.perf_counter() - started
    print(f"built {count:,} registrations held by a firm's client in {took:.1f} s")
    return {"rep": rep, "account": account, "today": today}


def _row(index: int, registered_on) -> dict:
    return {"number": f"DM/{index + 1:06d}", "parties": list(PARTIES), "on": registered_on}


def _registrations(submissions, rows, rep, client, registered_on) -> None:
    from hague_portal.hague.renewal import term_expiry
    from hague_portal.portfolio.consumers import renewal_columns
    from hague_portal.portfolio.models import Protection
    from hague_portal.reference.selectors import reference_data
    from hague_portal.register.models import Designation, Registration

    expiry = term_expiry(registered_on, 1)
    registrations = Registration.objects.bulk_create(
        Registration(
            examination_id=s.pk,
            number=r["number"],
            registration_date=registered_on,
            publication_date=registered_on + timedelta(days=365),
            published_on=registered_on + timedelta(days=365),
            holder_name="ACME Design SA",
            holders=[{"name": "ACME Design SA", "kind": "legal"}],
            owner_user=rep,
            owner_client=client,
            term=1,
            expiry=expiry,
        )
        for s, r in zip(submissions, rows, strict=True)
    )
    Designation.objects.bulk_create(
        Designation(
            registration=registration,
            party=party,
            status="protected",
            refusal_period_months=6,
            designs=[1, 2],
            expiry=expiry,
        )
        for registration in registrations
        for party in PARTIES
    )
    ref = reference_data()
    Protection.objects.bulk_create(
        Protection(draft_id=s.draft_id, states=" protected ", **renewal_columns(r, ref))
        for s, r in zip(submissions, registrations, strict=True)
    )


# --- measuring -----------------------------------------------------------------------------------


def run(world: dict, count: int) -> bool:
    from hague_portal.reference.selectors import reference_data
    from hague_portal.register.models import Registration, Renewal
    from hague_portal.register.services.renewals_bulk import renewals_pay_bulk, renewals_quote_bulk

    floor = Floor()
    reference_data()  # the snapshot every process keeps warm
    ids = list(Registration.objects.order_by("number").values_list("pk", flat=True))
    rep, account, today = world["rep"], world["account"], world["today"]
    print(f"as the firm's representative, {count:,} registrations, 3 parties and 2 designs each:")

    queries, (cost, quote) = _counted_timed(
        lambda: renewals_quote_bulk(registrations=ids, today=today)
    )
    _line("the quote", cost, queries, count)
    floor.sample()
    small = ids[:SMALL]
    small_total = renewals_quote_bulk(registrations=small, today=today).total
    small_queries, (small_cost, _) = _counted_timed(
        lambda: renewals_pay_bulk(
            registrations=small,
            user=rep,
            method="current_account",
            account=account,
            seen_total=small_total,
            today=today,
        )  # fmt: skip
    )
    _line(f"pay {SMALL} (a first bulk)", small_cost, small_queries, SMALL)
    floor.sample()
    rest = ids[SMALL:]
    rest_total = renewals_quote_bulk(registrations=rest, today=today).total
    rest_queries, (rest_cost, renewed) = _counted_timed(
        lambda: renewals_pay_bulk(
            registrations=rest,
            user=rep,
            method="current_account",
            account=account,
            seen_total=rest_total,
            today=today,
        )  # fmt: skip
    )
    _line(f"pay {len(rest):,} (one payment)", rest_cost, rest_queries, len(rest))
    floor.sample(3)
    assert len(renewed) == len(rest) and Renewal.objects.count() == count
    print(f"quote total {quote.total} CHF for {len(quote.renewable):,} registrations")
    per_small, per_rest = small_queries / SMALL, rest_queries / len(rest)
    constant = abs(per_small - per_rest) < 0.5
    print(
        f"queries per registration: {per_small:.2f} at {SMALL}, {per_rest:.2f} at {len(rest):,}: "
        f"{'constant' if constant else 'NOT constant'}"
    )
    print("CPU: this process's and its PostgreSQL backend's (db)")
    print(floor.describe())
    # Judged on the larger payment, scaled to its share of a 1,000-registration one.
    scaled = rest_cost.cpu / 1000 * floor.scale * count / len(rest)
    met = scaled < TARGET_S
    print(
        f"target: {count:,} registrations renewed with one payment in < {TARGET_S:g} s of CPU: "
        f"{'met' if met else 'NOT met'} ({scaled:.1f} s at the reference machine's speed; "
        f"wall {rest_cost.wall / 1000 * count / len(rest):.1f} s here)"
    )
    return met and constant


def _counted_timed(call):
    result = {}

    def both():
        result["timed"] = timed(call)

    n = counted(both)
    return n, result["timed"]


def _line(what, cost, queries, count) -> None:
    print(
        f"  {what}: wall {cost.wall / 1000:6.2f} s  CPU {cost.cpu / 1000:6.2f} s "
        f"(db {cost.db / 1000:5.2f})  {queries:,} queries, {queries / count:.2f} a registration"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registrations", type=int, default=REGISTRATIONS)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-renewals-") as media,
        scratch_database("renewals_bulk", keep=args.keep) as database,
    ):
        setup_django(database.url, media_root=media, reference=True)
        ok = run(build(args.registrations), args.registrations)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
