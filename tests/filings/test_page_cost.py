"""The wizard's cheaper rendering and checks (issue 11) keep what users see and what is enforced.

The country selects and the entitlement checkboxes are written in Python (filings.widgets);
their markup must stay that of Django's templates, which the browser tests, choices.js and
screen readers rely on. The MFA middleware asks one query a request.
"""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hague_portal.filings.forms.fields import SearchableSelect, country_choices, office_choices
from hague_portal.filings.widgets import FastCheckboxSelectMultiple, choices_once

from .conftest import fill
from .helpers import step_url

PARTIES = [("CH", "Switzerland (CH)"), ("EM", "European Union (EM)"), ("US", "A <b>&c (US)")]


@pytest.mark.parametrize("value", [None, "", "CH", "WIPO", "zz"])
@pytest.mark.parametrize("choices", [country_choices, office_choices], ids=["countries", "offices"])
def test_the_country_select_renders_the_markup_of_djangos_select(choices, value):
    fast, django = SearchableSelect(), forms.Select(attrs={"data-autocomplete": "true"})
    fast.choices = django.choices = choices()
    attrs = {"id": "id_country", "required": True, "aria-describedby": 'a"b', "disabled": False}
    assert fast.render("country", value, attrs) == djangos_or_typed(django, value, attrs)


@pytest.mark.parametrize("value", [None, "", "CH", "WIPO", "zz", ["CH"]])
@pytest.mark.parametrize("choices", [country_choices, office_choices], ids=["countries", "offices"])
def test_a_select_reusing_its_options_markup_renders_djangos_select(choices, value):
    """The ~250 countries' <option>s are written once and reused, the chosen one marked."""
    fast, django = SearchableSelect(), forms.Select(attrs={"data-autocomplete": "true"})
    fast.choices, django.choices = choices_once(choices), choices()
    fast.render("warm", "CH")  # the options' markup is now cached, with none selected
    assert fast.render("country", value, {"id": "c"}) == djangos_or_typed(
        django, value, {"id": "c"}
    )


def djangos_or_typed(django, value, attrs) -> str:
    """Django's select; a value that is none of its choices (text typed that names no country,
    refused by the form: issue 19) is kept as a first option, chosen, so it is not lost."""
    html = django.render("country", value, attrs)
    listed = {str(v) for v, _label in django.choices}
    if value in (None, "") or not isinstance(value, str) or value in listed:
        return html
    start = html.index(">") + 1
    typed = f'\n  <option value="{value}" selected data-unlisted>{value}</option>'
    return html[:start] + typed + html[start:]


def test_a_select_marks_only_the_first_of_two_equal_values_selected():
    fast, django = SearchableSelect(), forms.Select(attrs={"data-autocomplete": "true"})
    fast.choices = django.choices = [("", "Choose"), (1, "one <1>"), ("1", "one again")]
    assert fast.render("n", "1") == django.render("n", "1")
    assert fast.render("n", "1").count(" selected") == 1


@pytest.mark.parametrize("disabled", [False, True])
@pytest.mark.parametrize("data", [None, {"parties": ["US", "EM"]}], ids=["unbound", "posted"])
def test_the_entitlement_boxes_render_the_markup_of_djangos_checkboxes(data, disabled):
    def form(widget):
        field = forms.MultipleChoiceField(
            choices=PARTIES, widget=widget, required=False, disabled=disabled
        )
        return type("PartiesForm", (forms.Form,), {"parties": field})(
            data, initial={"parties": ["CH"]}
        )

    fast, django = (
        form(FastCheckboxSelectMultiple)["parties"],
        form(forms.CheckboxSelectMultiple)["parties"],
    )
    assert [box.tag() for box in fast] == [box.tag() for box in django]
    assert [str(box) for box in fast] == [str(box) for box in django]  # label-wrapped boxes
    assert str(fast) == str(django)


def test_the_entitlement_page_shows_the_saved_parties_ticked(client, alice, alice_draft):
    draft = fill(alice_draft, alice, entitlement={"domicile": ["US"], "nationality": ["CH"]})
    client.force_login(alice)
    page = client.get(step_url(draft, "entitlement")).content.decode()
    ticked = re.findall(
        r'<input type="checkbox" name="(\w+)" value="(\w+)" id="[^"]+" checked>', page
    )
    assert sorted(ticked) == [("domicile", "US"), ("nationality", "CH")]


def test_a_representatives_page_asks_for_firm_and_second_factor_in_one_query(
    client, bob, bob_draft
):
    client.force_login(bob)
    client.get(step_url(bob_draft, "applicants"))  # warm: the reference data snapshot
    with CaptureQueriesContext(connection) as queries:
        response = client.get(step_url(bob_draft, "applicants"))
    assert response.status_code == 200
    assert b'href="/firm/"' in response.content  # the header's Firm link: he is a member
    totp_queries = [q["sql"] for q in queries if "mfa_authenticator" in q["sql"]]
    assert len(totp_queries) == 1
    assert "accounts_firmmembership" in totp_queries[0]


def test_every_steps_link_is_the_url_django_reverses(alice_draft):
    from django.urls import reverse

    from hague_portal.filings.context import step_url
    from hague_portal.filings.steps import STEPS

    for step in STEPS:
        expected = (
            reverse(step.url_name, args=[alice_draft.id])
            if step.url_name
            else reverse("filings:step", args=[alice_draft.id, step.key])
        )
        assert step_url(alice_draft, step) == expected
