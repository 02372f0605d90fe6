"""Schemathesis against the change operations of the token API (issue 23), with a registration
of Alice's in the paths (tests/api/test_schemathesis.py reaches them only with an application
not registered yet, so 404s): generated requests reach the form and the service, and no answer
is a server error, an undocumented status or outside its documented schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings

from hague_portal.api.tokens import token_create
from hague_portal.changes.models import ChangeKind
from hague_portal.changes.services import change_file
from tests.api.test_schemathesis import CHECKS, same_connection  # noqa: F401 - a fixture
from tests.register.conftest import register_application

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).include(path_regex=r"^/api/v1/(applications/\{number\}/)?changes/")
schema.config.generation.update(allow_x00=False)
REAL = {}


@pytest.fixture
def alices_registration(same_connection, alice, erik, media, no_broker, generous_rate_limit):  # noqa: F811
    registered = register_application(alice, erik)
    change = change_file(
        registration=registered, kind=ChangeKind.RENUNCIATION, user=alice, data={"parties": ["US"]}
    )
    REAL.update(number=registered.examination.submission.number, change_id=change.pk)
    _, token = token_create(user=alice, name="schemathesis", scopes=["read", "submit"],
                            expires_in_days=1)  # fmt: skip
    yield {"Authorization": f"Bearer {token}"}
    REAL.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_change_operations_answer_as_the_schema_says(case, alices_registration):
    for name in REAL:
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = REAL[name]
    case.call_and_validate(headers=alices_registration, checks=CHECKS)
