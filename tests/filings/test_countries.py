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


# --- issue 19: every country field, posted without JavaScript ---------------------------------

CREATOR = {"name": "Doe, Jane", "designs": "", "street": "Hauptstrasse 1", "city": "Bern"}
REPRESENTATIVE = {"appoint": "on", "name": "Counsel LLP", "email": "ip@counsel.test"}
REPRESENTATIVE_ADDRESS = {"street": "Rue du Rhône 2", "city": "Geneva", "postcode": "1204"}


def post_creator(client, draft, country):
    data = formset("creators", [{**CREATOR, "country": country}])
    return post_step(client, draft, "creators", data)


def post_representative(client, draft, country):
    data = {**REPRESENTATIVE, **REPRESENTATIVE_ADDRESS, "country": country}
    return post_step(client, draft, "representative", data)


WIZARD_FIELDS = {  # the step's poster, where it stores the country, and the field's id
    "applicant": (post_applicant, stored_country, "id_applicants-0-country"),
    "creator": (
        post_creator,
        lambda d: Draft.objects.get(pk=d.pk).document["creators"][0]["address"]["country"],
        "id_creators-0-country",
    ),
    "representative": (
        post_representative,
        lambda d: Draft.objects.get(pk=d.pk).document["representative"]["address"]["country"],
        "id_country",
    ),
}


@pytest.mark.parametrize("form", list(WIZARD_FIELDS))
def test_a_bad_country_code_is_refused_at_the_field_of_every_wizard_form_and_kept(
    client, alice, alice_draft, form
):
    post, _stored, field_id = WIZARD_FIELDS[form]
    client.force_login(alice)
    response = post(client, alice_draft, "Xyz")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the country from the list: “Xyz” is not one." in page
    assert f'href="#{field_id}"' in page
    # What was typed stays in the field (the chosen option of the select), to be corrected.
    assert '<option value="Xyz" selected data-unlisted>Xyz</option>' in page


@pytest.mark.parametrize("form", list(WIZARD_FIELDS))
@pytest.mark.parametrize("posted", ["DE", "de", "Germany", "Allemagne", "alemania", "Deutschland"])
def test_a_code_or_a_name_of_germany_posted_without_javascript_is_stored_as_de(
    client, alice, alice_draft, form, posted
):
    post, stored, _field_id = WIZARD_FIELDS[form]
    client.force_login(alice)
    assert post(client, alice_draft, posted).status_code == 302
    assert stored(alice_draft) == "DE"


def test_no_name_a_country_is_found_by_is_shared_with_another_country():
    # Such a name would take neither country (filings/countries.py, EVERYDAY_NAMES).
    from hague_portal.filings.countries import country_search_keys

    owners: dict[str, set[str]] = {}
    for code, keys in country_search_keys().items():
        for key in keys:
            owners.setdefault(key, set()).add(code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}
