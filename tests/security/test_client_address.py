"""Rate limits count per client address, and a client cannot choose its address (issue 8).

X-Forwarded-For is written by whoever sends the request. Only the entries appended by our own
proxies (TRUSTED_PROXY_COUNT of them, counted from the right) can be believed; with none, the
address is the connection's (REMOTE_ADDR).
"""

import pytest
from django.urls import reverse

from hague_portal.api.examples import EXAMPLE_APPLICATION

FEES = "/api/v1/fees/"


@pytest.fixture
def one_per_minute(settings, reference):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public": "1/minute"},
    }


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def fees(client, xff=None, remote="192.0.2.1"):
    headers = {"X-Forwarded-For": xff} if xff else {}
    return client.post(
        FEES,
        data=EXAMPLE_APPLICATION,
        content_type="application/json",
        headers=headers,
        REMOTE_ADDR=remote,
    )


def test_a_forged_forwarded_for_does_not_escape_the_api_rate_limit(client, one_per_minute):
    assert fees(client, xff="203.0.113.1").status_code == 200

    assert fees(client, xff="203.0.113.2").status_code == 429
    assert fees(client, xff="198.51.100.9, 203.0.113.3").status_code == 429


def test_by_default_the_connection_address_is_the_client(client, one_per_minute):
    assert fees(client, remote="192.0.2.1").status_code == 200

    assert fees(client, remote="192.0.2.2").status_code == 200  # another client
    assert fees(client, remote="192.0.2.1", xff="192.0.2.2").status_code == 429


def test_behind_one_proxy_the_address_it_appended_is_the_client(
    client, one_per_minute, behind_one_proxy
):
    # The proxy (REMOTE_ADDR 10.0.0.1) appends the address it saw; what comes before is forged.
    assert fees(client, xff="203.0.113.7", remote="10.0.0.1").status_code == 200

    assert fees(client, xff="1.1.1.1, 203.0.113.7", remote="10.0.0.1").status_code == 429
    assert fees(client, xff="203.0.113.8", remote="10.0.0.1").status_code == 200


def test_the_setting_drives_both_rate_limiters(settings):
    from django.conf import settings as live

    assert live.TRUSTED_PROXY_COUNT == 0
    assert live.REST_FRAMEWORK["NUM_PROXIES"] == live.TRUSTED_PROXY_COUNT
    assert live.ALLAUTH_TRUSTED_PROXY_COUNT == live.TRUSTED_PROXY_COUNT


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_login_rate_limit(client, alice):
    # ACCOUNT_RATE_LIMITS: 10 failed logins a minute per address, whatever the account.
    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.test", "password": "wrong-password-123"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )

    response = client.post(
        reverse("account_login"),
        {"login": "someone@example.test", "password": "wrong-password-123"},
        headers={"X-Forwarded-For": "203.0.113.99"},
    )

    assert b"Too many failed sign-in attempts" in response.content
