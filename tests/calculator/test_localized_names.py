"""The calculator names parties and Locarno classes in the user's language (issue 12)."""

import pytest

URL = "/fees/"


@pytest.mark.parametrize(
    ("language", "eu", "locarno"),
    [
        ("en", "European Union (EM): ", "06: Furnishing"),
        ("fr", "Union européenne (EM): ", "06: Ameublement"),
        ("es", "Unión Europea (EM): ", "06: Mobiliario"),
    ],
)
def test_parties_and_locarno_classes_are_named_in_the_users_language(client, language, eu, locarno):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert eu in html
    assert locarno in html


def test_parties_are_in_the_order_of_their_spanish_names(client):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    # Germany is "Alemania": right after Albania, long before Finland ("Finlandia").
    assert html.index("Albania (AL)") < html.index("Alemania (DE)") < html.index("Finlandia (FI)")


def test_the_fee_lines_name_the_party_in_the_users_language(client):
    query = {"designs": 1, "reproductions": 1, "locarno_class": "06", "set_a": ["JP"]}
    response = client.get(URL, query, HTTP_ACCEPT_LANGUAGE="fr")
    labels = [row.label for row in response.context["comparison"].rows]
    assert any("Japon" in label for label in labels), labels
    assert not any("Japan" in label for label in labels)
