"""The applicant's inbox with 100,000 submissions on PostgreSQL: server time and queries.

    .venv/bin/python bench/inbox.py [--rounds N] [--keep]

Builds, in a database of its own on DATABASE_URL's PostgreSQL server (default 127.0.0.1:5432, user
postgres), `hague_bench_inbox_<random>` (a new one each run, dropped at the end; `--keep` leaves it
and prints its name), 100,000 submissions with bulk inserts (their drafts; 2,000 applicants filing
for themselves, two firms with a client each) and about 103,000 notifications spread over their
users, a third of them unread:

- light user: a representative whose firm's client has 100 applications, 2 notifications each
  (200);
- heavy user: a representative whose firm's client has 2,500 applications, 2 each (5,000);
- everyone else: one notification per application.

Then GET /inbox/ through django.test.Client (the whole middleware, view and template stack,
the header's unread count included) for each user: the first page, "Unread only", one
application, and page 50 of the heavy user's; and the header's count alone. Prints median and
p95 (wall), the p95 CPU time (the process's and its PostgreSQL backend's) and queries per request.

Target: p95 < 200 ms for every case, judged on the p95 CPU time scaled to the reference machine by
the CPU floor measured in the run (support/figures.py: a 3-million-step Python loop, sampled every
2 s between the requests, their median): CPU x (0.17 s / floor now); and queries the same
for 200 and 5,000. Runs with DEBUG off, as in production (queries are counted by a database execute
wrapper).
"""

from __future__ import annotations

import argparse
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
from support.pages import measure  # noqa: E402

SUBMISSIONS = 100_000
APPLICANTS = 2_000
LIGHT_APPLICATIONS, HEAVY_APPLICATIONS = 100, 2_500
PER_APPLICATION = 2  # notifications per application of the light and heavy users
TARGET_MS = 200.0
BATCH = 5_000


# --- data ----------------------------------------------------------------------------------------


def build() -> dict:
    """The rows, bulk-inserted; returns the light and heavy users."""
    from hague_portal.accounts.models import User

    started = time.perf_counter()
    applicants = User.objects.bulk_create(
        User(email=f"applicant{i}@bench.test", full_name=f"Applicant {i}")
        for i in range(APPLICANTS)
    )
    # Two representatives, each filing for a client of their firm (the same path through the
    # middleware and the inbox, so their queries compare).
    light, light_client = _representative("light")
    heavy, heavy_client = _representative("heavy")
    # Who filed each application: the heavy user's client's first, then the light user's, the
    # rest spread over the applicants filing for themselves.
    owners = [(heavy, heavy_client)] * HEAVY_APPLICATIONS
    owners += [(light, light_client)] * LIGHT_APPLICATIONS
    rest = SUBMISSIONS - len(owners)
    owners += [(applicants[i % APPLICANTS], None) for i in range(rest)]
    submission_ids = _submissions(owners)
    _notifications(owners, submission_ids, heavy=heavy, light=light)
    print(
        f"built {SUBMISSIONS:,} submissions and their notifications in {time.perf_counter() - started:.0f} s"
    )
    return {"light": light, "heavy": heavy}


def _representative(name: str):
    from hague_portal.accounts.models import Client, Firm, FirmMembership, FirmRole, User
    from hague_portal.accounts.services import user_enrol_totp

    user = User.objects.create_user(f"{name}@bench.test", None, full_name=f"{name} representative")
    user_enrol_totp(
        user=user, secret="XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ"
    )  # representatives must have TOTP
    firm = Firm.objects.create(name=f"{name} & Partners")
    FirmMembership.objects.create(firm=firm, user=user, role=FirmRole.EDITOR)
    return user, Client.objects.create(firm=firm, name=f"{name} Client AG", country="CH")


