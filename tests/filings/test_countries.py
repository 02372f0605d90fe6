"""Country fields are a choice of ISO 3166 countries: the name shown, the code stored (issue 8:
"ZZ" was accepted and "Switzerland" cut to "Sw")."""

import pytest

from hague_portal.filings.models import Draft

from .helpers import APPLICANT, formset, post_step, step_url


def post_applicant(client, draft, country):
    data = {**formset("applicants", [{**APPLICANT, "country": country}], initial=1)}
    return post_step(client, draft, "applicants", {**data, "correspondence_email": ""})


def stored_country(draft):
    return Draft.objects.get(pk=draft.pk).document["applicants"][0]["address"]["country"]


def test_the_applicant_country_is_a_list_of_country_names_with_codes_as_values(
    client, alice, alice_draft
):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "applicants")).content.decode()
    assert '<select name="applicants-0-country"' in page
    assert '<option value="CH">Switzerland</option>' in page
    assert 'maxlength="2"' not in page


def test_a_code_that_is_no_country_is_refused_at_the_field_and_kept(client, alice, alice_draft):
    client.force_login(alice)
    response = post_applicant(client, alice_draft, "ZZ")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the country from the list: “ZZ” is not one." in page
    assert 'href="#id_applicants-0-country"' in page
    assert 'value="Rue du Rhône 1"' in page


@pytest.mark.parametrize("posted", ["CH", "Switzerland"])
def test_switzerland_is_stored_as_ch(client, alice, alice_draft, posted):
    client.force_login(alice)
    assert post_applicant(client, alice_draft, posted).status_code == 302
    assert stored_country(alice_draft) == "CH"


def test_the_priority_office_is_a_country_a_regional_office_or_wipo(client, alice, alice_draft):
    # Guide, item 13: the office with which the earlier application was filed.
    from .conftest import fill

    client.force_login(alice)
    fill(alice_draft, alice)
    page = client.get(step_url(alice_draft, "priority")).content.decode()
    assert '<option value="EM">European Union Intellectual Property Office (EM)</option>' in page
    assert '<option value="DE">Germany</option>' in page
    assert '<option value="EA">Eurasian Patent Organization (EA)</option>' in page
    row = {"office": "XY", "number": "1", "date": "2026-10-01", "designs": ""}
    response = post_step(client, alice_draft, "priority", formset("priorities", [row]))
    assert response.status_code == 400
    assert "Choose the office from the list: “XY” is not one." in response.content.decode()
    row["office"] = "WIPO"
    assert (
        post_step(client, alice_draft, "priority", formset("priorities", [row])).status_code == 302
    )
