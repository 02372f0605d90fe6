"""Optimistic locking: a save against an older version is refused with what changed."""

import pytest
from django.urls import reverse

from hague_portal.accounts.models import FirmRole
from hague_portal.filings.diff import document_changes
from hague_portal.filings.models import Draft, DraftRevision
from hague_portal.filings.services import DraftConflict, draft_save_step

from ..factories import MembershipFactory, UserFactory
from .conftest import fill
from .helpers import formset, post_step


@pytest.fixture
def colleague(bobs_firm):
    user = UserFactory(email="carla@example.test")
    MembershipFactory(firm=bobs_firm, user=user, role=FirmRole.EDITOR)
    return user


def test_saving_a_step_bumps_the_version_and_keeps_a_revision(alice, alice_draft):
    draft = draft_save_step(
        draft=alice_draft, user=alice, step="description", seen_version=1, data={"description": "x"}
    )
    assert draft.version == 2 == Draft.objects.get(pk=draft.pk).version
    assert DraftRevision.objects.get(draft=draft, version=2).document["description"] == "x"


def test_a_save_against_an_older_version_raises_a_conflict_saying_what_changed(
    bob, colleague, bob_draft
):
    draft = fill(bob_draft, bob, designs=2)
    seen = draft.version
    theirs = draft.document["designs"][:1] + [{"number": 2, "product": "stool", "locarno": "06-01"}]
    draft_save_step(
        draft=Draft.objects.get(pk=draft.pk),
        user=colleague,
        step="designs",
        seen_version=seen,
        data={"designs": theirs},
    )
    with pytest.raises(DraftConflict) as conflict:
        draft_save_step(
            draft=draft, user=bob, step="designs", seen_version=seen, data={"designs": []}
        )
    assert conflict.value.current_version == seen + 1
    [change] = conflict.value.changes
    assert change.startswith(
        "Designs: design 2 product changed from 'chair 2' to 'stool' (by carla@"
    )


def test_the_conflict_page_keeps_the_input_and_offers_the_new_version(
    client, bob, colleague, bob_draft
):
    draft = fill(bob_draft, bob, designs=1)
    seen = draft.version
    draft_save_step(
        draft=draft,
        user=colleague,
        step="description",
        seen_version=seen,
        data={"description": "New"},
    )
    client.force_login(bob)
    rows = [{"number": 1, "product": "armchair", "locarno": "06-01"}]
    response = post_step(
        client, bob_draft, "designs", formset("designs", rows, initial=1), seen_version=seen
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Description: set to &#x27;New&#x27; (by carla@example.test" in page
    assert 'value="armchair"' in page
    assert f'name="seen_version" value="{seen + 1}"' in page
    assert Draft.objects.get(pk=draft.pk).document["designs"][0]["product"] == "chair 1"


def test_saving_again_after_a_conflict_saves_over_it_deliberately(
    client, bob, colleague, bob_draft
):
    draft = fill(bob_draft, bob)
    draft_save_step(
        draft=draft,
        user=colleague,
        step="description",
        seen_version=draft.version,
        data={"description": "New"},
    )
    client.force_login(bob)
    response = post_step(client, bob_draft, "description", {"description": "Mine"})
    assert response.status_code == 302
    assert Draft.objects.get(pk=draft.pk).document["description"] == "Mine"


def test_the_changes_are_described_by_section_and_field():
    old = {
        "applicants": [{"name": "A"}],
        "designations": ["CH"],
        "publication": {"mode": "standard"},
    }
    new = {
        "applicants": [{"name": "A"}, {"name": "B"}],
        "designations": ["CH", "EM"],
        "publication": {"mode": "deferred"},
    }
    assert document_changes(old, new) == [
        "Applicants: applicant 2 added",
        "Designations: changed from 'CH' to 'CH', 'EM'",
        "Publication: mode changed from 'standard' to 'deferred'",
    ]


def test_a_submitted_draft_cannot_be_saved(client, alice, alice_draft):
    Draft.objects.filter(pk=alice_draft.pk).update(status="submitted")
    client.force_login(alice)
    response = post_step(client, alice_draft, "description", {"description": "late"})
    assert response.status_code == 403
    assert client.get(reverse("filings:overview", args=[alice_draft.id])).status_code == 200
