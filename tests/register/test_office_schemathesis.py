"""Schemathesis against the Office's part of the token API (scope `office`, issue 22): requests
generated from the published schema, with the token of the USPTO's user and Alice's real,
published registration in the path; no answer is a server error, has an undocumented status
code or content type, or breaks its documented schema."""

from datetime import date, datetime

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from hague_portal.api.tokens import token_create
from hague_portal.hague.clock import GENEVA
from hague_portal.register import services

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).include(path_regex=r"^/api/v1/office/")
schema.config.generation.update(allow_x00=False)
REAL = {}


@pytest.fixture
def office_world(registered, olivia, settings):  # noqa: F811 - fixtures of the register conftest
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "100000/minute", "token": "100000/minute"},
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    services.registrations_publish(today=date(2027, 1, 5))
    REAL["number"] = registered.number
    with time_machine.travel(datetime(2027, 2, 1, 10, tzinfo=GENEVA), tick=False):
        _, token = token_create(user=olivia, name="st", scopes=["office"], expires_in_days=1)
        yield {"Authorization": f"Bearer {token}"}
    REAL.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_office_api_answers_as_its_schema_says(case, office_world):
    if case.path_parameters and "number" in case.path_parameters:
        case.path_parameters["number"] = REAL["number"]
    case.call_and_validate(headers=office_world, checks=CHECKS)
