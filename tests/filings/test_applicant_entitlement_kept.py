"""Saving the Applicants step keeps what an applicant holds that the step does not edit: its own
entitlement (item 2 of a continuation sheet, set through the API or an import), which some
rules read per applicant (the LDC fee reduction). Issue 19: impossible to lose work in."""

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_save_step

from .helpers import APPLICANT, formset, post_step

OTHER = {**APPLICANT, "name": "Brown, Bea", "email": "bea@example.test"}
OWN = {"nationality": ["MA"], "establishment": [], "domicile": [], "habitual_residence": []}


def with_own_entitlement(draft, user):
    document = {
        "applicants": [
            {"name": APPLICANT["name"], "kind": "natural", "address": {"country": "CH"}},
            {
                "name": OTHER["name"],
                "kind": "natural",
                "address": {"country": "CH"},
                "entitlement": OWN,
            },
        ]
    }
    return draft_save_step(
        draft=draft, user=user, step="applicants", seen_version=draft.version, data=document
    )


def applicants(draft) -> list[dict]:
    return Draft.objects.get(pk=draft.pk).document["applicants"]


def test_saving_the_applicants_step_keeps_an_applicants_own_entitlement(client, alice, alice_draft):
    draft = with_own_entitlement(alice_draft, alice)
    client.force_login(alice)
    post_step(client, draft, "applicants", formset("applicants", [APPLICANT, OTHER]))
    saved = applicants(draft)
    assert saved[1]["name"] == OTHER["name"] and saved[1]["entitlement"] == OWN
    assert "entitlement" not in saved[0]


def test_an_applicants_own_entitlement_follows_it_when_the_first_is_removed(
    client, alice, alice_draft
):
    draft = with_own_entitlement(alice_draft, alice)
    client.force_login(alice)
    post_step(client, draft, "applicants", formset("applicants", [OTHER]))
    (only,) = applicants(draft)
    assert only["name"] == OTHER["name"] and only["entitlement"] == OWN


def test_another_applicant_in_its_place_does_not_take_its_entitlement(client, alice, alice_draft):
    draft = with_own_entitlement(alice_draft, alice)
    client.force_login(alice)
    newcomer = {**APPLICANT, "name": "Carter, Cy", "email": "cy@example.test"}
    post_step(client, draft, "applicants", formset("applicants", [APPLICANT, newcomer]))
    assert all("entitlement" not in a for a in applicants(draft))
