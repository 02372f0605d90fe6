"""The filing wizard in French and Spanish (issue 12): every step, its errors, the overview and the
pages around it show no English the portal itself writes."""

import pytest
from django.urls import reverse

from hague_portal.filings.steps import STEPS

from ..filings.conftest import alice_draft, fill, reference  # noqa: F401 - fixtures
from ..filings.helpers import APPLICANT, formset, step_url
from .support import english_leftovers, fetch

pytestmark = pytest.mark.django_db

# The application's own data (tests/filings/conftest.py's complete document), the same in every
# language: names, products, addresses, signatures, codes.
DATA = [
    # The draft's title, stored when it was saved (in the language of whoever saved it).
    "Application: chair 1",
    "ACME Design GmbH",
    "Bahnhofstrasse 1",
    "Alice Applicant",
    "/Alice Applicant/",
    "GmbH, Switzerland",
    "ip@acme.test",
    "chair 1",
    "chair with three legs",
    # The United States' claim wording (its declaration, item 12): required in English.
    "the ornamental design for [indicate an article] as shown and described",
]
# Designations that make every conditional step apply: a claim (US), an exception to lack of
# novelty and a main design (JP, KR), fee reductions (US), the creator's declaration (Annex I).
DESIGNATIONS = ["EM", "CH", "US", "JP", "KR"]


def page(html: str) -> str:
    """<title> and <main>: the wizard's own part, without base.html's navigation and footer."""
    title = html[html.index("<title") : html.index("</title>") + 8]
    return title + html[html.index("<main") : html.index("</main>") + 7]


def leftovers(english, translated, language) -> list[str]:
    english_html, translated_html = english.content.decode(), translated.content.decode()
    return english_leftovers(page(english_html), page(translated_html), language, DATA)


@pytest.fixture
def draft(client, alice, alice_draft):  # noqa: F811 - fixture
    client.force_login(alice)
    return fill(alice_draft, alice, designations=DESIGNATIONS)


def step_urls(draft):
    for step in STEPS:
        if step.url_name:
            yield step.key, reverse(step.url_name, args=[draft.id])
        else:
            yield step.key, step_url(draft, step.key)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_step_of_the_wizard_is_in_french_and_spanish(client, draft, language):
    found = {}
    for key, url in step_urls(draft):
        english, translated = fetch(client, url, "en"), fetch(client, url, language)
        assert english.status_code == translated.status_code == 200, key
        assert translated.headers["Content-Language"] == language
        if left := leftovers(english, translated, language):
            found[key] = left
    assert not found, f"English left in {language}: {found}"


# A POST per step that the step refuses, so that its error messages show.
INVALID = {
    "applicants": {**formset("applicants", [], extra_blank=1), "correspondence_email": "x"},
    "entitlement": {},
    "representative": {"appoint": "on"},
    "designations": {},
    "designs": formset("designs", [{"product": "", "locarno": "99-99"}]),
    "creators": formset("creators", [{"name": "", "city": "Geneva", "designs": "7"}]),
    "claim": {"claim": "[product]"},
    "priority": formset("priorities", [{"office": "ZZZ", "number": "1", "date": "yesterday"}]),
    "exhibition": {"shown": "on", "designs": "1-9"},
    "novelty": {"claimed": "on", "designs": "x"},
    "main-design": {"main": "9", "related": "2"},
    "publication": {"mode": "deferred"},
    "fees": {},
    "review": {"name": "Alice", "capacity": ""},
}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_errors_of_every_step_are_in_french_and_spanish(client, draft, language):
    found = {}
    for key, data in INVALID.items():
        responses = {}
        for lang in ("en", language):
            post = {**data, "seen_version": draft.version, "action": "continue"}
            client.cookies["django_language"] = lang
            responses[lang] = client.post(step_url(draft, key), post, HTTP_ACCEPT_LANGUAGE=lang)
            assert responses[lang].status_code == 400, (key, lang)
            assert 'id="error-summary-title"' in responses[lang].content.decode(), key
        if left := leftovers(responses["en"], responses[language], language):
            found[key] = left
    assert not found, f"English left in {language}: {found}"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_overview_import_and_documents_pages_are_in_french_and_spanish(client, draft, language):
    urls = [
        reverse("filings:overview", args=[draft.id]),
        reverse("filings:attachments", args=[draft.id]),
        reverse("filings:import"),
    ]
    for url in urls:
        english, translated = fetch(client, url, "en"), fetch(client, url, language)
        assert not leftovers(english, translated, language), url


def test_a_french_error_is_at_its_field(client, draft):
    client.cookies["django_language"] = "fr"
    post = {**formset("applicants", [{**APPLICANT, "name": ""}]), "seen_version": draft.version}
    html = client.post(step_url(draft, "applicants"), post, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Indiquez le nom du déposant." in html.content.decode()
    assert 'href="#id_applicants-0-name"' in html.content.decode()
