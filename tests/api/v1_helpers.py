"""Calling the token API as a docketing system would: a token, JSON in, JSON out."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from jsonschema import Draft202012Validator
from rest_framework.test import APIClient

from hague_portal.api.tokens import token_create
from tests.submissions.conftest import jpeg


def api_for(user, scopes=("read", "draft", "submit"), days=30) -> APIClient:
    _, token = token_create(user=user, name="docketing", scopes=scopes, expires_in_days=days)
    return bearer(token)


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def post_json(api, url, body, **headers):
    return api.post(url, json.dumps(body), content_type="application/json", **headers)


def images(*seeds, dpi=300):
    return [SimpleUploadedFile(f"view-{s}.jpg", jpeg(s, dpi=dpi), "image/jpeg") for s in seeds]


def valid(schema, name, answer):
    """The token API's answer is what its own OpenAPI schema (the `schema` fixture) says."""
    from tests.api.test_schema_and_docs import _resolve

    components = schema["components"]["schemas"]
    Draft202012Validator(_resolve(components[name], components)).validate(answer)
