"""The public fee calculator at /fees/: a GET form, results server-side, htmx partial updates."""

from decimal import Decimal

import pytest

URL = "/fees/"
ONE_DESIGN = {"designs": 1, "reproductions": 1, "locarno_class": "06", "filing_date": "2025-09-01"}


def results(response):
    return response.context["comparison"]


def test_the_calculator_renders_for_anonymous_users(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend" in html and "Designation set A" in html
    assert "European Union (EM): individual fee" in html
    assert "Switzerland (CH): standard fee, level 1" in html
    assert response.context["comparison"] is None


def test_the_fee_type_of_korea_is_marked_as_depending_on_the_class(client):
    html = client.get(URL).content.decode()

    assert "(KR): individual fee, depends on the Locarno class" in html


def test_the_calculator_totals_one_designation_set(client):
    query = ONE_DESIGN | {"designs": 2, "reproductions": 3, "set_a": ["EM", "CH"]}

    response = client.get(URL, query)

    [priced] = results(response).sets
    # basic 397 + 1 more design x 50 + 3 reproductions x 17 + EU 2 x 59 + CH level 1: 42 + 1 x 2
    assert priced.fees.total_due_at_filing == 397 + 50 + 3 * 17 + 2 * 59 + 42 + 2
    assert "660.00" in response.content.decode()


def test_the_calculator_compares_two_sets_side_by_side(client):
    query = ONE_DESIGN | {"set_a": ["EM"], "set_b": ["EM", "US"]}

    response = client.get(URL, query)

    set_a, set_b = results(response).sets
    assert set_a.fees.total == 397 + 17 + 59
    # Rule 12(3): the US fee in two parts, 1150 with the application and 1150 later.
    assert set_b.fees.total_due_at_filing == 397 + 17 + 59 + 1150
    assert set_b.fees.total_due_later == 1150
    assert set_b.difference == 1150 + 1150
    rows = {row.label: row.amounts for row in results(response).rows}
    assert rows["Individual designation fee, United States of America, second part"] == (
        None,
        Decimal("1150.00"),
    )
    html = response.content.decode()
    assert '<th scope="col" class="text-end">Set A' in html
    assert '<th scope="col" class="text-end">Set B' in html
    assert "+2,300.00" in html


def test_the_us_entity_size_and_the_ldc_reduction_come_from_the_core(client):
    query = ONE_DESIGN | {"set_a": ["US"], "reduction_US": "micro", "entitlement": "OA"}

    [priced] = results(client.get(URL, query)).sets

    assert priced.fees.ldc_applicant is True
    lines = {line.label: line.amount for line in priced.fees.lines}
    assert (
        lines["Individual designation fee, United States of America, first part (micro entity)"]
        == 230
    )


def test_zero_designs_shows_the_error_at_the_field_and_keeps_the_other_inputs(client):
    query = ONE_DESIGN | {"designs": 0, "reproductions": 7, "set_a": ["EM"], "set_b": ["CH"]}

    response = client.get(URL, query)

    assert response.context["form"].errors == {
        "designs": ["Enter a number of designs between 1 and 100"]
    }
    html = response.content.decode()
    assert 'id="error_1_id_designs"' in html  # crispy's message under the field
    assert 'name="reproductions" value="7"' in html
    assert 'value="EM" class="form-check-input" id="id_set_a_' in html
    assert html.count("checked") == 2  # EM in set A, CH in set B
    assert results(response) is None


def test_set_a_must_not_be_empty(client):
    response = client.get(URL, ONE_DESIGN | {"set_b": ["CH"]})

    assert response.context["form"].errors["set_a"] == [
        "Choose at least one Contracting Party for set A"
    ]


def test_deferred_publication_needs_a_number_of_months(client):
    response = client.get(URL, ONE_DESIGN | {"set_a": ["EM"], "publication": "deferred"})

    assert response.context["form"].errors == {
        "deferment_months": ["Enter the deferment period in months"]
    }


def test_publication_deferred_beyond_twelve_months_is_paid_later(client):
    query = ONE_DESIGN | {"set_a": ["EM"], "publication": "deferred", "deferment_months": 30}

    [priced] = results(client.get(URL, query)).sets

    assert priced.fees.total_due_later == 17


def test_a_shared_link_with_only_the_designations_uses_the_defaults(client):
    response = client.get(URL, {"set_a": "EM"})

    [priced] = results(response).sets
    assert priced.fees.total_due_at_filing > 0


def test_an_htmx_request_gets_only_the_results(client):
    query = ONE_DESIGN | {"set_a": ["EM"]}

    response = client.get(URL, query, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert [t.name for t in response.templates] == ["calculator/_results.html"]
    assert 'id="fee-table"' in html
    assert "<html" not in html and "<form" not in html
    assert "HX-Request" in response["Vary"]


def test_an_htmx_request_with_errors_gets_an_error_summary(client):
    response = client.get(URL, ONE_DESIGN | {"designs": 0}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert 'href="#id_designs"' in html
    assert "Enter a number of designs between 1 and 100" in html


def test_the_form_updates_the_results_with_htmx_and_still_works_without(client):
    html = client.get(URL).content.decode()

    assert 'method="get"' in html
    assert 'hx-get="/fees/"' in html and 'hx-target="#fee-results"' in html


@pytest.mark.parametrize("link", ['href="/fees/">Fee calculator<', 'href="/api/v1/docs/">API<'])
def test_the_navbar_links_the_calculator_and_the_api_docs(client, link):
    assert link in client.get(URL).content.decode()


def test_the_reduction_fields_are_those_the_declarations_offer(client):
    html = client.get(URL).content.decode()

    # Item 18, from the fee_reduction declarations: US small/micro, Israel and Mexico reduced.
    assert 'name="reduction_US"' in html and "Micro entity" in html
    assert 'name="reduction_IL"' in html and 'name="reduction_MX"' in html
    assert 'name="reduction_JP"' not in html


def test_israels_reduced_fee_is_charged_when_claimed(client):
    query = ONE_DESIGN | {"designs": 2, "reproductions": 2, "set_a": ["IL"]}

    full = results(client.get(URL, query)).sets[0].fees
    reduced = results(client.get(URL, query | {"reduction_IL": "reduced"})).sets[0].fees

    # Israel, each design: 117 by default, 70 reduced (individual fees, Guide item 18)
    assert full.total_due_at_filing - reduced.total_due_at_filing == 2 * (117 - 70)


def test_a_reduction_declared_in_the_data_appears_without_a_code_change(
    client, django_capture_on_commit_callbacks
):
    from hague_portal.reference.models import Declaration

    with django_capture_on_commit_callbacks(execute=True):
        Declaration.objects.create(
            party="JP", kind="fee_reduction", value="reduced", provision="test", confidence="U"
        )

    assert 'name="reduction_JP"' in client.get(URL).content.decode()


def test_the_calculator_asks_for_priority_where_a_reduction_depends_on_it(client):
    # Guide, items 13 and 18: Israel grants no reduction when priority is claimed (data).
    html = client.get(URL).content.decode()

    assert 'name="priority_claimed"' in html
    assert "Israel grants no fee reduction when priority is claimed" in html


def test_israels_reduction_is_not_granted_when_priority_is_claimed(client):
    # Guide, item 18: "no reduced fee if the application contains a priority claim" (Israel).
    query = ONE_DESIGN | {"designs": 2, "reproductions": 2, "set_a": ["IL"]}
    reduced = query | {"reduction_IL": "reduced"}

    full = results(client.get(URL, query)).sets[0].fees
    with_priority = results(client.get(URL, reduced | {"priority_claimed": "on"})).sets[0].fees

    assert with_priority.total_due_at_filing == full.total_due_at_filing
    assert (
        "no reduction when priority is claimed"
        in client.get(URL, reduced | {"priority_claimed": "on"}).content.decode()
    )


def test_without_a_locarno_class_koreas_fee_says_it_cannot_be_computed(client):
    # Guide, item 8 (class not compulsory) and footnote 7 (Korea's fee depends on it).
    query = ONE_DESIGN | {"locarno_class": "", "set_a": ["KR", "EM"]}

    response = client.get(URL, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be computed" in html and "indicate the class in item 8" in html
    [priced] = results(response).sets
    assert any(line.party == "EM" and line.amount > 0 for line in priced.fees.lines)
