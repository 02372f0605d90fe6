"""The OpenAPI 3 schema and its two documentation pages (assets served locally, no CDN)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_openapi_3_with_both_endpoints(schema):
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/fees/", "/api/v1/checks/"} <= set(schema["paths"])


def test_the_schema_documents_request_response_and_error_bodies(schema):
    fees = schema["paths"]["/api/v1/fees/"]["post"]
    request = fees["requestBody"]["content"]["application/json"]
    assert request["schema"] == {"$ref": "#/components/schemas/ApplicationDocument"}
    assert request["examples"]  # an example application document
    assert set(fees["responses"]) == {"200", "400", "429"}
    components = schema["components"]["schemas"]
    assert {"lines", "total_due_at_filing", "total_due_later"} <= set(
        components["FeeCalculation"]["properties"]
    )
    assert {"findings", "blocking"} <= set(components["Checks"]["properties"])
    assert fees["security"] == [{}]  # public: no authentication


@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_load_their_assets_from_this_server(client, page):
    response = client.get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn.jsdelivr.net" not in html


def _resolve(node, components):
    """The component schema with $refs inlined and OpenAPI 3.0 `nullable` as JSON Schema."""
    if isinstance(node, list):
        return [_resolve(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _resolve(components[node["$ref"].rsplit("/", 1)[1]], components)
    out = {k: _resolve(v, components) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@pytest.fixture
def document_schema(schema):
    components = schema["components"]["schemas"]
    return _resolve(components["ApplicationDocument"], components)


def _examples(schema):
    fees = schema["paths"]["/api/v1/fees/"]["post"]
    return fees["requestBody"]["content"]["application/json"]["examples"]


def test_every_published_example_validates_against_the_schema_and_parses(schema, document_schema):
    # Each example in the docs is a document a client can copy: the schema accepts it and so
    # does the parser that judges every document (with the reference data, as the API does).
    from jsonschema import Draft202012Validator

    from hague_portal.hague.document import parse_application
    from hague_portal.reference.selectors import reference_data

    examples = _examples(schema)
    assert len(examples) >= 2
    for example in examples.values():
        errors = list(Draft202012Validator(document_schema).iter_errors(example["value"]))
        assert errors == [], [e.message for e in errors]
        parse_application(example["value"], reference_data())


def test_the_schema_rejects_what_the_parser_rejects(document_schema):
    from jsonschema import Draft202012Validator

    from hague_portal.api.examples import EXAMPLE_FULL_APPLICATION

    bad = {**EXAMPLE_FULL_APPLICATION, "priorities": [{"office": "CH", "date": "2025-04-15"}]}
    assert not Draft202012Validator(document_schema).is_valid(bad)  # number is required


def _schema_keys(node, path=""):
    """Every property path of the resolved schema, e.g. "annexes.V[].priority"."""
    for key in ("anyOf", "allOf"):  # nullable, or a $ref with a description
        if key in node:
            node = node[key][0]
    if node.get("type") == "array" and "items" in node:
        yield from _schema_keys(node["items"], path + "[]")
    for name, sub in node.get("properties", {}).items():
        yield f"{path}.{name}".lstrip(".")
        yield from _schema_keys(sub, f"{path}.{name}".lstrip("."))


def _document_keys(cls, path=""):
    import dataclasses
    import typing

    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        key = f"{path}.{field.name}".lstrip(".")
        yield key
        hint = hints[field.name]
        optional = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = optional[0] if type(None) in typing.get_args(hint) else hint
        if typing.get_origin(inner) is tuple:
            inner, key = typing.get_args(inner)[0], key + "[]"
        if dataclasses.is_dataclass(inner):
            yield from _document_keys(inner, key)


def test_the_schema_documents_every_part_of_the_document(schema, document_schema):
    # Creators, priorities, annexes (and an Annex V entry's `priority`), items 14-18, ...
    from hague_portal.hague.document import Application

    documented = set(_schema_keys(document_schema))
    missing = sorted(set(_document_keys(Application)) - documented)
    assert missing == []
    assert "annexes.V[].priority" in documented and "creators[].name" in documented
    components = schema["components"]["schemas"]
    assert "priority" in components["Annexes"]["properties"]["V"]["description"]
    assert (
        "index in `priorities`" in components["AnnexEntry"]["properties"]["priority"]["description"]
    )


def test_the_api_accepts_a_design_without_locarno_class(client):
    # Guide, item 8: the Locarno class is not compulsory.
    import copy
    import json

    from hague_portal.api.examples import EXAMPLE_APPLICATION

    body = copy.deepcopy(EXAMPLE_APPLICATION)
    del body["designs"][0]["locarno"]
    body["designs"][1]["locarno"] = None
    response = client.post("/api/v1/checks/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert not response.json()["blocking"]
