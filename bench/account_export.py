"""Downloading one's data (issue 19): time and memory of the ZIP for a large account.

    .venv/bin/python bench/account_export.py [--drafts 100] [--designs 100] [--views 1]
                                             [--kb 200] [--applications 1000] [--keep]

Builds, in a database of its own on DATABASE_URL's PostgreSQL server (default 127.0.0.1:5432,
user postgres), `hague_bench_export_<random>` (dropped at the end unless `--keep`):

- a large account: an applicant with `--drafts` drafts of `--designs` designs, `--views`
  reproductions each (100 x 100 x 1: 10,000 files) of `--kb` KB, an Annex I per draft, and
  `--applications` filed applications with a notification each;
- a small account: one draft of one design.

The reproductions are hard links to one file of random bytes under a scratch MEDIA_ROOT (10,000
files of 200 KB would take 2 GB of disk): the archive still reads, checks (CRC-32) and copies
every byte, but from the page cache, so the time is the portal's own cost, not the disk's.

Then GET /account/data/ through django.test.Client (the whole middleware and view stack, DEBUG
off), the streamed chunks counted and dropped as a client would save them, for each account:
prints the time, MB/s, the archive's size and entries, queries, the largest chunk, the peak of
Python's own allocations (tracemalloc) and the process's resident memory (sampled every 20 ms)
above what it was before the download. The target: memory flat, the same for both accounts
(no file, nor the archive, held whole). `--verify` reads the large archive back (testzip).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import counted  # noqa: E402

BATCH = 2_000
MB = 1024 * 1024


# --- data ----------------------------------------------------------------------------------------


def build(args) -> dict:
    from hague_portal.accounts.models import User

    started = time.perf_counter()
    large = User.objects.create_user("large@bench.test", None, full_name="Large Account")
    small = User.objects.create_user("small@bench.test", None, full_name="Small Account")
    image = _stored_once(args.kb * 1024)
    _drafts(large, args.drafts, args.designs, args.views, image)
    _drafts(small, 1, 1, 1, image)
    _applications(large, args.applications)
    took = time.perf_counter() - started
    print(f"built the accounts in {took:.0f} s")
    return {"small": small, "large": large}


def _stored_once(size: int) -> tuple[str, str, int]:
    """One file of random bytes in MEDIA_ROOT; (its path, SHA-256, size)."""
    from django.conf import settings

    content = os.urandom(size)
    path = Path(settings.MEDIA_ROOT, "bench-source.jpg")
    path.write_bytes(content)
    return str(path), hashlib.sha256(content).hexdigest(), size


def _link(source: str, name: str) -> str:
    from django.conf import settings

    target = Path(settings.MEDIA_ROOT, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.link(source, target)
    return name


def _drafts(user, drafts: int, designs: int, views: int, image) -> None:
    from hague_portal.filings.models import Attachment, Draft, Reproduction

    source, sha256, size = image
    document = {
        "reference": "BENCH",
        "designs": [
            {"number": n, "product": f"chair {n}", "locarno": "06-01"}
            for n in range(1, designs + 1)
        ],
    }
    rows = Draft.objects.bulk_create(
        Draft(
            id=uuid.uuid4(), created_by=user, updated_by=user, title=f"Bench {i}", document=document
        )
        for i in range(drafts)
    )
    reproductions = [
        Reproduction(
            draft=draft,
            design_number=d,
            position=v,
            file=_link(source, f"drafts/{draft.pk}/reproductions/{d}-{v}.jpg"),
            extension="jpg",
            original_name=f"{d}-{v}.jpg",
            sha256=sha256,
            width_px=2000,
            height_px=2000,
            dpi=300,
            mode="RGB",
            size_bytes=size,
        )
        for draft in rows
        for d in range(1, designs + 1)
        for v in range(1, views + 1)
    ]
    Reproduction.objects.bulk_create(reproductions, batch_size=BATCH)
    Attachment.objects.bulk_create(
        Attachment(
            draft=draft,
            kind=Attachment.Kind.ANNEX_I,
            file=_link(source, f"drafts/{draft.pk}/attachments/annex.pdf"),
            original_name="annex.pdf",
            sha256=sha256,
            size_bytes=size,
        )
        for draft in rows
    )


def _applications(user, count: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from hague_portal.filings.models import Draft, DraftStatus
    from hague_portal.notifications.models import Notification, NotificationKind, Recipient
    from hague_portal.submissions.models import Submission

    now = timezone.now()
    drafts = Draft.objects.bulk_create(
        Draft(id=uuid.uuid4(), created_by=user, status=DraftStatus.SUBMITTED, submitted_at=now)
        for _ in range(count)
    )
    filed = Submission.objects.bulk_create(
        Submission(
            number=f"WIPO{i + 1:06d}",
            draft=draft,
            created_by=user,
            received_at=now - timedelta(minutes=count - i),
            document={},
            document_sha256="0" * 64,
            fees={},
            fees_sha256="0" * 64,
            fees_total=0,
            correspondence_email=user.email,
        )
        for i, draft in enumerate(drafts)
    )
    notices = Notification.objects.bulk_create(
        Notification(
            submission=s,
            kind=NotificationKind.REMINDER,
            title="Time limit reminder",
            body="Reminder: one month is left to correct the irregularities.",
            created_at=now,
        )
        for s in filed
    )
    Recipient.objects.bulk_create(
        Recipient(notification=n, user=user, created_at=n.created_at) for n in notices
    )


# --- measuring -----------------------------------------------------------------------------------


class ResidentPeak:
    """The process's resident memory (VmRSS), sampled every 20 ms while the download runs."""

    def __init__(self):
        self.before = self.peak = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def download(user, *, keep_to: Path | None = None) -> dict:
    """Two downloads: timed with the resident memory sampled, then with tracemalloc (which
    slows allocations) for the peak of Python's own."""
    figures = {"bytes": 0, "chunks": 0, "largest": 0}
    call = _downloader(user, figures, keep_to)
    with ResidentPeak() as resident:
        started = time.perf_counter()
        figures["queries"] = counted(call)
        figures["seconds"] = time.perf_counter() - started
    figures["rss_before"], figures["rss_peak"] = resident.before, resident.peak
    tracemalloc.start()
    _downloader(user, {"bytes": 0, "chunks": 0, "largest": 0}, None)()
    figures["traced_peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return figures


def _downloader(user, figures: dict, keep_to: Path | None):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)

    def call():
        response = client.get(reverse("privacy:export"))
        if response.status_code != 200:
            sys.exit(f"GET /account/data/: HTTP {response.status_code}")
        out = keep_to.open("wb") if keep_to else None
        for chunk in response.streaming_content:
            figures["bytes"] += len(chunk)
            figures["chunks"] += 1
            figures["largest"] = max(figures["largest"], len(chunk))
            if out:
                out.write(chunk)
        if out:
            out.close()

    return call


