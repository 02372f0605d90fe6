# ruff: noqa: F811 - fixtures imported from tests/submissions/conftest.py
"""Deleting one's account (issue 19), confirmed with the password, when it has filed nothing.

What is only the user's goes (own drafts with their files, memberships, inbox, second factor,
e-mail addresses; tokens revoked, personal webhooks deleted) and every session ends; what others
keep stays with them and names a deleted account. An account that filed, a firm's last
administrator, a current account's holder and staff are told why not, and what can be done."""

from html import unescape
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from hague_portal.accounts.models import FirmMembership, FirmRole, User
from hague_portal.accounts.services import user_enrol_totp
from hague_portal.api.models import ApiToken, Webhook
from hague_portal.api.tokens import token_create
from hague_portal.api.webhooks import webhook_create
from hague_portal.filings.models import Draft, DraftRevision, Reproduction
from hague_portal.payments.models import CurrentAccount
from hague_portal.portfolio.services import calendar_token_reset

from ..conftest import TOTP_SECRET
from ..factories import PASSWORD, MembershipFactory, UserFactory
from ..submissions.conftest import make_draft, submit

pytestmark = pytest.mark.django_db
URL = reverse("privacy:delete")


def page(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def alices_things(alice, media):
    """Alice's own draft with files, a token, a webhook, a calendar link and a second factor."""
    draft = make_draft(alice, designs=1, views=2)
    token_create(user=alice, name="docketing", scopes=["read"], expires_in_days=30)
    webhook_create(user=alice, url="https://alice.example/hook", events=["notification.created"])
    calendar_token_reset(user=alice)
    user_enrol_totp(user=alice, secret=TOTP_SECRET)
    files = [Path(r.file.path) for r in Reproduction.objects.filter(draft=draft)]
    return draft, files


def test_the_page_says_what_happens_and_asks_for_the_password(client, alice, alices_things):
    client.force_login(alice)
    response = client.get(URL)
    html = page(response)
    assert response.status_code == 200
    assert "your 1 draft is deleted, with its files" in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html


def test_a_wrong_password_deletes_nothing_and_says_so_at_the_field(client, alice, alices_things):
    client.force_login(alice)
    response = client.post(URL, {"password": "not-it"})
    assert response.status_code == 400
    assert 'id="password-error"' in response.content.decode()
    assert "This is not your password." in page(response)
    alice.refresh_from_db()
    assert alice.is_active and alice.email == "alice@example.test"
    assert Draft.objects.filter(created_by=alice).exists()


def test_guessing_the_password_is_limited(client, alice):
    client.force_login(alice)
    for _ in range(10):
        client.post(URL, {"password": "guess"})
    response = client.post(URL, {"password": PASSWORD})
    assert "Too many attempts" in page(response)
    assert User.objects.get(pk=alice.pk).is_active


def test_an_applicant_who_filed_nothing_deletes_her_account(
    client, alice, alices_things, django_capture_on_commit_callbacks
):
    draft, files = alices_things
    elsewhere = Client()  # another browser, signed in too
    elsewhere.force_login(alice)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert "Your account was deleted" in page(client.get(response.url, follow=True))
    alice.refresh_from_db()
    assert (alice.email, alice.full_name) == (f"deleted-{alice.pk}@deleted.invalid", "")
    assert not alice.is_active and not alice.has_usable_password()
    assert not Draft.objects.filter(pk=draft.pk).exists()
    assert not any(path.exists() for path in files)
    assert not ApiToken.objects.filter(user=alice, revoked_at=None).exists()
    assert not Webhook.objects.filter(user=alice).exists()
    assert not Authenticator.objects.filter(user=alice).exists()
    assert not EmailAddress.objects.filter(user=alice).exists()
    # Signed out here and in the other browser; the password no longer signs in.
    assert "/accounts/login/" in client.get(reverse("privacy:home")).url
    assert "/accounts/login/" in elsewhere.get(reverse("privacy:home")).url
    assert not Client().login(email="alice@example.test", password=PASSWORD)
    # The address is free again: whoever holds it may make a new account.
    UserFactory(email="alice@example.test")


def test_an_account_that_filed_stays_and_the_page_says_why_and_what_can_be_done(
    client, alice, media
):
    filed = submit(make_draft(alice, views=1), alice)
    client.force_login(alice)
    html = page(client.get(URL))
    assert f"international application: {filed.number}" in html
    assert "International Register's record" in html and "What you can do" in html
    assert 'type="password"' not in html
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 409
    assert User.objects.get(pk=alice.pk).is_active


def test_the_last_administrator_of_a_firm_hands_it_over_first(client, fiona, vera, bobs_firm):
    client.force_login(fiona)
    assert "last administrator of Bob & Partners" in page(client.get(URL))
    assert client.post(URL, {"password": PASSWORD}).status_code == 409
    FirmMembership.objects.filter(user=vera).update(role=FirmRole.ADMIN)
    assert client.post(URL, {"password": PASSWORD}).url == reverse("workbench")
    assert list(FirmMembership.objects.values_list("user__email", "role")) == [
        ("vera@example.test", FirmRole.ADMIN)
    ]


def test_a_member_leaves_and_what_the_firm_keeps_stays_naming_a_deleted_account(
    client, fiona, acme, bobs_firm, media
):
    emma = UserFactory(email="emma@example.test", full_name="Emma Editor")
    MembershipFactory(firm=bobs_firm, user=emma, role=FirmRole.ADMIN)
    user_enrol_totp(user=emma, secret=TOTP_SECRET)  # representatives have one
    firm_draft = make_draft(emma, client=acme, views=1)
    DraftRevision.objects.create(draft=firm_draft, version=1, document={}, saved_by=emma)
    webhook_create(
        user=emma, url="https://firm.example/hook", events=["notification.created"], firm=bobs_firm
    )
    client.force_login(emma)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("workbench")
    creator = User.objects.get(pk=Draft.objects.get(pk=firm_draft.pk).created_by_id)
    assert creator.email == f"deleted-{emma.pk}@deleted.invalid"
    assert Reproduction.objects.filter(draft=firm_draft).exists()
    assert Webhook.objects.filter(firm=bobs_firm).exists()  # the firm's, kept for it
    assert not FirmMembership.objects.filter(user=emma).exists()


def test_the_holder_of_a_current_account_asks_the_bureau_to_close_it_first(client, alice):
    CurrentAccount.objects.create(number="CA-1", holder_name="Alice", owner_user=alice)
    client.force_login(alice)
    assert "WIPO current account CA-1" in page(client.get(URL))
    assert client.post(URL, {"password": PASSWORD}).status_code == 409


def test_staff_accounts_are_closed_by_the_administrators(client, erik):
    client.force_login(erik)
    assert "staff account" in page(client.get(URL))
    assert client.post(URL, {"password": PASSWORD}).status_code == 409
    assert User.objects.get(pk=erik.pk).is_active


def test_the_account_page_is_in_the_account_menu_and_links_both(client, alice):
    client.force_login(alice)
    html = client.get(reverse("workbench")).content.decode()
    assert f'href="{reverse("privacy:home")}"' in html
    home = page(client.get(reverse("privacy:home")))
    assert reverse("privacy:export") in home and URL in home
    assert "International Register's record and stay" in home
