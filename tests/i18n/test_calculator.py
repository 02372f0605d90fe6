"""The public fee calculator at /fees/ in French and Spanish (issue 12): the form, its errors, the
results table and the fee lines' labels and explanations written by the rules core."""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from hague_portal.hague.reference import load_reference_dir

from .support import english_leftovers, fetch

URL = "/fees/"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
# Party names and Locarno titles are reference data (translated by the reference tables, not by
# the calculator): allowed as they are.
REFERENCE = load_reference_dir(FIXTURES)
DATA = tuple(
    sorted(
        {p.name for p in REFERENCE.parties()}
        | {c.title for c in REFERENCE.rows("locarno") if c.level == "class"},
        key=len,
        reverse=True,  # "Republic of Korea" before "Korea"
    )
)
# Every kind of line: LDC applicant, several designs, deferred publication (fee due later), a
# long description, a reduction claimed, a two-part fee, Korea's class-dependent fee, three sets.
FULL = {
    "designs": 3,
    "reproductions": 7,
    "description_words": 130,
    "locarno_class": "06",
    "filing_date": "2025-09-01",
    "entitlement": "KH",
    "publication": "deferred",
    "deferment_months": 24,
    "reduction_US": "micro",
    "set_a": ["EM", "CH", "US"],
    "set_b": ["JP", "KR", "MX", "OA"],
    "set_c": ["IL", "GB", "HU"],
}
INVALID = {"designs": 0, "reproductions": 1, "publication": "deferred", "set_a": ["ZZ"]}


@pytest.fixture(autouse=True)
def reference_tables(db):
    call_command("reference_import", dir=str(FIXTURES), stdout=StringIO())


def url(query: dict | None = None) -> str:
    return f"{URL}?{urlencode(query, doseq=True)}" if query else URL


def main(html: str) -> str:
    """The page's own content: the layout around it (navigation, footer) is base.html's, tested
    with the pages of its owner."""
    match = re.search(r"<main\b.*</main>", html, re.DOTALL)
    return match.group() if match else html


def leftovers(client, address: str, **headers) -> dict[str, list[str]]:
    """English left on the calculator's content in French and Spanish, per language."""
    english = main(fetch(client, address, "en", **headers).content.decode())
    found = {}
    for language in ("fr", "es"):
        response = fetch(client, address, language, **headers)
        assert response.status_code == 200
        assert response.headers["Content-Language"] == language
        found[language] = english_leftovers(
            english, main(response.content.decode()), language, DATA
        )
    return {language: texts for language, texts in found.items() if texts}


@pytest.mark.parametrize(
    "query", [None, FULL, INVALID, FULL | {"locarno_class": "", "entitlement": ""}]
)
def test_the_calculator_page_is_in_french_and_spanish(client, query):
    assert leftovers(client, url(query)) == {}


@pytest.mark.parametrize("query", [FULL, INVALID])
def test_the_htmx_results_are_in_french_and_spanish(client, query):
    english = fetch(client, url(query), "en", HTTP_HX_REQUEST="true").content.decode()
    assert "<h1" not in english and ("<table" in english or "alert" in english)  # the partial

    assert leftovers(client, url(query), HTTP_HX_REQUEST="true") == {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "Émolument de base, un dessin ou modèle",
                "seconde partie",
                "Total dû ultérieurement",
                "en vigueur le 1 septembre 2025",
            ],
        ),
        (
            "es",
            [
                "Tasa de base, un dibujo o modelo",
                "segunda parte",
                "Total pagadero más tarde",
                "vigentes el 1 de septiembre de 2025",
            ],
        ),
    ],
)
def test_fee_lines_totals_and_date_read_in_the_language(client, language, expected):
    html = fetch(client, url(FULL), language).content.decode()

    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Enter a number of reproductions between 1 and 10,000"),
        ("fr", "Indiquez un nombre de reproductions compris entre 1 et 10\xa0000"),
        ("es", "Indique un número de reproducciones entre 1 y 10\xa0000"),
    ],
)
def test_an_error_writes_its_limit_as_the_language_writes_numbers(client, language, expected):
    query = {"designs": 1, "reproductions": 20000, "set_a": ["CH"]}

    html = fetch(client, url(query), language).content.decode()

    assert expected in html


def test_the_english_page_is_unchanged(client):
    html = fetch(client, url(FULL), "en").content.decode()

    assert "Basic fee, one design" in html
    assert re.search(r"Fees in Swiss francs \(CHF\) as in force on 1 September 2025", html)
