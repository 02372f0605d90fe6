"""Party names, Locarno titles and legends in the wizard come from the reference data in the
user's language: French and Spanish columns, English as the fallback (issue 12)."""

import pytest
from django.urls import reverse

from hague_portal.reference.models import Party

from .helpers import add_reproductions, step_url


@pytest.fixture
def swiss_draft(alice, alice_draft):
    alice_draft.document = {**alice_draft.document, "entitlement": {"establishment": ["CH"]}}
    alice_draft.save()
    return alice_draft


@pytest.mark.parametrize(
    ("language", "eu", "japan"),
    [
        ("en", "<strong>European Union</strong> (EM)", "<strong>Japan</strong> (JP)"),
        ("fr", "<strong>Union européenne</strong> (EM)", "<strong>Japon</strong> (JP)"),
        ("es", "<strong>Unión Europea</strong> (EM)", "<strong>Japón</strong> (JP)"),
    ],
)
def test_the_designations_page_names_parties_in_the_users_language(
    client, alice, swiss_draft, language, eu, japan
):
    client.force_login(alice)
    page = client.get(
        step_url(swiss_draft, "designations"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert eu in page and japan in page


def test_designations_are_listed_in_the_order_of_the_localized_names(client, alice, swiss_draft):
    client.force_login(alice)
    page = client.get(
        step_url(swiss_draft, "designations"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    # Germany is "Allemagne" in French: among the A's, not between Finland and Ghana.
    assert page.index("<strong>Albanie</strong>") < page.index("<strong>Allemagne</strong>")
    assert page.index("<strong>Allemagne</strong>") < page.index("<strong>Danemark</strong>")


def test_the_entitlement_choices_are_localized(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(
        step_url(alice_draft, "entitlement"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Unión Europea (EM)" in page and "Suiza (CH)" in page


def test_a_missing_translation_shows_the_english_name(client, alice, swiss_draft):
    Party.objects.filter(code="JP").update(name_fr="")
    from hague_portal.reference.selectors import reference_data_changed

    reference_data_changed()
    client.force_login(alice)
    page = client.get(
        step_url(swiss_draft, "designations"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "<strong>Japan</strong> (JP)" in page


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "06-01 Sièges"), ("es", "06-01 Asientos"), ("en", "06-01 Seats")]
)
def test_locarno_choices_of_the_designs_step_are_localized(
    client, alice, alice_draft, language, title
):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "designs"), HTTP_ACCEPT_LANGUAGE=language)
    assert f'<option value="06-01">{title}</option>' in page.content.decode()


@pytest.mark.parametrize(
    ("language", "legend"),
    [
        ("fr", "1: Vue en perspective"),
        ("es", "1: Vista en perspectiva"),
        ("en", "1: Perspective view"),
    ],
)
def test_legend_choices_of_the_reproductions_step_are_localized(
    client, alice, alice_draft, language, legend
):
    designs = [{"number": 1, "product": "Chair", "locarno": "06-01"}]
    alice_draft.document = {**alice_draft.document, "designs": designs}
    alice_draft.save()
    add_reproductions(alice_draft, designs=1, per_design=1)
    client.force_login(alice)
    url = reverse("filings:reproductions", args=[alice_draft.id])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert f">{legend}</option>" in page.content.decode()