def report(label: str, user, figures: dict) -> None:
    from hague_portal.filings.models import Reproduction

    files = Reproduction.objects.filter(draft__created_by=user).count()
    seconds = figures["seconds"]
    print(
        f"{label:<6} {files:>6,} reproductions  {figures['bytes'] / MB:8.1f} MB in {seconds:6.2f} s"
        f" ({figures['bytes'] / MB / seconds:6.1f} MB/s), {figures['queries']:5,} queries,"
        f" largest chunk {figures['largest'] / MB:.2f} MB"
    )
    print(
        f"{'':<6} memory: Python allocations peak {figures['traced_peak'] / MB:6.1f} MB;"
        f" resident {figures['rss_before'] / MB:6.1f} MB before, peak +"
        f"{(figures['rss_peak'] - figures['rss_before']) / MB:.1f} MB during the download"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--designs", type=int, default=100)
    parser.add_argument("--views", type=int, default=1)
    parser.add_argument("--kb", type=int, default=200, help="size of each reproduction")
    parser.add_argument("--applications", type=int, default=1_000)
    parser.add_argument("--verify", action="store_true", help="read the large archive back")
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args()
    with scratch_database("export", keep=args.keep) as database:
        setup_django(database.url, media_root=tempfile.mkdtemp(prefix="hp-bench-export-"))
        measure(args)


def measure(args) -> None:
    from django.conf import settings

    scratch = Path(tempfile.mkdtemp(prefix="hp-bench-export-zip-"))
    try:
        users = build(args)
        _downloader(users["small"], {"bytes": 0, "chunks": 0, "largest": 0}, None)()  # warm
        report("small", users["small"], download(users["small"]))
        kept = scratch / "large.zip" if args.verify else None
        report("large", users["large"], download(users["large"], keep_to=kept))
        if kept:
            with zipfile.ZipFile(kept) as archive:
                bad = archive.testzip()
                print(
                    f"large archive: {len(archive.namelist()):,} entries, {'CRC error in ' + bad if bad else 'every CRC checks out'}"
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
