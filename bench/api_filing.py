"""Filing through the token API: create a draft, upload 5 reproductions, submit; server time.

    .venv/bin/python bench/api_filing.py [--rounds N]

Each round is what a docketing system does for one application: POST /api/v1/drafts/ with the
document (1 design, CH and EM), POST …/reproductions/ with five 300-dpi JPEGs in one multipart
request (each checked as the wizard checks it: decoded, dpi, size, SHA-256 duplicates, stored
with a thumbnail), then POST …/submit/ with an Idempotency-Key. Requests go through
rest_framework.test.APIClient with a real Bearer token: the full middleware, authentication,
view and service stack in-process, timed with perf_counter. The submission pipeline's jobs are
not sent to a broker (bench/submission_pipeline.py times them). Prints median and p95 of each
step and of the whole filing.

Database: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/hague_bench (created if missing,
left in place). Files go to a temporary MEDIA_ROOT removed at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from wizard_steps import ensure_database, setup_django  # noqa: E402

BENCH_EMAIL = "bench-api@example.test"
VIEWS = 5


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def jpegs(count: int) -> list[bytes]:
    from io import BytesIO

    from PIL import Image, ImageDraw

    out = []
    for seed in range(count):
        image = Image.new("RGB", (1200, 1200), (seed * 40 % 256, 90, 160))
        ImageDraw.Draw(image).text((40, 40), f"view {seed}", fill=(255, 255, 255))
        buffer = BytesIO()
        image.save(buffer, "JPEG", dpi=(300, 300), quality=90)
        out.append(buffer.getvalue())
    return out


def document() -> dict:
    from hague_portal.hague.document import SCHEMA

    paris = {"street": "1 rue de la Paix", "city": "Paris", "postcode": "75002", "country": "FR"}
    return {
        "schema": SCHEMA,
        "reference": "BENCH-API",
        "applicants": [
            {
                "name": "Atelier Doe SARL",
                "kind": "legal",
                "email": "j@doe.example",
                "address": paris,
            }
        ],
        "entitlement": {"establishment": ["FR", "EM"]},
        "applicant_contracting_party": "EM",
        "designations": ["CH", "EM"],
        "designs": [{"number": 1, "product": "chair", "locarno": "06-01"}],
        "creators": [{"name": "Jane Doe", "address": paris}],
        "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
    }


def client_for_bench_user():
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    from hague_portal.accounts.models import User
    from hague_portal.api.tokens import token_create

    setup_test_environment()  # "testserver" in ALLOWED_HOSTS
    user, _ = User.objects.get_or_create(email=BENCH_EMAIL, defaults={"full_name": "Bench API"})
    _, token = token_create(
        user=user, name="bench", scopes=["read", "draft", "submit"], expires_in_days=1
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def file_once(api, images: list[bytes], n: int) -> dict[str, float]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    times = {}
    start = time.perf_counter()
    body = json.dumps({"document": document()})
    created = api.post("/api/v1/drafts/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    draft = created.json()
    times["create"] = time.perf_counter() - start

    start = time.perf_counter()
    files = [SimpleUploadedFile(f"v{i}.jpg", data, "image/jpeg") for i, data in enumerate(images)]
    url = f"/api/v1/drafts/{draft['id']}/reproductions/"
    uploaded = api.post(url, {"design_number": 1, "files": files})
    assert uploaded.status_code == 201, uploaded.content
    times["upload 5"] = time.perf_counter() - start

    start = time.perf_counter()
    url = f"/api/v1/drafts/{draft['id']}/submit/"
    body = json.dumps({"version": draft["version"]})
    filed = api.post(
        url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"bench-{n}-{time.time()}"
    )
    assert filed.status_code == 201, filed.content
    times["submit"] = time.perf_counter() - start
    times["whole filing"] = sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    ensure_database()
    media = tempfile.mkdtemp(prefix="bench-api-")
    try:
        setup_django(media)
        from hague_portal.submissions import tasks

        tasks.job_run_task.apply_async = lambda *a, **k: None  # the pipeline: not timed here
        api = client_for_bench_user()
        images = jpegs(VIEWS * args.rounds + VIEWS)
        file_once(api, images[:VIEWS], -1)  # warm-up
        rounds = [
            file_once(api, images[VIEWS * (i + 1) : VIEWS * (i + 2)], i) for i in range(args.rounds)
        ]
    finally:
        shutil.rmtree(media, ignore_errors=True)
    print(f"{args.rounds} filings through the API (1 design, {VIEWS} reproductions 1200x1200):")
    print(f"{'step':<14} {'median ms':>10} {'p95 ms':>10}")
    for step in rounds[0]:
        values = [r[step] * 1000 for r in rounds]
        print(f"{step:<14} {statistics.median(values):>10.1f} {quantile(values, 0.95):>10.1f}")


if __name__ == "__main__":
    main()
