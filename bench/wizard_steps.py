"""Wizard step server time on PostgreSQL: GET and POST of every step, 1 vs 100 designs.

    .venv/bin/python bench/wizard_steps.py [--rounds N]

A draft of 100 designs (product + Locarno 06-01 each) with 500 reproductions, designating
EM, CH, US, JP and CN (so that the claim, creators, main-design, fee-reduction and annex steps
apply), is opened and saved through django.test.Client: the full middleware, view and template
stack in-process, timed with perf_counter around each request. Each POST sends back the form as
rendered by the GET just before it (with its seen_version), so every save succeeds (302).
Query counts are taken on a warm request for a 1-design draft and for the 100-design one.
Target: p95 under 100 ms for every step (issue 11).

Garbage collection: after start-up and warm-up the bench calls gc.freeze(), as a gunicorn
worker does once the application is loaded (gunicorn.conf.py), so that the long-lived objects
(modules, templates, the reference snapshot) are not traversed by every full collection; pass
--no-freeze to compare. Every collection that runs inside a timed request is counted (gc.callbacks):
the number per generation and the longest pause are printed.

Database: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/hague_bench (created if missing).
The bench database is left in place (migrated, reference data loaded, the bench user's drafts
replaced on each run): drop it with `dropdb -h 127.0.0.1 -U postgres hague_bench`.
Runs with DEBUG off, as in production (queries are still counted: CaptureQueriesContext
forces the debug cursor). The cache is the one the settings choose (Redis if REDIS_URL is set).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hague_bench"
TARGET_MS = 100.0
DESIGNATIONS = ["EM", "CH", "US", "JP", "CN"]
VIEWS_PER_DESIGN = 5
BENCH_EMAIL = "bench-wizard@example.test"
SLOW_MS, SLOW_ROUNDS = 1000.0, 5  # a page slower than 1 s is timed over 5 rounds only


# --- database ----------------------------------------------------------------------------------


def ensure_database() -> str:
    """DATABASE_URL, or the default bench database, created if it does not exist."""
    url = os.environ.get("DATABASE_URL")
    if url:
        print(f"database: DATABASE_URL ({urlsplit(url)._replace(netloc='…').geturl()})")
        return url
    import psycopg
    from psycopg import sql

    parts = urlsplit(DEFAULT_DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = f"host={parts.hostname} port={parts.port} user={parts.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    state = "exists, reused" if exists else "created"
    print(f"database: DATABASE_URL unset, using {DEFAULT_DATABASE_URL} ({state}; left in place)")
    os.environ["DATABASE_URL"] = DEFAULT_DATABASE_URL
    return DEFAULT_DATABASE_URL


def setup_django(media_root: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hague_portal.settings"
    os.environ["MEDIA_ROOT"] = media_root
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("DATABASE_URL must point at PostgreSQL.")
    # Production renders without template debug information; set before any template loads.
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("reference_import", dir=str(ROOT / "fixtures" / "reference"), stdout=StringIO())


# --- the drafts ---------------------------------------------------------------------------------


def document(designs: int) -> dict:
    """Every section answered, for a US applicant designating EM, CH, US, JP and CN."""
    return {
        "applicants": [
            {
                "name": "ACME Design Inc.",
                "kind": "legal",
                "email": "ip@acme.test",
                "address": {
                    "street": "1 Main Street",
                    "city": "Boston",
                    "postcode": "02110",
                    "country": "US",
                },
                "legal_nature": "Corporation, Delaware",
            }
        ],
        "correspondence_email": None,
        "entitlement": {
            "establishment": [],
            "domicile": ["US"],
            "nationality": [],
            "habitual_residence": [],
        },
        "applicant_contracting_party": "US",
        "representative": None,
        "designations": DESIGNATIONS,
        "designs": [
            {"number": n, "product": f"chair variant {n}", "locarno": "06-01"}
            for n in range(1, designs + 1)
        ],
        "description": " ".join(["word"] * 80),
        "creators": [
            {
                "name": "Jane Doe",
                "address": {"street": "", "city": "Boston", "postcode": "", "country": "US"},
                "designs": [],
            }
        ],
        "claim": "The ornamental design for a chair as shown and described.",
        "priorities": [],
        "exhibition": None,
        "publication": {"mode": "standard", "months": None},
        "payment": {"method": "card"},
        "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
    }


def tiny_jpeg(media_root: str) -> str:
    """One small real JPEG under MEDIA_ROOT that every Reproduction row points at."""
    from PIL import Image

    relative = "bench/reproduction.jpg"
    path = Path(media_root) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    Image.new("RGB", (16, 16), (200, 200, 200)).save(buffer, "JPEG", dpi=(300, 300))
    path.write_bytes(buffer.getvalue())
    return relative


def bench_user():
    from hague_portal.accounts.models import User
    from hague_portal.filings.models import Draft

    user, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Bench User"})
    Draft.objects.filter(created_by=user).delete()  # last run's drafts (revisions cascade)
    return user


def make_draft(user, *, designs: int, per_design: int, file: str):
    from hague_portal.filings.models import Reproduction
    from hague_portal.filings.services import draft_create, draft_save_step

    draft = draft_create(user=user)
    draft = draft_save_step(
        draft=draft,
        user=user,
        step="applicants",
        seen_version=draft.version,
        data=document(designs),
    )
    Reproduction.objects.bulk_create(
        Reproduction(
            draft=draft,
            design_number=d,
            position=p,
            legend_code="",
            file=file,
            extension="jpg",
            original_name=f"{d}-{p}.jpg",
            sha256=hashlib.sha256(f"{draft.pk}/{d}/{p}".encode()).hexdigest(),
            width_px=1000,
            height_px=1000,
            dpi=300,
            mode="RGB",
            size_bytes=1,
        )
        for d in range(1, designs + 1)
        for p in range(1, per_design + 1)
    )
    return draft


# --- the form a page renders ---------------------------------------------------------------------


class StepFormParser(HTMLParser):
    """The fields of the <form> holding seen_version, as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._select = None  # (name, multiple, [(value, selected)])
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self._form.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self._select = (a["name"], "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
            self._select[2].append(self._option)
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser keeps the newline a browser drops right after <textarea>.
            self._form.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options = self._select
            values = [(o[0] if o[0] is not None else o[2].strip(), o[1]) for o in options]
            chosen = [v for v, selected in values if selected]
            if not chosen and not multiple and values:
                chosen = [values[0][0]]  # a single select submits its first option
            self._form.extend((name, v) for v in chosen)
            self._select = None


def step_form_data(html: str) -> dict[str, list[str]]:
    parser = StepFormParser()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == "seen_version" for name, _ in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            data["action"] = ["continue"]
            return data
    raise RuntimeError("no form with seen_version on the page")


# --- measuring -----------------------------------------------------------------------------------


class GCPauses:
    """Collections while `active` (inside a timed request): count per generation, pauses."""

    def __init__(self):
        self.active = False
        self.counts = [0, 0, 0]
        self.pauses: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase, info):
        if not self.active:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.counts[info["generation"]] += 1
            self.pauses.append((time.perf_counter() - self._started) * 1000)

    def summary(self) -> str:
        longest = max(self.pauses, default=0.0)
        total = sum(self.pauses)
        return (
            f"GC in timed requests: {sum(self.counts)} collections (gen0/1/2: "
            f"{'/'.join(map(str, self.counts))}), longest pause {longest:.1f} ms, "
            f"{total:.0f} ms in all"
        )