def _submissions(owners) -> list[int]:
    from django.utils import timezone

    from hague_portal.filings.models import Draft, DraftStatus
    from hague_portal.submissions.models import Submission

    now = timezone.now()
    ids = []
    for start in range(0, len(owners), BATCH):
        chunk = owners[start : start + BATCH]
        drafts = Draft.objects.bulk_create(
            Draft(id=uuid.uuid4(), created_by=user, client=client, status=DraftStatus.SUBMITTED)
            for user, client in chunk
        )
        rows = Submission.objects.bulk_create(
            Submission(
                number=f"WIPO{start + i + 1:06d}",
                draft=draft,
                created_by=user,
                client=client,
                received_at=now - timedelta(minutes=SUBMISSIONS - start - i),
                document={},
                document_sha256="0" * 64,
                files=[],
                fees={},
                fees_sha256="0" * 64,
                fees_total=0,
                correspondence_email=user.email,
            )
            for i, (draft, (user, client)) in enumerate(zip(drafts, chunk, strict=True))
        )
        ids += [row.pk for row in rows]
    return ids


def _notifications(owners, submission_ids, *, heavy, light) -> None:
    from django.utils import timezone

    from hague_portal.notifications.models import Notification, NotificationKind, Recipient

    now = timezone.now()
    plan = []  # (submission id, user id)
    for (user, _), submission_id in zip(owners, submission_ids, strict=True):
        times = PER_APPLICATION if user.pk in (heavy.pk, light.pk) else 1
        plan += [(submission_id, user.pk)] * times
    for start in range(0, len(plan), BATCH):
        chunk = plan[start : start + BATCH]
        notices = Notification.objects.bulk_create(
            Notification(
                submission_id=submission_id,
                kind=NotificationKind.REMINDER,
                title=f"Time limit reminder {start + i}",
                body="Reminder: one month is left to correct the irregularities.",
                pdf=f"notifications/bench/{start + i}.pdf" if i % 2 else "",
                created_at=now - timedelta(seconds=len(plan) - start - i),
            )
            for i, (submission_id, _) in enumerate(chunk)
        )
        Recipient.objects.bulk_create(
            Recipient(
                notification=notice,
                user_id=user_id,
                created_at=notice.created_at,
                read_at=None if (start + i) % 3 == 0 else now,
            )
            for i, (notice, (_, user_id)) in enumerate(zip(notices, chunk, strict=True))
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- measuring -----------------------------------------------------------------------------------


def page(client, query: dict):
    from django.urls import reverse

    def call():
        response = client.get(reverse("inbox:list"), query)
        if response.status_code != 200:
            sys.exit(f"GET /inbox/ {query}: HTTP {response.status_code}")
        return response

    return call


def run(users: dict, rounds: int) -> bool:
    from django.test import Client

    from hague_portal.notifications.models import Recipient
    from hague_portal.notifications.selectors import unread_count

    target, floor, counts = Target(TARGET_MS), Floor(), {}
    for label, user in users.items():
        total = Recipient.objects.filter(user=user).count()
        unread = unread_count(user=user)
        number = Recipient.objects.filter(user=user).values_list(
            "notification__submission__number", flat=True
        )[0]
        print(f"{label} user: {total:,} notifications, {unread:,} unread")
        client = Client()
        client.force_login(user)
        cases = [
            ("first page", "GET /inbox/", {}),
            ("unread", "GET /inbox/?unread=on", {"unread": "on"}),
            ("application", f"GET /inbox/?application={number}", {"application": number}),
        ]
        if total > 50 * 50:
            cases.append(("deep page", "GET /inbox/?page=50", {"page": "50"}))
        for key, what, query in cases:
            call = page(client, query)
            queries = measure(what, call, rounds, target, floor, key=f"{label}: {what}", width=44)
            counts.setdefault(key, set()).add(queries)
        what, call = "header count (unread_count)", lambda u=user: unread_count(user=u)
        measure(what, call, rounds, target, floor, key=f"{label}: {what}", width=44)
    constant = all(len(q) == 1 for q in counts.values())
    print(f"queries the same for both users: {'yes' if constant else 'NO'}")
    print("CPU: this process's and its PostgreSQL backend's (db), ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every request") and constant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-inbox-") as media,
        scratch_database("inbox", keep=args.keep) as database,
    ):
        setup_django(database.url, media_root=media)
        ok = run(build(), args.rounds)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
