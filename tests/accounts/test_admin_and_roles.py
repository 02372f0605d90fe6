import pytest
from django.urls import reverse

from hague_portal.accounts.selectors import (
    clients_visible_to,
    user_can_file_for_client,
    user_can_view_client,
)

from ..conftest import totp_now

ADMIN = reverse("admin:index")


def sign_in_with_totp(client, user, password):
    client.post(reverse("account_login"), {"login": user.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})


@pytest.mark.django_db
def test_examiner_reaches_the_admin_after_password_and_totp(client, erik, password):
    sign_in_with_totp(client, erik, password)
    assert client.get(ADMIN).status_code == 200


@pytest.mark.django_db
def test_admin_refuses_a_staff_session_without_a_verified_second_factor(client, erik):
    client.force_login(erik)  # a session that never passed the TOTP challenge
    response = client.get(ADMIN)
    assert response.status_code == 302
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url.startswith(reverse("mfa_reauthenticate"))


@pytest.mark.django_db
def test_admin_sends_anonymous_visitors_to_the_portal_login(client):
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_admin_is_closed_to_representatives_even_with_totp(client, bob, password):
    sign_in_with_totp(client, bob, password)
    response = client.get(ADMIN)
    assert response.status_code in (302, 403)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code in (302, 403)


@pytest.mark.django_db
def test_firm_editors_file_for_clients_viewers_only_read_and_outsiders_neither(
    bob, vera, charlie, acme
):
    assert user_can_file_for_client(user=bob, client=acme)
    assert not user_can_file_for_client(user=vera, client=acme)
    assert user_can_view_client(user=vera, client=acme)
    assert not user_can_view_client(user=charlie, client=acme)
    assert not user_can_file_for_client(user=charlie, client=acme)


@pytest.mark.django_db
def test_workbench_lists_only_the_clients_of_the_users_own_firm(
    client, bob, charlie, acme, password
):
    from ..factories import ClientFactory

    ClientFactory(name="Somebody Else's Client")
    assert list(clients_visible_to(user=bob)) == [acme]
    assert list(clients_visible_to(user=charlie)) == []
    sign_in_with_totp(client, bob, password)
    page = client.get(reverse("workbench")).content.decode()
    assert "ACME Design GmbH" in page
    assert "Somebody Else" not in page
