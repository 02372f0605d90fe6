"""Every part of a draft the wizard edits is edited through the token API (issue 19): set with a
PATCH, read back with a GET, shown by the wizard's step as sent, and a malformed value answers
400 at its path with nothing of the draft lost.

The wizard's steps (filings/steps/) and what each edits: applicants (item 1, and the
reference, item 4 and the language), entitlement (items 2 and 3), representative (item 5),
designations (item 7), designs (items 6 and 8), reproductions (item 10: tests/api/
test_v1_reproductions.py), description (9), creators (11), claim (12), priority (13),
exhibition (14), novelty exception (15), main design (16), publication (17), fee reductions
(18), annexes (uploaded files: test_v1_annexes.py), fees (the payment method) and
the review (item 19, the signature)."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from hague_portal.filings.context import WizardState
from hague_portal.filings.models import Draft
from hague_portal.filings.steps import STEPS_BY_KEY
from tests.submissions.conftest import document

from .v1_helpers import api_for, post_json

pytestmark = pytest.mark.django_db

GENEVA = {"street": "Rue du Rhône 1", "city": "Geneva", "postcode": "1204", "country": "CH"}


@dataclass(frozen=True)
class Part:
    key: str  # the document's top-level key
    value: object  # set through the API
    step: str  # the wizard step that edits it
    shown: object  # state -> what the step's form shows
    expected: object  # ... which must be this
    malformed: object
    path: str  # where the malformed value is refused


def form(step, state) -> dict:
    return {**STEPS_BY_KEY[step].initial(state)}


def rows(step, state) -> list[dict]:
    return STEPS_BY_KEY[step].rows_initial(state)


PARTS = [
    Part(
        "applicants",
        [
            {
                "name": "Zeta Design AG",
                "kind": "legal",
                "legal_nature": "company limited by shares, Switzerland",
                "email": "ip@zeta.example",
                "phone": "+41 22 000 00 00",
                "address": GENEVA,
            }
        ],
        "applicants",
        lambda s: {k: rows("applicants", s)[0][k] for k in ("name", "legal_nature", "city")},
        {
            "name": "Zeta Design AG",
            "legal_nature": "company limited by shares, Switzerland",
            "city": "Geneva",
        },
        [{"name": "Zeta", "kind": "company"}],
        "document.applicants[0].kind",
    ),
    Part(
        "correspondence_email",
        "ip@zeta.example",
        "applicants",
        lambda s: form("applicants", s)["correspondence_email"],
        "ip@zeta.example",
        42,
        "document.correspondence_email",
    ),
    Part(
        "reference",
        "ZETA-7",
        "applicants",
        lambda s: form("applicants", s)["reference"],
        "ZETA-7",
        ["ZETA"],
        "document.reference",
    ),
    Part(
        "language",
        "fr",
        "applicants",
        lambda s: form("applicants", s)["language"],
        "fr",
        "de",
        "document.language",
    ),
    Part(
        "entitlement",
        {"establishment": ["CH"], "nationality": ["CH"]},
        "entitlement",
        lambda s: (form("entitlement", s)["establishment"], form("entitlement", s)["nationality"]),
        (["CH"], ["CH"]),
        {"domicile": ["XX"]},
        "document.entitlement.domicile[0]",
    ),
    Part(
        "applicant_contracting_party",
        "FR",
        "entitlement",
        lambda s: form("entitlement", s)["applicant_contracting_party"],
        "FR",
        "F1",
        "document.applicant_contracting_party",
    ),
    Part(
        "representative",
        {"name": "Bureau Muster", "email": "office@muster.example", "address": GENEVA},
        "representative",
        lambda s: (form("representative", s)["name"], form("representative", s)["city"]),
        ("Bureau Muster", "Geneva"),
        {"name": "Bureau Muster", "fax": "1"},
        "document.representative.fax",
    ),
    Part(
        "designations",
        ["CH", "CN", "EM", "JP", "US"],
        "designations",
        lambda s: form("designations", s)["designations"],
        ["CH", "CN", "EM", "JP", "US"],
        ["CH", "ZZ"],
        "document.designations[1]",
    ),
    Part(
        "designs",
        [
            {"number": 1, "product": "armchair", "locarno": "06-01"},
            {"number": 2, "product": "footstool", "locarno": None},
        ],
        "designs",
        lambda s: [(r["product"], r["locarno"]) for r in rows("designs", s)],
        [("armchair", "06-01"), ("footstool", "")],
        [{"number": 1, "product": "armchair", "locarno": "99"}],
        "document.designs[0].locarno",
    ),
    Part(
        "description",
        "A chair with three legs.",
        "description",
        lambda s: form("description", s)["description"],
        "A chair with three legs.",
        5,
        "document.description",
    ),
    Part(
        "creators",
        [{"name": "Jane Doe", "designs": [2], "address": GENEVA}],
        "creators",
        lambda s: [(r["name"], r["designs"], r["city"]) for r in rows("creators", s)],
        [("Jane Doe", "2", "Geneva")],
        [{"name": "Jane Doe", "designs": [0]}],
        "document.creators[0].designs[0]",
    ),
    Part(
        "claim",
        "The ornamental design for a chair as shown and described",
        "claim",
        lambda s: form("claim", s)["claim"],
        "The ornamental design for a chair as shown and described",
        [],
        "document.claim",
    ),
    Part(
        "priorities",
        [{"office": "CH", "number": "CH 2026-001", "date": "2026-01-05", "designs": [1]}],
        "priority",
        lambda s: [
            (r["office"], r["number"], r["date"], r["designs"]) for r in rows("priority", s)
        ],
        [("CH", "CH 2026-001", "2026-01-05", "1")],
        [{"office": "CH", "number": "1", "date": "2026-13-01"}],
        "document.priorities[0].date",
    ),
    Part(
        "exhibition",
        {"name": "Salone del Mobile", "place": "Milan", "date": "2026-04-01", "designs": [1]},
        "exhibition",
        lambda s: {k: form("exhibition", s)[k] for k in ("shown", "name", "place", "designs")},
        {"shown": True, "name": "Salone del Mobile", "place": "Milan", "designs": "1"},
        {"name": "Salone del Mobile", "date": "2026-04-01"},
        "document.exhibition.place",
    ),
    Part(
        "novelty_exception",
        {"parties": ["JP"], "designs": [1], "disclosure_date": "2026-01-02", "explanation": "Fair"},
        "novelty",
        lambda s: {k: form("novelty", s)[k] for k in ("claimed", "parties", "explanation")},
        {"claimed": True, "parties": ["JP"], "explanation": "Fair"},
        {"parties": ["J"]},
        "document.novelty_exception.parties[0]",
    ),
    Part(
        "main_design",
        {"main": 1, "related": [{"design": 2, "principal": 1}]},
        "main-design",
        lambda s: form("main-design", s),
        {"main": 1, "related": "2:1"},
        {"main": 0},
        "document.main_design.main",
    ),
    Part(
        "publication",
        {"mode": "deferred", "months": 12},
        "publication",
        lambda s: form("publication", s),
        {"mode": "deferred", "months": 12},
        {"mode": "later"},
        "document.publication.mode",
    ),
    Part(
        "fee_reductions",
        {"US": "small", "IL": True},
        "fee-reductions",
        lambda s: form("fee-reductions", s),
        {"US": "small", "IL": "reduced"},
        {"US": "tiny"},
        "document.fee_reductions.US",
    ),
    Part(
        "payment",
        {"method": "bank_transfer"},
        "fees",
        lambda s: form("fees", s)["method"],
        "bank_transfer",
        {"method": "bitcoin"},
        "document.payment.method",
    ),
    Part(
        "signatory",
        {"name": "/Bureau Muster/", "capacity": "representative"},
        "review",
        lambda s: form("review", s),
        {"name": "/Bureau Muster/", "capacity": "representative"},
        {"name": "/Bureau Muster/", "capacity": "agent"},
        "document.signatory.capacity",
    ),
]


@pytest.fixture
def draft(alice):
    api = api_for(alice)
    doc = document(designs=2, designations=("CH", "CN", "EM", "JP", "US"))
    created = post_json(api, "/api/v1/drafts/", {"document": doc})
    assert created.status_code == 201, created.json()
    return api, created.json()["id"]


def read(api, draft_id) -> dict:
    return api.get(f"/api/v1/drafts/{draft_id}/").json()


def patch(api, draft_id, key, value):
    body = {"version": read(api, draft_id)["version"], "document": {key: value}}
    return api.patch(f"/api/v1/drafts/{draft_id}/", body, format="json")


def as_read(key, value):
    """The value as a GET shows it: designs with their (here no) reproductions."""
    if key == "designs":
        return [{**design, "reproductions": []} for design in value]
    return value


def test_the_table_names_every_part_a_wizard_step_edits():
    edited = {key for step in STEPS_BY_KEY.values() for key in step.owns}
    # annexes are files (test_v1_annexes.py); reproductions too (designs[i]).
    assert edited - {"annexes"} == {part.key for part in PARTS}


@pytest.mark.parametrize("part", PARTS, ids=[part.key for part in PARTS])
def test_a_part_set_through_the_api_is_read_back_and_shown_by_the_wizard(
    part, draft, alice, client
):
    api, draft_id = draft
    response = patch(api, draft_id, part.key, part.value)
    assert response.status_code == 200, response.json()
    assert read(api, draft_id)["document"][part.key] == as_read(part.key, part.value)
    state = WizardState.load(Draft.objects.get(pk=draft_id))
    assert part.shown(state) == part.expected
    client.force_login(alice)
    assert client.get(reverse("filings:step", args=[draft_id, part.step])).status_code == 200


@pytest.mark.parametrize("part", PARTS, ids=[part.key for part in PARTS])
def test_a_malformed_part_answers_400_at_its_path_and_the_draft_is_kept(part, draft):
    api, draft_id = draft
    assert patch(api, draft_id, part.key, part.value).status_code == 200
    before = read(api, draft_id)
    response = patch(api, draft_id, part.key, part.malformed)
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == [part.path]
    assert read(api, draft_id) == before
