"""The example application document shown in the API docs (two designs, EU and Switzerland)."""

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

EXAMPLE_ERRORS = {
    "errors": [
        {"path": "designs[1].locarno", "message": 'unknown class "33"'},
        {"path": "designations[0]", "message": 'unknown Contracting Party "ZZ"'},
    ]
}
