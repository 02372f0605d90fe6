"""Failed sign-ins are throttled per account *and* address (issue 19): wrong passwords cannot be
used to lock a user out. The address that fails is slowed down with growing delays and told when
to try again; the owner signing in from another address gets in at once."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"
WRONG = "wrong-password-123"


def sign_in(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def wait_asked(response) -> int | None:
    """The seconds the refusal asks to wait ("Try again in 14 minutes."), None if not refused."""
    found = re.search(r"Try again in (\d+) (second|minute)s?\.", response.content.decode())
    if not found:
        return None
    return int(found[1]) * (60 if found[2] == "minute" else 1)


def test_an_attacker_failing_twenty_times_does_not_lock_the_owner_out(alice, password):
    # The clock stands still: on a loaded machine twenty sign-ins can outlast the 1-minute window.
    with time_machine.travel(timezone.now(), tick=False):
        attacker = Client()
        for _ in range(20):
            sign_in(attacker, alice.email, WRONG, ATTACKER)
        owner = Client()
        response = sign_in(owner, alice.email, password, OWNER)
        assert response.status_code == 302 and signed_in(owner)
        assert wait_asked(sign_in(attacker, alice.email, password, ATTACKER))  # A is held back


def test_an_address_that_keeps_failing_waits_longer_each_time(alice):
    attacker, waits, failures = Client(), [], 0
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(40):
            if len(waits) == 4:
                break
            wait = wait_asked(sign_in(attacker, alice.email, WRONG, ATTACKER))
            if wait is None:
                failures += 1
                continue
            waits.append(wait)
            assert wait_asked(sign_in(attacker, alice.email, WRONG, ATTACKER)) <= wait
            clock.shift(wait)  # comes back exactly when told
    # After 5 failures a minute; then 2 more and about 15 minutes, an hour, a day.
    assert waits == sorted(waits) and len(set(waits)) == 4
    assert waits[0] == 60 and waits[-1] > 22 * 3600
    assert failures == 12


def test_the_refusal_says_when_to_try_again(client, alice, password):
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            sign_in(client, alice.email, WRONG, ATTACKER)
        response = sign_in(client, alice.email, password, ATTACKER)
    assert not signed_in(client)
    assert "Too many failed sign-in attempts from your address. Try again in 1 minute." in (
        response.content.decode()
    )
