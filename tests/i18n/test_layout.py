"""base.html in French and Spanish (issue 12): the navigation (visitor, applicant, firm member,
staff), the skip link, the footer and the accessibility statement; the 404 page; our scripts'
messages served by the JavaScript catalogue."""

import pytest

from .support import assert_translated, fetch

pytestmark = pytest.mark.django_db


def test_the_layout_for_a_visitor_and_the_accessibility_statement(client):
    assert_translated(client, "/accessibility/")
    assert_translated(client, "/fees/", within=("header", "footer"))


def test_the_layout_for_a_firm_member_and_for_staff(client, bob, erik):
    for user in (bob, erik):
        client.force_login(user)
        assert_translated(client, "/inbox/", within=("header", "footer"))


def test_the_page_not_found(client, alice):
    assert_translated(client, "/no-such-page/", status=404)
    client.force_login(alice)
    assert_translated(client, "/no-such-page/", status=404)


def test_the_page_names_its_language(client):
    for language in ("en", "fr", "es"):
        assert f'<html lang="{language}">' in fetch(client, "/", language).content.decode()


def test_our_scripts_messages_come_in_the_page_s_language(client):
    french = fetch(client, "/jsi18n/", "fr").content.decode()
    spanish = fetch(client, "/jsi18n/", "es").content.decode()
    assert "Aucun r\\u00e9sultat" in french or "Aucun résultat" in french
    assert "Ning\\u00fan resultado" in spanish or "Ningún resultado" in spanish
