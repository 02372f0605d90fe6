"""Changes in the Register (issue 23): Alice's registration (2 designs; CH, US, EM) and the
personas of a change in ownership: Alice the holder, Bob the new holder, Charlie never."""

from datetime import date

import pytest

from tests.register.conftest import (  # noqa: F401 - shared fixtures
    media,
    no_broker,
    reference_db,
    registered,
    registered_for_acme,
)

TODAY = date(2026, 3, 2)  # a Monday, two months after the registration

BOB_LTD = {
    "new_holder": {
        "name": "Bob Industries Ltd",
        "address": "1 Rue du Rhône, Geneva",
        "country": "CH",
        "email": "bob@example.test",
        "entitlement": {"establishment": ["CH"]},
    },
    "parties": ["CH", "EM", "US"],
    "designs": [1, 2],
}


def ownership(**changes) -> dict:
    data = {**BOB_LTD, **changes}
    data["new_holder"] = {**BOB_LTD["new_holder"], **changes.get("new_holder", {})}
    return data


@pytest.fixture
def today():
    return TODAY
