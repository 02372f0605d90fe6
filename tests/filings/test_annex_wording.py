"""The parties named next to the annexes and item 16 come from the declarations data."""

from django.urls import reverse

from hague_portal.reference.models import Declaration

from .conftest import fill
from .helpers import step_url


def test_the_documents_page_names_the_parties_each_annex_is_for(client, alice, alice_draft):
    fill(alice_draft, alice, designations=["CN", "JP", "KR", "US"])
    client.force_login(alice)
    html = client.get(reverse("filings:attachments", args=[alice_draft.id])).content.decode()

    # Guide, Annexes II and V: China, Japan and the Republic of Korea; Annex I: the US.
    assert "For China, Japan and Republic of Korea: documents supporting an exception" in html
    assert "For United States of America: one declaration or substitute statement" in html
    assert "Annex III: information on eligibility for protection" in html


def test_a_new_declarant_appears_next_to_its_annex_without_a_code_change(
    client, alice, alice_draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Declaration.objects.create(
            party="CH", kind="novelty_exception", provision="test", confidence="U"
        )
    fill(alice_draft, alice, designations=["CN", "JP", "KR", "CH"])
    client.force_login(alice)
    html = client.get(reverse("filings:attachments", args=[alice_draft.id])).content.decode()

    assert "For China, Japan, Republic of Korea and Switzerland: documents supporting" in html


def test_item_16_labels_name_the_parties_taking_main_or_related_designs(client, alice, alice_draft):
    draft = fill(alice_draft, alice, designations=["CN", "JP"])
    client.force_login(alice)
    html = client.get(step_url(draft, "main-design")).content.decode()

    assert "Main design (China)" in html
    # Guide, item 16: only the designated parties (Korea is not designated here).
    assert "Related designs (Japan)" in html


def test_an_annex_names_only_the_designated_parties_it_is_for(client, alice, alice_draft):
    # Guide, Annex II (item 15): for China, Japan and Korea; only Japan is designated here.
    fill(alice_draft, alice, designations=["JP", "EM"])
    client.force_login(alice)
    html = client.get(reverse("filings:attachments", args=[alice_draft.id])).content.decode()

    assert "For Japan: documents supporting an exception" in html
    assert "For China" not in html
    assert "For United States of America (not designated in this application)" in html
    assert "Codes of the designated parties it is for: JP." in html
