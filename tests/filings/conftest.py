"""Fixtures of the filing wizard: reference data, drafts of the personas, a complete document."""

from io import StringIO

import pytest
from django.core.management import call_command

from hague_portal.filings.services import draft_create, draft_save_step


@pytest.fixture
def reference(db):
    call_command("reference_import", stdout=StringIO())


@pytest.fixture
def alice_draft(alice, reference):
    return draft_create(user=alice)


@pytest.fixture
def bob_draft(bob, acme, reference):
    return draft_create(user=bob, client=acme)


def complete_document(designs: int = 1) -> dict:
    """Every section answered for a Swiss applicant designating the EU and Switzerland."""
    return {
        "applicants": [
            {
                "name": "ACME Design GmbH",
                "kind": "legal",
                "email": "ip@acme.test",
                "address": {
                    "street": "Bahnhofstrasse 1",
                    "city": "Zurich",
                    "postcode": "8001",
                    "country": "CH",
                },
                "legal_nature": "GmbH, Switzerland",
            }
        ],
        "correspondence_email": None,
        "entitlement": {
            "establishment": ["CH"],
            "domicile": [],
            "nationality": [],
            "habitual_residence": [],
        },
        "applicant_contracting_party": "CH",
        "representative": None,
        "designations": ["EM", "CH"],
        "designs": [
            {"number": n, "product": f"chair {n}", "locarno": "06-01"}
            for n in range(1, designs + 1)
        ],
        "description": None,
        "creators": [],
        "priorities": [],
        "exhibition": None,
        "publication": {"mode": "standard", "months": None},
        "payment": {"method": "card"},
        "signatory": {"name": "/Alice Applicant/", "capacity": "applicant"},
    }


def fill(draft, user, designs: int = 1, **overrides):
    """Save a complete document in one step (as if every page had been saved)."""
    data = {**complete_document(designs), **overrides}
    return draft_save_step(
        draft=draft, user=user, step="applicants", seen_version=draft.version, data=data
    )
