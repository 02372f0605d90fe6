"""Benchmark: fees + every formality check for the largest application, in-process.

A 100-design, 500-reproduction application designating every Contracting Party, evaluated by the
pure rules core exactly as the wizard, the worker and the API call it. Target: median under 5 ms.
Run: .venv/bin/python bench/rules_core.py [rounds]
"""

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hague_portal.hague.checks import run_checks  # noqa: E402
from hague_portal.hague.document import parse_application  # noqa: E402
from hague_portal.hague.fees import calculate_fees  # noqa: E402
from hague_portal.hague.reference import load_reference_dir  # noqa: E402

FILING_DATE = date(2026, 11, 20)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reference"


def largest_document(ref) -> dict:
    designs = [
        {
            "number": n,
            "product": f"chair variant {n}",
            "locarno": "06-01",
            "reproductions": [
                {"number": f"{n}.{v}", "legend_code": "1", "legend_text": None} for v in range(1, 6)
            ],
        }
        for n in range(1, 101)
    ]
    return {
        "schema": "hague-portal/application@1",
        "filing_date": FILING_DATE.isoformat(),
        "applicants": [
            {
                "name": "ACME Design GmbH",
                "kind": "legal",
                "email": "ip@acme.example",
                "address": {
                    "street": "Hauptstr. 1",
                    "city": "Berlin",
                    "postcode": "10115",
                    "country": "DE",
                },
            }
        ],
        "entitlement": {
            "establishment": ["DE", "EM"],
            "domicile": ["DE", "EM"],
            "nationality": ["DE"],
        },
        "applicant_contracting_party": "EM",
        "designations": [party.code for party in ref.parties()],
        "designs": designs,
        "description": " ".join(["word"] * 180),
        "creators": [{"name": "Jane Doe", "address": {"country": "DE"}, "designs": []}],
        "claim": "The ornamental design for a chair as shown and described.",
        "priorities": [
            {"office": "DE", "number": "402026000123", "date": "2026-06-01", "designs": []}
        ],
        "publication": {"mode": "deferred", "months": 12},
        "fee_reductions": {"US": "micro"},
        "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
    }


def timed(fn, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"{name:<28} median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms   min {ordered[0]:7.3f} ms"
    )


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    ref = load_reference_dir(FIXTURES)
    data = largest_document(ref)
    app = parse_application(data, ref)
    findings = run_checks(app, ref, on=FILING_DATE)
    fees = calculate_fees(app, ref, on=FILING_DATE)
    print(
        f"application: {len(app.designs)} designs, "
        f"{sum(len(d.reproductions) for d in app.designs)} reproductions, "
        f"{len(app.designations)} designations; {len(findings)} findings, {len(fees.lines)} fee lines, "
        f"{fees.total_due_at_filing} CHF due at filing"
    )
    timed(
        lambda: (run_checks(app, ref, on=FILING_DATE), calculate_fees(app, ref, on=FILING_DATE)), 20
    )
    both = timed(
        lambda: (run_checks(app, ref, on=FILING_DATE), calculate_fees(app, ref, on=FILING_DATE)),
        rounds,
    )
    report("fees + all checks", both)
    report("  checks only", timed(lambda: run_checks(app, ref, on=FILING_DATE), rounds))
    report("  fees only", timed(lambda: calculate_fees(app, ref, on=FILING_DATE), rounds))
    report(
        "parse document (not in target)", timed(lambda: parse_application(data, ref), rounds // 3)
    )
    median = statistics.median(both)
    print(
        f"target: median of fees + all checks < 5 ms -> {'met' if median < 5 else 'NOT met'} ({median:.3f} ms)"
    )


if __name__ == "__main__":
    main()
