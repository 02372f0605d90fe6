"""POST /api/v1/fees/ and /api/v1/checks/: public, JSON in and out, every client error a 400."""

import copy
import json
from decimal import Decimal

import pytest
from django.test import Client

from hague_portal.api.examples import EXAMPLE_APPLICATION

FEES = "/api/v1/fees/"
CHECKS = "/api/v1/checks/"


@pytest.fixture
def document():
    """Two designs (2 + 1 reproductions) in class 06, designating the EU and Switzerland."""
    return copy.deepcopy(EXAMPLE_APPLICATION)


def post(client, url, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type=content_type)


def test_fees_are_itemised_for_a_hand_checked_document(client, document):
    response = post(client, FEES, document)

    assert response.status_code == 200
    body = response.json()
    amounts = {(line["kind"], line["party"]): line["amount"] for line in body["lines"]}
    assert amounts[("basic", None)] == "397.00"
    assert amounts[("individual_designation", "EM")] == "118.00"  # 2 designs x 59
    # basic 397 + 1 more design x 50 + 3 reproductions x 17 + EU 2 x 59 + CH level 1: 42 + 1 x 2
    assert Decimal(body["total_due_at_filing"]) == 397 + 50 + 3 * 17 + 2 * 59 + 42 + 2
    assert body["total_due_later"] == "0.00"
    assert body["currency"] == "CHF"
    assert all(line["explanation"] for line in body["lines"])


def test_the_us_second_part_is_due_later_and_a_small_entity_pays_less(client, document):
    document["designations"] = ["US"]
    document["designs"] = [
        document["designs"][1] | {"number": 1, "reproductions": [{"number": "1.1"}]}
    ]
    document["fee_reductions"] = {"US": "small"}

    body = post(client, FEES, document).json()

    # Rule 12(3): first part with the application, second part after allowance.
    assert Decimal(body["total_due_at_filing"]) == 397 + 1 * 17 + 460
    assert Decimal(body["total_due_later"]) == 460


def test_fees_are_computed_whatever_the_formality_findings(client, document):
    document["applicants"] = []

    assert post(client, CHECKS, document).json()["blocking"] is True
    response = post(client, FEES, document)
    assert response.status_code == 200
    assert Decimal(response.json()["total_due_at_filing"]) == 660


def test_checks_of_a_complete_document_do_not_block(client, document):
    response = post(client, CHECKS, document)

    assert response.status_code == 200
    body = response.json()
    assert body["blocking"] is False
    assert all(finding["severity"] != "error" for finding in body["findings"])


def test_checks_block_an_applicant_without_email(client, document):
    del document["applicants"][0]["email"]

    body = post(client, CHECKS, document).json()

    assert body["blocking"] is True
    missing = [f for f in body["findings"] if f["field"] == "applicants[0].email"]
    assert missing and missing[0]["severity"] == "error"
    assert set(missing[0]) == {"code", "severity", "item", "parties", "message", "source", "field"}


def test_every_bad_field_is_listed_with_its_path(client, document):
    document["designs"][0]["locarno"] = "33"
    document["designations"] = ["EM", "ZZ"]

    response = post(client, FEES, document)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"path": "designations[1]", "message": 'unknown Contracting Party "ZZ"'},
            {"path": "designs[0].locarno", "message": 'unknown class "33"'},
        ]
    }


def test_checks_reject_a_malformed_document_the_same_way(client, document):
    document["designs"][0]["locarno"] = "33"

    response = post(client, CHECKS, document)

    assert response.status_code == 400
    assert {"path": "designs[0].locarno", "message": 'unknown class "33"'} in response.json()[
        "errors"
    ]


def test_a_body_that_is_not_json_answers_400(client):
    response = post(client, FEES, "{not json")

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["path"] == ""
    assert error["message"].startswith("the body is not valid JSON")


def test_an_empty_body_answers_400(client):
    assert post(client, CHECKS, "").status_code == 400


def test_a_json_array_answers_400(client, document):
    response = post(client, FEES, [document])

    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"path": "", "message": "expected an object, got an array"}]
    }


def test_a_form_encoded_body_answers_400_asking_for_json(client):
    response = client.post(FEES, data={"schema": "hague-portal/application@1"})

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert "Content-Type: application/json" in error["message"]


def test_a_get_answers_405_in_the_same_error_format(client):
    response = client.get(FEES)

    assert response.status_code == 405
    assert response.json()["errors"][0]["message"] == 'Method "GET" not allowed.'


def test_anonymous_json_clients_need_no_csrf_token(document):
    strict = Client(enforce_csrf_checks=True)

    assert post(strict, FEES, document).status_code == 200


def test_a_signed_in_user_without_csrf_token_is_served_too(client, alice, document):
    client.force_login(alice)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies

    assert post(strict, CHECKS, document).status_code == 200


def test_requests_beyond_the_rate_limit_answer_429(client, document, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "3/minute"},
    }
    statuses = [post(client, url, document).status_code for url in (FEES, CHECKS, FEES)]

    response = post(client, CHECKS, document)

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    [error] = response.json()["errors"]
    assert error["message"].startswith("Too many requests: the limit is 3/minute")
    assert int(response["Retry-After"]) > 0


def test_the_limit_counts_per_client_address(client, document, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "1/minute"},
    }
    assert post(client, FEES, document).status_code == 200

    other = Client(REMOTE_ADDR="192.0.2.7")

    assert post(other, FEES, document).status_code == 200
    assert post(client, FEES, document).status_code == 429


def test_a_deeply_nested_body_answers_400_not_500(client):
    response = post(client, CHECKS, "[" * 100_000 + "]" * 100_000)

    assert response.status_code == 400


def test_a_country_code_that_is_no_iso_country_is_refused_with_its_path(client, document):
    # Issue 8: "ZZ" was accepted as an applicant's country.
    document["applicants"][0]["address"]["country"] = "ZZ"

    response = post(client, CHECKS, document)

    assert response.status_code == 400
    assert {
        "path": "applicants[0].address.country",
        "message": 'unknown country code "ZZ" (ISO 3166-1, such as "CH")',
    } in response.json()["errors"]
