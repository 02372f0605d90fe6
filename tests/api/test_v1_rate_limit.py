"""The token API is rate limited per token (API_TOKEN_RATE, issue 19): beyond it, 429 with
Retry-After; each token counts its own requests; while Redis is down requests go through."""

import os

import pytest
from django.core.cache import cache

from hague_portal.api.tokens import token_create

from .v1_helpers import api_for, bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "token": "3/minute",
        },
    }


def test_requests_beyond_the_tokens_rate_answer_429_with_retry_after(alice, three_a_minute):
    api = api_for(alice)
    statuses = [api.get("/api/v1/drafts/").status_code for _ in range(3)]

    response = api.get("/api/v1/applications/")

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    [error] = response.json()["errors"]
    assert error["message"].startswith("Too many requests: the limit is 3/minute per token.")
    assert int(response["Retry-After"]) > 0


def test_each_token_counts_its_own_requests(alice, charlie, three_a_minute):
    busy = api_for(alice)
    for _ in range(3):
        busy.get("/api/v1/drafts/")
    assert busy.get("/api/v1/drafts/").status_code == 429

    assert api_for(alice).get("/api/v1/drafts/").status_code == 200  # her other token
    assert api_for(charlie).get("/api/v1/drafts/").status_code == 200


def test_the_default_rate_is_the_documented_setting(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"] == "300/minute"


def test_while_redis_is_down_token_requests_go_through(alice, three_a_minute, settings):
    # docs/operations.md: while Redis is down the cache's errors are ignored and limits let requests
    # through (the settings' own cache configuration, pointed at a port where nothing listens).
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: without Redis the cache is in-process (nothing to lose)")
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/1"}
    }
    assert cache.get("anything") is None  # the dead cache, and it does not raise
    _, token = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    api = bearer(token)

    statuses = {api.get("/api/v1/drafts/").status_code for _ in range(5)}

    assert statuses == {200}


def test_the_limit_and_its_answer_are_in_the_schema(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    answers = schema["paths"]["/api/v1/drafts/"]["get"]["responses"]
    assert "429" in answers and "API_TOKEN_RATE" in answers["429"]["description"]