GC_PAUSES = GCPauses()


def timed(request) -> tuple[float, object]:
    GC_PAUSES.active = True
    start = time.perf_counter()
    try:
        response = request()
    finally:
        GC_PAUSES.active = False
    return (time.perf_counter() - start) * 1000, response


def counted(request) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        request()
    return len(ctx.captured_queries)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def expect(response, status: int, what: str) -> None:
    if response.status_code != status:
        body = response.content.decode(errors="replace")
        sys.exit(f"{what}: HTTP {response.status_code}, expected {status}\n{body[:3000]}")


class Page:
    """One wizard page: its URL and whether it has a step form that saves."""

    def __init__(self, name: str, url_name: str, *, saves: bool):
        self.name, self.url_name, self.saves = name, url_name, saves
        self.size_kb = 0.0  # of the last GET

    def url(self, draft) -> str:
        from django.urls import reverse

        args = [draft.id, self.name] if self.url_name == "filings:step" else [draft.id]
        return reverse(self.url_name, args=args)

    def round(self, client, draft) -> tuple[float, float | None]:
        """GET, then POST what the GET rendered; (GET ms, POST ms)."""
        get_ms, response = timed(lambda: client.get(self.url(draft)))
        expect(response, 200, f"GET {self.name}")
        self.size_kb = len(response.content) / 1024
        if not self.saves:
            return get_ms, None
        data = step_form_data(response.content.decode())
        post_ms, response = timed(lambda: client.post(self.url(draft), data))
        expect(response, 302, f"POST {self.name}")
        return get_ms, post_ms

    def queries(self, client, draft) -> tuple[int, int | None]:
        self.round(client, draft)  # warm: reference snapshot, template loaders
        get_n = counted(lambda: client.get(self.url(draft)))
        if not self.saves:
            return get_n, None
        data = step_form_data(client.get(self.url(draft)).content.decode())
        return get_n, counted(lambda: client.post(self.url(draft), data))


