"""Benchmark: fees + every formality check for the largest application, in-process.

A 100-design, 500-reproduction application designating every Contracting Party, evaluated by the
pure rules core exactly as the wizard, the worker and the API call it. Each call is timed with
perf_counter (wall) and process_time (CPU). Target: median under 5 ms, judged on the median CPU
time scaled to the reference machine by the CPU floor measured in the run (support/figures.py:
a 3-million-step Python loop, sampled every 0.5 s between the calls, their median); the wall
figures are printed beside it. No database.
Run: .venv/bin/python bench/rules_core.py [rounds]
"""

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.figures import Floor, Summary, Target, timed  # noqa: E402

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


def measure(name: str, fn, rounds: int, floor: Floor) -> Summary:
    costs = []
    for _ in range(rounds):
        costs.append(timed(fn, database=False)[0])
        floor.tick()
    summary = Summary.of(costs)
    fastest = min(c.wall for c in costs)
    print(
        f"{name:<31} median {summary.wall_p50:7.3f} ms   p95 {summary.wall_p95:7.3f} ms   "
        f"min {fastest:7.3f} ms   CPU median {summary.cpu_p50:7.3f} ms"
    )
    return summary


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
    floor = Floor(every=0.5)  # the parts take a few seconds: samples more often

    def both():
        return run_checks(app, ref, on=FILING_DATE), calculate_fees(app, ref, on=FILING_DATE)

    for _ in range(20):
        both()  # warm-up
    target = Target(5.0, statistic="median")
    target.add("fees + all checks", measure("fees + all checks", both, rounds, floor))
    measure("  checks only", lambda: run_checks(app, ref, on=FILING_DATE), rounds, floor)
    measure("  fees only", lambda: calculate_fees(app, ref, on=FILING_DATE), rounds, floor)
    measure(
        "parse document (not in target)",
        lambda: parse_application(data, ref),
        max(rounds // 3, 1),
        floor,
    )
    print(floor.describe())
    target.judge(floor, "median of fees + all checks")


if __name__ == "__main__":
    main()
