"""Sign-in, sign-up and two-factor pages are in the portal's layout, with styled forms (issue 8)."""

import re

import pytest
from django.urls import reverse

LAYOUT = 'aria-label="Main navigation"'


def assert_portal_page(html: str) -> None:
    assert LAYOUT in html and "Hague Portal: open-source filing" in html
    assert re.search(r'<main id="main" class="[^"]*\ballauth\b', html)
    assert re.search(r'<input [^>]*class="[^"]*form-control', html)
    assert re.search(r'<button\s+class="btn btn-primary', html)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_entrance_pages_use_the_site_layout_with_bootstrap_fields(client, name):
    assert_portal_page(client.get(reverse(name)).content.decode())


@pytest.mark.django_db
def test_the_two_factor_challenge_uses_the_site_layout(client, bob, password):
    client.post(reverse("account_login"), {"login": bob.email, "password": password})
    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    assert_portal_page(page.content.decode())


@pytest.mark.django_db
def test_two_factor_enrolment_uses_the_site_layout(client, alice, password):
    client.post(reverse("account_login"), {"login": alice.email, "password": password})
    client.post(reverse("account_reauthenticate"), {"password": password})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert_portal_page(page.content.decode())


@pytest.mark.django_db
def test_a_wrong_password_is_said_on_the_sign_in_page(client, alice):
    html = client.post(
        reverse("account_login"), {"login": alice.email, "password": "not-the-password"}
    ).content.decode()
    assert_portal_page(html)
    assert "alert" in html and "not correct" in html