def pages_for(draft) -> list[Page]:
    from hague_portal.filings.context import WizardState

    pages = [Page("overview", "filings:overview", saves=False)]
    for step in WizardState.load(draft).steps:
        if step.url_name:  # served by another view (reproductions): its GET only
            pages.append(Page(step.key, step.url_name, saves=False))
        else:
            pages.append(Page(step.key, "filings:step", saves=True))
    pages.append(Page("panel", "filings:panel", saves=False))
    return pages


# --- report --------------------------------------------------------------------------------------


def fmt(value, spec: str = "7.1f") -> str:
    return "—".rjust(7) if value is None else format(value, spec)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds per step (20)")
    parser.add_argument("--no-freeze", action="store_true", help="leave out gc.freeze()")
    args = parser.parse_args()
    started = time.perf_counter()

    ensure_database()
    media_root = tempfile.mkdtemp(prefix="hague-bench-media-")
    try:
        setup_django(media_root)
        run(args.rounds, media_root, freeze=not args.no_freeze)
    finally:
        shutil.rmtree(media_root, ignore_errors=True)
    print(f"(ran in {time.perf_counter() - started:.0f} s)")


def run(rounds: int, media_root: str, *, freeze: bool) -> None:
    from django.conf import settings
    from django.test import Client

    file = tiny_jpeg(media_root)
    user = bench_user()
    small = make_draft(user, designs=1, per_design=1, file=file)
    big = make_draft(user, designs=100, per_design=VIEWS_PER_DESIGN, file=file)
    client = Client()
    client.force_login(user)
    pages = pages_for(big)
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"draft: 100 designs, {100 * VIEWS_PER_DESIGN} reproductions, designating "
        f"{', '.join(DESIGNATIONS)}; {rounds} rounds per page; DEBUG off; cache {cache}"
    )
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (others' load inflates p95)")

    counts_small = {p.name: p.queries(client, small) for p in pages}
    counts_big = {p.name: p.queries(client, big) for p in pages}
    if freeze:  # start-up done and every page warm: as a gunicorn worker after loading
        gc.collect()
        gc.freeze()
    print(f"gc.freeze(): {'yes' if freeze else 'no'} ({gc.get_freeze_count()} objects frozen)")
    header = (
        f"{'page':<16}{'GET p50':>9}{'GET p95':>9}{'POST p50':>10}{'POST p95':>10}"
        f"{'GET KB':>8}   {'queries GET 1/100':>18}{'POST 1/100':>12}"
    )
    print(header)
    print("-" * len(header))
    worst, worst_form, grown, shortened = ("", 0.0), ("", 0.0), [], []
    for page in pages:
        warm = [page.round(client, big) for _ in range(2)]  # warm-up, not counted
        page_rounds = rounds
        if max(warm[-1][0], warm[-1][1] or 0.0) > SLOW_MS and rounds > SLOW_ROUNDS:
            page_rounds = SLOW_ROUNDS
            shortened.append(page.name)
        samples = [page.round(client, big) for _ in range(page_rounds)]
        gets = [g for g, _ in samples]
        posts = [p for _, p in samples if p is not None]
        get_p95 = p95(gets)
        post_p95 = p95(posts) if posts else None
        for value in (get_p95, post_p95 or 0.0):
            if value > worst[1]:
                worst = (page.name, value)
            if page.saves and value > worst_form[1]:
                worst_form = (page.name, value)
        (g1, p1), (g100, p100) = counts_small[page.name], counts_big[page.name]
        if g100 > g1 or (p1 is not None and p100 > p1):
            grown.append(page.name)
        post_counts = "—" if p1 is None else f"{p1}/{p100}"
        print(
            f"{page.name:<16}{statistics.median(gets):9.1f}{get_p95:9.1f}"
            f"{fmt(statistics.median(posts) if posts else None, '10.1f'):>10}"
            f"{fmt(post_p95, '10.1f'):>10}{page.size_kb:8.0f}   {f'{g1}/{g100}':>18}{post_counts:>12}"
        )
    if shortened:
        print(f"over {SLOW_MS:.0f} ms, timed over {SLOW_ROUNDS} rounds: {', '.join(shortened)}")
    print(
        "queries per page, 1 vs 100 designs: "
        + ("no growth" if not grown else f"GROW on {', '.join(grown)}")
    )
    print(GC_PAUSES.summary())
    print(f"worst step with a form (steps/<key>/): {worst_form[0]}: {worst_form[1]:.1f} ms p95")
    met = "met" if worst[1] < TARGET_MS else "NOT met"
    print(f"target p95 < {TARGET_MS:.0f} ms: {met} (worst step {worst[0]}: {worst[1]:.1f} ms)")


if __name__ == "__main__":
    main()
