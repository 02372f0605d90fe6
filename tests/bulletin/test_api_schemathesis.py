"""Schemathesis against the Bulletin's public endpoints (no token): requests generated from the
published schema, through the WSGI application; no answer is a server error, has an
undocumented status code or content type, or breaks its documented schema. The registration
named in the path is a real published one (a path hook), so the answers carry data."""

from datetime import date

import pytest
import schemathesis
import time_machine
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings

from tests.api.conftest import generous_rate_limit  # noqa: F401 - fixture
from tests.api.test_schemathesis import CHECKS, same_connection  # noqa: F401 - fixture

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).include(path_regex=r"^/api/v1/bulletin/")
schema.config.generation.update(allow_x00=False)
REAL = {}


@pytest.fixture
def bulletin_world(same_connection, published, generous_rate_limit):  # noqa: F811
    REAL["ref"] = published.number.replace("/", "-")
    with time_machine.travel(date(2027, 1, 20), tick=False):
        yield
    REAL.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_bulletin_api_answers_as_its_schema_says(case, bulletin_world):
    if case.path_parameters and "ref" in case.path_parameters:
        case.path_parameters["ref"] = REAL["ref"]
    case.call_and_validate(checks=CHECKS)
