"""NUL and lone surrogates anywhere in a document: 400 with the path of the bad field (issue 8).

The body is written by hand: a lone surrogate can only reach us as a JSON escape ("\\ud800"),
which is exactly how a client (or an attacker) would send it.
"""

import copy
import json

import pytest

from hague_portal.api.examples import EXAMPLE_APPLICATION

URLS = ("/api/v1/fees/", "/api/v1/checks/")
NUL = "\\u0000"
SURROGATE = "\\ud800"


def post_raw(client, url, document: dict, placeholder: str, escape: str):
    body = json.dumps(document).replace(placeholder, escape)
    return client.post(url, data=body, content_type="application/json")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("escape", "message"),
    [
        (NUL, "contains a NUL character"),
        (SURROGATE, "contains an invalid character (lone surrogate U+D800)"),
    ],
)
def test_a_bad_character_in_an_applicant_name_is_a_400_at_that_field(client, url, escape, message):
    document = copy.deepcopy(EXAMPLE_APPLICATION)
    document["applicants"][0]["name"] = "ACME @@ GmbH"

    response = post_raw(client, url, document, "@@", escape)

    assert response.status_code == 400
    assert response.json()["errors"] == [{"path": "applicants[0].name", "message": message}]


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d["signatory"].update(name="@@"), "signatory.name"),
        (lambda d: d["designs"][0].update(product="@@"), "designs[0].product"),
        (lambda d: d["designations"].append("@@"), "designations[2]"),
        (lambda d: d.update(fee_reductions={"US": "@@"}), "fee_reductions.US"),
        (lambda d: d.update(filing_date="@@"), "filing_date"),
    ],
)
def test_every_string_in_the_document_is_checked(client, where, path):
    document = copy.deepcopy(EXAMPLE_APPLICATION)
    where(document)

    for url in URLS:
        response = post_raw(client, url, document, "@@", SURROGATE)

        assert response.status_code == 400, response.content
        paths = [e["path"] for e in response.json()["errors"]]
        assert paths == [path]


@pytest.mark.parametrize("url", URLS)
def test_a_bad_character_in_a_key_is_a_400_that_does_not_echo_it(client, url):
    document = copy.deepcopy(EXAMPLE_APPLICATION)
    document["designs"][0]["@@"] = 1
    document["fee_reductions"] = {"@@": True}

    response = post_raw(client, url, document, "@@", SURROGATE)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "path": "designs[0]",
            "message": "a key contains an invalid character (lone surrogate U+D800)",
        },
        {
            "path": "fee_reductions",
            "message": "a key contains an invalid character (lone surrogate U+D800)",
        },
    ]
