"""The side panel previews fees and checks for unsaved input (nothing is written)."""

import pytest
from django.urls import reverse
from django.utils import translation

from hague_portal.filings.context import finding_where
from hague_portal.filings.models import Draft
from hague_portal.hague.checks import ERROR, Finding

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


@pytest.mark.parametrize(
    ("item", "parties", "language", "expected"),
    [
        ("10", ("US",), "en", "Item 10 (US): "),
        ("annex_1", (), "en", "Annex 1: "),
        ("fees", ("JP", "KR"), "en", "Fees (JP, KR): "),
        ("", (), "en", ""),
        ("10", (), "fr", "Rubrique 10: "),
        ("annex_3", ("US",), "es", "Anexo 3 (US): "),
    ],
)
def test_the_panel_says_which_item_and_parties_a_finding_concerns(
    item, parties, language, expected
):
    finding = Finding("x", ERROR, item, parties, "Fix it.", "", "")
    with translation.override(language):
        assert finding_where(finding) == expected


def test_a_design_typed_as_related_to_itself_is_shown_at_its_field_before_saving(
    client, alice, alice_draft
):
    # Guide, item 16 (JP): the principal design is another design, of this application or an
    # earlier one; "2:2" is refused in the panel as it is typed, linking to the field.
    draft = fill(alice_draft, alice, designs=2, designations=["EM", "CH", "JP"])
    client.force_login(alice)
    response = _preview(client, draft, "main-design", {"related": "2:2"})
    entries = [
        entry
        for group in response.context["panel"]["groups"]
        for entry in group["items"]
        if entry["finding"].code == "main_design.related_to_itself"
    ]
    (entry,) = entries
    assert entry["url"].endswith(f"/applications/{draft.id}/steps/main-design/#id_related")
    assert entry["where"] == "Item 16: "
    assert "Design 2 is declared related to itself" in response.content.decode()
    assert Draft.objects.get(pk=draft.pk).document.get("main_design") is None
