"""The example documents shown in the API docs. Each one validates against the published schema
and parses with the document parser (tests/api/test_schema_and_docs.py)."""

EXAMPLE_APPLICATION = {
    "schema": "hague-portal/application@1",
    "filing_date": "2025-09-01",
    "applicants": [
        {
            "name": "ACME Design GmbH",
            "kind": "legal",
            "email": "designs@acme.example",
            "address": {
                "street": "Seestrasse 1",
                "city": "Zürich",
                "postcode": "8002",
                "country": "CH",
            },
        }
    ],
    "entitlement": {"establishment": ["CH"]},
    "applicant_contracting_party": "CH",
    "designations": ["EM", "CH"],
    "designs": [
        {
            "number": 1,
            "product": "Chair",
            "locarno": "06-01",
            "reproductions": [{"number": "1.1", "legend_code": "1"}, {"number": "1.2"}],
        },
        {"number": 2, "product": "Table", "locarno": "06", "reproductions": [{"number": "2.1"}]},
    ],
    "publication": {"mode": "standard"},
    "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
}

# Every part of the document: creators (item 11), the US claim (item 12), a priority claim
# (item 13) supported by Annex V (`priority` is the claim's index), an exhibition (item 14), a
# novelty exception for Japan (item 15, Annex II), a related design (item 16), the US oath of the
# creator (Annex I) and the small-entity fee (item 18).
EXAMPLE_FULL_APPLICATION = {
    "schema": "hague-portal/application@1",
    "reference": "ACME-2025-07",
    "filing_date": "2025-09-01",
    "applicants": [
        {
            "name": "Jane Doe",
            "kind": "natural",
            "email": "jane@acme.example",
            "address": {
                "street": "Seestrasse 1",
                "city": "Zürich",
                "postcode": "8002",
                "country": "CH",
            },
            "phone": "+41 44 000 00 00",
        }
    ],
    "entitlement": {"establishment": ["CH"], "nationality": ["CH"]},
    "applicant_contracting_party": "CH",
    "correspondence_email": "designs@acme.example",
    "representative": {
        "name": "Muster & Partner AG",
        "address": {
            "street": "Bahnhofstrasse 2",
            "city": "Zürich",
            "postcode": "8001",
            "country": "CH",
        },
        "email": "hague@muster.example",
    },
    "designations": ["EM", "JP", "US"],
    "designs": [
        {
            "number": 1,
            "product": "Chair",
            "locarno": "06-01",
            "reproductions": [
                {"number": "1.1", "legend_code": "1"},
                {"number": "1.2", "legend_code": "2"},
            ],
        },
        {"number": 2, "product": "Chair", "reproductions": [{"number": "2.1", "legend_code": "1"}]},
    ],
    "description": "Chairs with a curved back.",
    "creators": [
        {
            "name": "Jane Doe",
            "address": {
                "street": "Seestrasse 1",
                "city": "Zürich",
                "postcode": "8002",
                "country": "CH",
            },
        }
    ],
    "claim": "The ornamental design for a chair as shown and described.",
    "priorities": [
        {"office": "CH", "number": "CH 2025-0412", "date": "2025-04-15", "designs": [1, 2]}
    ],
    "exhibition": {
        "name": "Salone del Mobile",
        "place": "Milan",
        "date": "2025-04-08",
        "designs": [1],
    },
    "novelty_exception": {
        "designs": [1],
        "parties": ["JP"],
        "disclosure_date": "2025-04-08",
        "explanation": "Displayed at the Salone del Mobile, Milan.",
    },
    "main_design": {"related": [{"design": 2, "principal": 1}]},
    "publication": {"mode": "standard"},
    "fee_reductions": {"US": "small"},
    "annexes": {
        "I": [{"kind": "declaration", "creator": "Jane Doe", "signatory": "/Jane Doe/"}],
        "II": [{"kind": "disclosure", "designs": [1], "parties": ["JP"]}],
        "V": [{"kind": "priority_document", "priority": 0}],
    },
    "signatory": {"name": "/Jane Doe/", "capacity": "applicant"},
}

EXAMPLE_ERRORS = {
    "errors": [
        {"path": "designs[1].locarno", "message": 'unknown class "33"'},
        {"path": "designations[0]", "message": 'unknown Contracting Party "ZZ"'},
    ]
}

# (title, document) as shown in the docs, in this order.
DOCUMENT_EXAMPLES = (
    ("Two designs, EU and Switzerland", EXAMPLE_APPLICATION),
    (
        "Every part: creators, priority with Annex V, items 14-18, Annexes I, II",
        EXAMPLE_FULL_APPLICATION,
    ),
)
