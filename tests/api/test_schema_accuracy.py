"""The OpenAPI schema says what the server does (issue 19): the PDF downloads are PDFs, and the
values the server refuses are outside the schema (a client generating requests from the schema,
as schemathesis does, is never refused for a value the schema allows)."""

import json

import pytest
from jsonschema import Draft202012Validator

from hague_portal.api.examples import EXAMPLE_APPLICATION

from .test_schema_and_docs import _resolve
from .v1_helpers import api_for, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/", {"format": "json"}).json()


def _operation(schema, operation_id):
    return next(
        op
        for methods in schema["paths"].values()
        for op in methods.values()
        if isinstance(op, dict) and op.get("operationId") == operation_id
    )


def _component(schema, name):
    components = schema["components"]["schemas"]
    return _resolve(components[name], components)


@pytest.mark.parametrize("operation_id", ["applications_document", "notifications_pdf"])
def test_the_pdf_downloads_are_documented_as_pdf_not_json(schema, operation_id):
    ok = _operation(schema, operation_id)["responses"]["200"]
    assert list(ok["content"]) == ["application/pdf"]
    assert ok["content"]["application/pdf"]["schema"] == {"type": "string", "format": "binary"}


@pytest.mark.parametrize(
    "path", ["/api/v1/drafts/", "/api/v1/applications/", "/api/v1/notifications/"]
)
def test_the_paging_bounds_of_the_schema_are_those_the_server_enforces(schema, alice, path):
    api = api_for(alice)
    parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
    limit, offset = parameters["limit"], parameters["offset"]

    def answer(**query):
        return api.get(path, query).status_code

    assert (limit["minimum"], limit["maximum"], offset["minimum"]) == (1, 100, 0)
    assert answer(limit=limit["minimum"] - 1) == 400
    assert answer(limit=limit["minimum"]) == answer(limit=limit["maximum"]) == 200
    assert answer(limit=limit["maximum"] + 1) == 400
    assert answer(offset=offset["minimum"] - 1) == 400
    assert answer(offset=offset["minimum"]) == 200


def test_a_webhook_without_events_is_outside_the_schema_and_refused(schema, alice):
    body = {"url": "https://docketing.example/hague", "events": []}
    assert not Draft202012Validator(_component(schema, "WebhookIn")).is_valid(body)
    answer = post_json(api_for(alice), "/api/v1/webhooks/", body)
    assert answer.status_code == 400
    assert [e["path"] for e in answer.json()["errors"]] == ["events"]


@pytest.mark.parametrize("value", ["", "hague-portal/application@2"])
def test_a_document_of_another_schema_is_outside_the_schema_and_refused(schema, client, value):
    document = {**EXAMPLE_APPLICATION, "schema": value}
    assert not Draft202012Validator(_component(schema, "ApplicationDocument")).is_valid(document)
    answer = client.post("/api/v1/checks/", json.dumps(document), content_type="application/json")
    assert answer.status_code == 400
    assert "schema" in [e["path"] for e in answer.json()["errors"]]
