"""Wizard step server time on PostgreSQL: GET and POST of every step, 1 vs 100 designs.

    .venv/bin/python bench/wizard_steps.py [--rounds N] [--no-freeze] [--keep]

A draft of 100 designs (product + Locarno 06-01 each) with 500 reproductions, designating
EM, CH, US, JP and CN (so that the claim, creators, main-design, fee-reduction and annex steps
apply), is opened and saved through django.test.Client: the full middleware, view and template
stack in-process, timed with perf_counter (wall) and with CPU time (the process's and its
PostgreSQL backend's) around each request. Each POST sends back the form as rendered by the GET
just before it (with its seen_version), so every save succeeds (302). Query counts are taken on
a warm request for a 1-design draft and for the 100-design one.

Target: p95 under 100 ms for every step (issue 11), GET and POST, judged on the p95 CPU time scaled
to the reference machine by the CPU floor measured in the run (support/figures.py: a 3-million-step
Python loop, sampled every 2 s between the requests, their median): CPU x (0.17 s / floor now). The
wall p50/p95 stay in the table (what a user waits on this machine, others' load included).

Garbage collection: after start-up and warm-up the bench calls gc.freeze(), as a gunicorn
worker does once the application is loaded (gunicorn.conf.py), so that the long-lived objects
(modules, templates, the reference snapshot) are not traversed by every full collection; pass
--no-freeze to compare. Every collection that runs inside a timed request is counted (gc.callbacks):
the number per generation and the longest pause are printed.

Database: a scratch database of its own on DATABASE_URL's server (default 127.0.0.1:5432, user
postgres), `hague_bench_wizard_steps_<random>`, migrated with the reference data loaded, dropped at
the end (`--keep` leaves it and prints its name). Runs with DEBUG off, as in production (queries
are counted by a database execute wrapper). The cache is the one the settings choose (Redis if
REDIS_URL is set).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import sys
import tempfile
import time
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from support.database import scratch_database, setup_django  # noqa: E402
from support.figures import Floor, Summary, Target, counted  # noqa: E402

TARGET_MS = 100.0
DESIGNATIONS = ["EM", "CH", "US", "JP", "CN"]
VIEWS_PER_DESIGN = 5
BENCH_EMAIL = "bench-wizard@example.test"
SLOW_MS, SLOW_ROUNDS = 1000.0, 5  # a page slower than 1 s is timed over 5 rounds only


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


def timed(request):
    """(Cost, response): wall and CPU ms, collections inside counted."""
    from support import figures

    GC_PAUSES.active = True
    try:
        return figures.timed(request)
    finally:
        GC_PAUSES.active = False


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

    def round(self, client, draft):
        """GET, then POST what the GET rendered; (GET Cost, POST Cost or None)."""
        get, response = timed(lambda: client.get(self.url(draft)))
        expect(response, 200, f"GET {self.name}")
        self.size_kb = len(response.content) / 1024
        if not self.saves:
            return get, None
        data = step_form_data(response.content.decode())
        post, response = timed(lambda: client.post(self.url(draft), data))
        expect(response, 302, f"POST {self.name}")
        return get, post

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
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args()
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="hague-bench-media-") as media_root,
        scratch_database("wizard_steps", keep=args.keep) as database,
    ):
        setup_django(database.url, media_root=media_root, reference=True)
        run(args.rounds, media_root, freeze=not args.no_freeze)
    print(f"(ran in {time.perf_counter() - started:.0f} s)")


def run(rounds: int, media_root: str, *, freeze: bool) -> bool:
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
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (others' load inflates wall)")

    counts_small = {p.name: p.queries(client, small) for p in pages}
    counts_big = {p.name: p.queries(client, big) for p in pages}
    if freeze:  # start-up done and every page warm: as a gunicorn worker after loading
        gc.collect()
        gc.freeze()
    print(f"gc.freeze(): {'yes' if freeze else 'no'} ({gc.get_freeze_count()} objects frozen)")
    floor = Floor()
    header = (
        f"{'page':<16}{'GET p50':>9}{'GET p95':>9}{'POST p50':>10}{'POST p95':>10}"
        f"{'CPU p95 GET':>12}{'POST':>7}{'GET KB':>8}   {'queries GET 1/100':>18}{'POST 1/100':>12}"
    )
    print(header)
    print("-" * len(header))
    target, worst_form, grown, shortened = Target(TARGET_MS), ("", 0.0), [], []
    for page in pages:
        warm = [page.round(client, big) for _ in range(2)]  # warm-up, not counted
        page_rounds = rounds
        slowest = max(warm[-1][0].wall, warm[-1][1].wall if warm[-1][1] else 0.0)
        if slowest > SLOW_MS and rounds > SLOW_ROUNDS:
            page_rounds = SLOW_ROUNDS
            shortened.append(page.name)
        samples = []
        for _ in range(page_rounds):
            samples.append(page.round(client, big))
            floor.tick()
        get = target.add(f"GET {page.name}", Summary.of([g for g, _ in samples]))
        posts = [p for _, p in samples if p is not None]
        post = target.add(f"POST {page.name}", Summary.of(posts)) if posts else None
        if page.saves:
            for value in (get.wall_p95, post.wall_p95):
                if value > worst_form[1]:
                    worst_form = (page.name, value)
        (g1, p1), (g100, p100) = counts_small[page.name], counts_big[page.name]
        if g100 > g1 or (p1 is not None and p100 > p1):
            grown.append(page.name)
        post_counts = "—" if p1 is None else f"{p1}/{p100}"
        print(
            f"{page.name:<16}{get.wall_p50:9.1f}{get.wall_p95:9.1f}"
            f"{fmt(post.wall_p50 if post else None, '10.1f'):>10}"
            f"{fmt(post.wall_p95 if post else None, '10.1f'):>10}"
            f"{get.cpu_p95:12.1f}{fmt(post.cpu_p95 if post else None, '7.1f'):>7}"
            f"{page.size_kb:8.0f}   {f'{g1}/{g100}':>18}{post_counts:>12}"
        )
    if shortened:
        print(f"over {SLOW_MS:.0f} ms, timed over {SLOW_ROUNDS} rounds: {', '.join(shortened)}")
    print(
        "queries per page, 1 vs 100 designs: "
        + ("no growth" if not grown else f"GROW on {', '.join(grown)}")
    )
    print(GC_PAUSES.summary())
    print(
        f"worst step with a form (steps/<key>/): {worst_form[0]}: {worst_form[1]:.1f} ms p95 wall"
    )
    print("CPU: this process's and its PostgreSQL backend's, ms")
    print(floor.describe())
    return target.judge(floor, "p95 of every step") and not grown


if __name__ == "__main__":
    main()
