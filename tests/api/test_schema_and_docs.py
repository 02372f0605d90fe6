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
