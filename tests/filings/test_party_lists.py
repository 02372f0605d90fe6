"""Entitlement and designations pages without JavaScript: plain checkboxes, limited to the
parties that make sense, grouped; item 3 on the page from the start (issue 8)."""

from .helpers import step_url


def test_habitual_residence_lists_only_1999_act_parties(client, alice, alice_draft):
    # Guide, item 2: habitual residence is a connecting factor under the 1999 Act only;
    # Senegal is bound by the 1960 Act alone.
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "entitlement")).content.decode()
    assert 'id="id_domicile_' in page and 'value="SN"' in page
    habitual = page[page.index('id="id_habitual_residence"') :]
    habitual = habitual[: habitual.index("</fieldset>")]
    assert 'value="SN"' not in habitual
    assert 'value="CH"' in habitual
    assert 'type="checkbox" name="habitual_residence"' in habitual


def test_item_3_is_on_the_entitlement_page_before_anything_is_saved(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "entitlement")).content.decode()
    assert '<select name="applicant_contracting_party"' in page
    assert 'type="hidden" name="applicant_contracting_party"' not in page


def test_designations_are_grouped_by_organization_and_fee_type(client, alice, alice_draft):
    client.force_login(alice)
    alice_draft.document = {**alice_draft.document, "entitlement": {"establishment": ["CH"]}}
    alice_draft.save()
    page = client.get(step_url(alice_draft, "designations")).content.decode()
    headings = [
        "Intergovernmental organizations",
        "States with an individual designation fee",
        "States with the standard designation fee",
    ]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    igo = page[positions[0] : positions[1]]
    individual = page[positions[1] : positions[2]]
    assert 'value="EM"' in igo and 'value="JP"' not in igo
    assert 'value="JP"' in individual
    assert 'type="checkbox" name="designations" value="EM"' in page
