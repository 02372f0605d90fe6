"""The core and account pages in French and Spanish (issue 12): the landing page, the error pages,
the firm's pages, joining a firm, API tokens, the firm invitation e-mail. Each page's own part
(title and main): base.html's navigation and footer are checked with the layout."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from hague_portal.accounts.services_firm import invitation_create
from hague_portal.api.tokens import token_create
from hague_portal.lib import emails

from .support import assert_translated, english_leftovers, fetch

pytestmark = pytest.mark.django_db
OWN_PART = ("title", "main")


def test_the_landing_page(client):
    assert_translated(client, "/", within=OWN_PART)


def test_the_firm_s_members_and_clients(client, fiona, bob, vera, acme, bobs_firm):
    invitation_create(firm=bobs_firm, by=fiona, email="newbie@example.test", role="viewer")
    client.force_login(fiona)
    for name in ("firm:detail", "firm:clients", "firm:client_new"):
        assert_translated(client, reverse(name, args=[bobs_firm.pk]), within=OWN_PART)
    edit = reverse("firm:client_edit", args=[bobs_firm.pk, acme.pk])
    assert_translated(client, edit, within=OWN_PART)


def test_a_page_not_allowed_is_403_in_the_reader_s_language(client, vera, bobs_firm):
    client.force_login(vera)
    url = reverse("firm:client_new", args=[bobs_firm.pk])
    assert_translated(client, url, status=403, within=OWN_PART)
    assert "pas faire cela" in fetch(client, url, "fr").content.decode()


def test_without_a_firm_the_firm_page_says_how_to_join_one(client, alice):
    client.force_login(alice)
    assert_translated(client, reverse("firm:home"), within=OWN_PART)


def test_joining_a_firm_signed_out_and_signed_in(client, fiona, bobs_firm):
    invitation = invitation_create(
        firm=bobs_firm, by=fiona, email="newbie@example.test", role="editor"
    )
    url = reverse("firm:join", args=[invitation.token])
    assert_translated(client, url, within=OWN_PART)
    client.force_login(fiona)
    assert_translated(client, url, within=OWN_PART)


def test_an_invitation_link_that_no_longer_works_says_so(client):
    url = reverse("firm:join", args=["no-such-token"])
    assert_translated(client, url, status=400, within=OWN_PART)


def test_the_api_token_pages(client, alice):
    client.force_login(alice)
    token_create(user=alice, name="docketing", scopes=["read"], expires_in_days=30)
    assert_translated(client, reverse("api-tokens"), within=OWN_PART, allow=["docketing"])
    pages = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            data = {"name": "ci", "scopes": ["read", "draft"], "expires_in_days": 7}
            response = client.post(reverse("api-tokens"), data, HTTP_ACCEPT_LANGUAGE=language)
        pages[language] = response.content.decode()
    for language in ("fr", "es"):
        assert not english_leftovers(pages["en"], pages[language], language, within=OWN_PART)


def test_the_server_error_page_needs_no_database_and_no_request_context(
    django_assert_num_queries,
):
    request = RequestFactory().get("/")
    pages = {}
    for language in ("en", "fr", "es"):
        with translation.override(language), django_assert_num_queries(0):
            response = defaults.server_error(request)
        assert response.status_code == 500
        pages[language] = response.content.decode()
    assert '<html lang="fr">' in pages["fr"] and "Une erreur s'est produite" in pages["fr"]
    for language in ("fr", "es"):
        assert not english_leftovers(pages["en"], pages[language], language)


def test_the_firm_invitation_e_mail(fiona, bobs_firm, settings):
    invitation = invitation_create(
        firm=bobs_firm, by=fiona, email="newbie@example.test", role="editor"
    )
    context = {"invitation": invitation, "firm": bobs_firm, "by": fiona, "url": "https://x.test/j"}
    rendered = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            rendered[language] = emails.render("firm_invitation", context)
    for language in ("fr", "es"):
        for part in ("subject", "text", "html"):
            english = getattr(rendered["en"], part)
            translated = getattr(rendered[language], part)
            found = english_leftovers(f"<p>{english}</p>", f"<p>{translated}</p>", language)
            assert not found, (language, part, found)
    assert (
        "vous invite à rejoindre Bob &amp; Partners" in rendered["fr"].text.replace("&", "&amp;")
        or "vous invite à rejoindre Bob & Partners" in rendered["fr"].text
    )


def test_the_bad_request_page_is_the_portal_s_in_the_reader_s_language():
    request = RequestFactory().get("/")
    pages = {}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            response = defaults.bad_request(request, Exception("unreadable"))
        assert response.status_code == 400
        pages[language] = response.content.decode()
    assert "The request could not be understood" in pages["en"]
    for language in ("fr", "es"):
        assert not english_leftovers(pages["en"], pages[language], language)


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_the_sign_in_pages_in_the_portal_s_layout(client, url):
    assert_translated(client, url, within=OWN_PART)


@pytest.mark.parametrize("url", ["/accounts/2fa/", "/accounts/email/"])
def test_the_account_security_pages(client, bob, url):
    client.force_login(bob)
    assert_translated(client, url, within=OWN_PART)
