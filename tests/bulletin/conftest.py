"""Registrations published in the Bulletin (issue 22): the Register's fixtures, published."""

from datetime import date

import pytest

from hague_portal.register import services
from tests.register.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    no_broker,
    olivia,
    reference_db,
    register_application,
    registered,
    submit,
    us_office,
)

PUBLISHED = date(2027, 1, 5)  # a Tuesday: 12 months after the registration of 5 January 2026


def publish(registration, today=PUBLISHED):
    services.registrations_publish(today=today)
    registration.refresh_from_db()
    return registration


@pytest.fixture
def published(registered):  # noqa: F811
    """Alice's registration (2 designs; CH, US, EM), published on Tuesday 5 January 2027."""
    return publish(registered)
