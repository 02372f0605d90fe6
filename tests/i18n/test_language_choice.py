"""The language switcher and the remembered choice (issue 12)."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def choose(client, language, next_url="/fees/?x=1"):
    return client.post(reverse("language"), {"language": language, "next": next_url})


def test_a_visitor_s_choice_is_a_cookie_for_a_year_and_back_to_the_page(client):
    response = choose(client, "es")
    assert response.status_code == 302 and response.url == "/fees/?x=1"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "es"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert bool(cookie["secure"]) == settings.SESSION_COOKIE_SECURE
    assert client.get("/").headers["Content-Language"] == "es"


def test_a_signed_in_choice_follows_the_user_to_another_browser(client, alice):
    client.force_login(alice)
    choose(client, "fr")
    alice.refresh_from_db()
    assert alice.language == "fr"
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="es")
    elsewhere.force_login(alice)
    response = elsewhere.get(reverse("inbox:list"))
    assert response.headers["Content-Language"] == "fr"


def test_the_account_s_language_wins_over_the_browser_s_cookie(client, alice):
    alice.language = "es"
    alice.save()
    client.force_login(alice)
    client.cookies[COOKIE] = "fr"
    assert client.get("/").headers["Content-Language"] == "es"


def test_without_a_chosen_language_the_browser_decides(client, alice):
    client.force_login(alice)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").headers["Content-Language"] == "fr"


def test_a_language_not_offered_changes_nothing_and_says_so(client, alice):
    client.force_login(alice)
    response = choose(client, "de")
    assert response.status_code == 302 and response.url == "/fees/?x=1"
    assert COOKIE not in response.cookies
    alice.refresh_from_db()
    assert alice.language == ""
    [message] = get_messages(response.wsgi_request)
    assert "English, French or Spanish" in str(message)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_next_elsewhere_than_the_portal_goes_home(client, next_url):
    response = choose(client, "fr", next_url)
    assert response.status_code == 302 and response.url == "/"


def test_choosing_needs_post_and_the_csrf_token(alice):
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(reverse("language")).status_code == 405
    response = browser.post(reverse("language"), {"language": "fr", "next": "/"})
    assert response.status_code == 403


def test_the_switcher_offers_each_language_in_its_own_language(client):
    page = client.get("/fees/?x=1", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for option in (
        '<option value="en" lang="en">English</option>',
        '<option value="fr" lang="fr" selected>Français</option>',
        '<option value="es" lang="es">Español</option>',
    ):
        assert option in page
    assert 'name="next" value="/fees/?x=1"' in page


def test_a_representative_who_must_enrol_a_second_factor_may_still_switch(client, bobs_firm):
    from tests.factories import MembershipFactory, UserFactory

    newcomer = UserFactory(email="newcomer@example.test")
    MembershipFactory(firm=bobs_firm, user=newcomer)
    client.force_login(newcomer)
    response = choose(client, "fr", "/accounts/2fa/totp/activate/")
    assert response.url == "/accounts/2fa/totp/activate/"
    newcomer.refresh_from_db()
    assert newcomer.language == "fr"


def test_signing_in_speaks_the_account_s_language_from_its_first_message(client, alice, password):
    """A visitor on a French browser signs in to an account set to Spanish: the pages are in
    Spanish from then on, and so is the "signed in" message shown on the first of them."""
    from django.template.loader import render_to_string
    from django.utils import translation

    alice.language = "es"
    alice.save()
    client.cookies[COOKIE] = "fr"
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": password}, follow=True
    )
    assert response.headers["Content-Language"] == "es"
    [message] = get_messages(response.wsgi_request)
    with translation.override("es"):
        spanish = render_to_string("account/messages/logged_in.txt", {"user": alice}).strip()
    with translation.override("fr"):
        french = render_to_string("account/messages/logged_in.txt", {"user": alice}).strip()
    assert spanish != french
    assert str(message) == spanish
