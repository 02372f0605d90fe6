"""The side panel previews fees and checks for unsaved input (nothing is written)."""

from django.urls import reverse

from hague_portal.filings.models import Draft

from .conftest import fill


def _preview(client, draft, step, data):
    return client.post(reverse("filings:preview", args=[draft.id, step]), data)


def test_the_panel_counts_a_ticked_designation_before_it_is_saved(client, alice, alice_draft):
    # Rule 12(1): a designation's fee is part of what is due at filing.
    draft = fill(alice_draft, alice, designations=["EM"])
    client.force_login(alice)
    saved = client.get(reverse("filings:panel", args=[draft.id])).context["panel"]["fees"]
    preview = _preview(client, draft, "designations", {"designations": ["EM", "CH"]})
    fees = preview.context["panel"]["fees"]
    assert fees.total_due_at_filing > saved.total_due_at_filing
    assert Draft.objects.get(pk=draft.pk).document["designations"] == ["EM"]


def test_unreadable_input_shows_the_saved_panel_with_a_note(client, alice, alice_draft):
    draft = fill(alice_draft, alice, designations=["EM"])
    client.force_login(alice)
    response = _preview(client, draft, "designations", {"designations": ["XX"]})
    assert response.status_code == 200
    assert "show the last saved version" in response.content.decode()


def test_charlie_cannot_preview_alices_draft(client, charlie, alice_draft):
    client.force_login(charlie)
    assert _preview(client, alice_draft, "designations", {}).status_code == 404
