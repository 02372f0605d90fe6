from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.submissions.conftest import media, no_broker  # noqa: F401 - fixtures of tests/api/test_v1_*

from .webhook_helpers import receivers  # noqa: F401 - real HTTP(S) endpoints for webhooks

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "reference"


@pytest.fixture(autouse=True)
def reference_tables(db):
    """The reference tables as `make setup` loads them."""
    call_command("reference_import", dir=str(FIXTURES), stdout=StringIO())


@pytest.fixture
def generous_rate_limit(settings):
    """A rate limit high enough for property tests that post many documents."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "100000/minute", "token": "100000/minute"},
    }


@pytest.fixture
def schema(client):
    """The token API's OpenAPI schema, as /api/v1/schema/ serves it."""
    return client.get("/api/v1/schema/", {"format": "json"}).json()
