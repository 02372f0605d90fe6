"""The portal's API token pages: created and shown once, listed, revoked; a firm admin sees and
revokes the members' tokens; a representative without a second factor is sent to enrol."""

import pytest

from hague_portal.api.models import ApiToken
from hague_portal.api.tokens import token_create, token_hash
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_then_only_its_prefix(client, alice):
    client.force_login(alice)
    data = {"name": "Docketing", "scopes": ["read", "draft"], "expires_in_days": 30}
    created = client.post("/api-tokens/", data)
    secret = created.context["secret"]
    row = ApiToken.objects.get()
    assert row.token_sha256 == token_hash(secret) and row.scopes == ["draft", "read"]
    listing = client.get("/api-tokens/").content.decode()
    assert secret not in listing and f"hp_{row.prefix}_" in listing


def test_a_token_without_a_name_or_scope_is_refused_at_its_fields(client, alice):
    client.force_login(alice)
    response = client.post("/api-tokens/", {"name": "", "expires_in_days": 30})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "scopes"}
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_and_an_outsider_gets_404(client, alice, charlie):
    row, _ = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    client.force_login(charlie)
    assert client.post(f"/api-tokens/{row.pk}/revoke/").status_code == 404
    client.force_login(alice)
    assert client.post(f"/api-tokens/{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None and row.revoked_by == alice


def test_a_firm_admin_sees_and_revokes_a_members_token(client, bob, fiona, vera):
    row, _ = token_create(user=bob, name="bob-docketing", scopes=["read"], expires_in_days=1)
    client.force_login(vera)
    assert "bob-docketing" not in client.get("/api-tokens/").content.decode()
    client.force_login(fiona)
    assert "bob-docketing" in client.get("/api-tokens/").content.decode()
    client.post(f"/api-tokens/{row.pk}/revoke/")
    row.refresh_from_db()
    assert row.revoked_by == fiona


def test_a_representative_without_a_second_factor_is_sent_to_enrol_first(client, bobs_firm):
    newcomer = UserFactory(email="new@example.test")
    MembershipFactory(firm=bobs_firm, user=newcomer)
    client.force_login(newcomer)
    response = client.post("/api-tokens/", {"name": "x", "scopes": ["read"], "expires_in_days": 1})
    assert response.status_code == 302 and "totp" in response.url
    assert not ApiToken.objects.exists()


def test_the_header_links_to_the_token_page(client, alice):
    client.force_login(alice)
    assert 'href="/api-tokens/"' in client.get("/inbox/").content.decode()
