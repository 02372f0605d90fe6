"""The Bulletin in the API: public (no token), the page's search, the page's data."""

from datetime import date

import pytest
import time_machine
from jsonschema import Draft202012Validator

from tests.api.test_schema_and_docs import _resolve

from .conftest import PUBLISHED


@pytest.fixture(autouse=True)
def after_publication():
    with time_machine.travel(date(2027, 1, 20), tick=False):
        yield


def _component(schema, name):
    components = schema["components"]["schemas"]
    return _resolve(components[name], components)


def test_search_without_a_token_answers_the_published_entry(client, published):
    response = client.get("/api/v1/bulletin/entries/", {"holder": "atelier", "party": "US"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    entry = body["results"][0]
    assert (entry["registration_number"], entry["issue"], entry["date"]) == (
        published.number,
        "2027/02",
        PUBLISHED.isoformat(),
    )
    assert entry["holder"]["name"] == "Atelier Doe SARL"
    assert entry["designated_parties"] == ["CH", "EM", "US"]
    thumbnail = entry["designs"][0]["reproductions"][0]["thumbnail_url"]
    assert client.get(thumbnail).status_code == 200


def test_the_answers_match_the_published_schema(client, published):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/bulletin/entries/"]["get"]
    assert operation["security"] == [{}]  # public: no authentication
    for path, component in (
        ("/api/v1/bulletin/entries/", "BulletinEntryPage"),
        ("/api/v1/bulletin/issues/", "BulletinIssuePage"),
        (
            f"/api/v1/bulletin/registrations/{published.number.replace('/', '-')}/",
            "BulletinRegistrationEntries",
        ),
    ):
        body = client.get(path).json()
        errors = list(Draft202012Validator(_component(schema, component)).iter_errors(body))
        assert not errors, (path, errors)


def test_a_bad_search_value_is_refused_at_its_parameter(client, published):
    response = client.get("/api/v1/bulletin/entries/", {"locarno": "chairs", "limit": 5})
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == ["locarno"]


def test_an_unpublished_number_is_a_404(client, published):
    response = client.get("/api/v1/bulletin/registrations/DM-999999/")
    assert response.status_code == 404 and response.json()["errors"]
