# ruff: noqa: F811 - fixtures imported from the filings and submissions conftest modules
"""The firm run by its admins: invitations by e-mail, roles, removal (issue 10).

fiona is the admin of bob's firm, bob an editor, vera a viewer; charlie is an outsider and erik
staff (neither a member)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hague_portal.accounts.models import FirmInvitation, FirmMembership, FirmRole
from hague_portal.accounts.services import user_enrol_totp
from hague_portal.accounts.services_firm import invitation_create
from hague_portal.filings.services import draft_create

from ..conftest import TOTP_SECRET
from ..factories import MembershipFactory, UserFactory
from ..filings.conftest import reference  # noqa: F401 - fixture
from ..submissions.conftest import media, reference_db  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def invite(client, firm, email="newbie@example.test", role="editor"):
    return client.post(reverse("firm:invite", args=[firm.pk]), {"email": email, "role": role})


def test_the_firm_page_lists_members_with_their_roles(client, fiona, bob, vera, bobs_firm):
    client.force_login(vera)
    page = client.get(reverse("firm:home"), follow=True).content.decode()
    assert "Bob &amp; Partners" in page
    for member, role in ((fiona, "Administrator"), (bob, "Editor"), (vera, "Viewer")):
        assert member.email in page and role in page
    assert "Send invitation" not in page  # viewers do not manage


def test_the_nav_shows_the_firm_link_to_members_only(client, bob, alice):
    client.force_login(bob)
    assert reverse("firm:home") in client.get(reverse("workbench")).content.decode()
    client.force_login(alice)
    assert reverse("firm:home") not in client.get(reverse("workbench")).content.decode()


def test_an_admin_invites_by_email_with_a_link(
    client, fiona, bobs_firm, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(fiona)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, bobs_firm, email="Newbie@Example.test", role="viewer")
    assert response.status_code == 302
    invitation = FirmInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "newbie@example.test",
        "viewer",
        fiona,
    )
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert [m.to for m in mailoutbox] == [["newbie@example.test"]]
    assert reverse("firm:join", args=[invitation.token]) in mailoutbox[0].body
    assert "Bob & Partners" in mailoutbox[0].subject


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_editors_and_viewers_may_not_invite(client, persona, bobs_firm, request):
    client.force_login(request.getfixturevalue(persona))
    assert invite(client, bobs_firm).status_code == 403
    assert not FirmInvitation.objects.exists()


@pytest.mark.parametrize("persona", ["charlie", "erik"])
def test_outsiders_and_staff_do_not_see_the_firm(client, persona, bobs_firm, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("firm:detail", args=[bobs_firm.pk])).status_code == 404
    assert invite(client, bobs_firm).status_code == 404


def test_inviting_a_member_again_is_refused_at_the_email_field(client, fiona, bob, bobs_firm):
    client.force_login(fiona)
    response = invite(client, bobs_firm, email=bob.email)
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert bob.email in response.content.decode()  # what was typed is kept


def test_an_invalid_address_is_refused_at_its_field(client, fiona, bobs_firm):
    client.force_login(fiona)
    response = invite(client, bobs_firm, email="not-an-address")
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()


# --- accepting ----------------------------------------------------------------------------------


@pytest.fixture
def invitation(fiona, bobs_firm):
    return invitation_create(firm=bobs_firm, by=fiona, email="newbie@example.test", role="editor")


def join_url(invitation):
    return reverse("firm:join", args=[invitation.token])


def test_signed_out_the_link_offers_sign_up_and_sign_in_coming_back(client, invitation):
    page = client.get(join_url(invitation)).content.decode()
    assert "Bob &amp; Partners" in page and "newbie@example.test" in page
    assert f"{reverse('account_signup')}?next={join_url(invitation)}" in page.replace("%2F", "/")
    assert f"{reverse('account_login')}?next={join_url(invitation)}" in page.replace("%2F", "/")


def test_the_invited_user_joins_with_the_role_then_enrols_totp(client, invitation):
    newbie = UserFactory(email="newbie@example.test")
    client.force_login(newbie)
    response = client.post(join_url(invitation))
    assert response.status_code == 302
    assert FirmMembership.objects.get(user=newbie).role == FirmRole.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == newbie and invitation.accepted_at is not None
    # Representatives need a second factor: the firm page sends the new member to enrol.
    response = client.get(response.url)
    assert response.status_code == 302 and reverse("mfa_activate_totp") in response.url


def test_an_invitation_for_another_address_is_refused_with_a_message(client, invitation, charlie):
    client.force_login(charlie)
    response = client.post(join_url(invitation))
    assert response.status_code == 400
    assert "was sent to newbie@example.test" in response.content.decode()
    assert not FirmMembership.objects.filter(user=charlie).exists()


def test_an_unverified_address_does_not_accept(client, invitation):
    newbie = UserFactory(email="newbie@example.test", verified=False)
    client.force_login(newbie)
    assert client.post(join_url(invitation)).status_code == 400
    assert not FirmMembership.objects.filter(user=newbie).exists()


def test_an_expired_invitation_is_refused_with_a_message(client, invitation):
    FirmInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    client.force_login(UserFactory(email="newbie@example.test"))
    response = client.post(join_url(invitation))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not FirmMembership.objects.filter(user__email="newbie@example.test").exists()


def test_a_used_invitation_is_refused_with_a_message(client, invitation):
    newbie = UserFactory(email="newbie@example.test")
    client.force_login(newbie)
    client.post(join_url(invitation))
    FirmMembership.objects.filter(user=newbie).delete()  # removed since
    response = client.post(join_url(invitation))
    assert response.status_code == 400 and "already been used" in response.content.decode()
    assert not FirmMembership.objects.filter(user=newbie).exists()


def test_a_withdrawn_invitation_is_refused(client, fiona, invitation, bobs_firm):
    client.force_login(fiona)
    client.post(reverse("firm:invitation_revoke", args=[bobs_firm.pk, invitation.pk]))
    client.force_login(UserFactory(email="newbie@example.test"))
    response = client.post(join_url(invitation))
    assert response.status_code == 400 and "withdrawn" in response.content.decode()


def test_an_unknown_token_is_refused(client):
    response = client.get(reverse("firm:join", args=["no-such-token"]))
    assert response.status_code == 400 and "not valid" in response.content.decode()


# --- roles and removal ---------------------------------------------------------------------------


def set_role(client, firm, user, role):
    membership = FirmMembership.objects.get(firm=firm, user=user)
    return client.post(reverse("firm:member_role", args=[firm.pk, membership.pk]), {"role": role})


def remove(client, firm, user):
    membership = FirmMembership.objects.get(firm=firm, user=user)
    return client.post(reverse("firm:member_remove", args=[firm.pk, membership.pk]), follow=True)


def test_an_admin_changes_a_members_role(client, fiona, vera, bobs_firm):
    client.force_login(fiona)
    set_role(client, bobs_firm, vera, "editor")
    assert FirmMembership.objects.get(user=vera).role == FirmRole.EDITOR


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_only_admins_change_roles_or_remove(client, persona, fiona, bobs_firm, request):
    client.force_login(request.getfixturevalue(persona))
    assert set_role(client, bobs_firm, fiona, "viewer").status_code == 403
    assert remove(client, bobs_firm, fiona).status_code == 403
    assert FirmMembership.objects.get(user=fiona).role == FirmRole.ADMIN


def test_the_last_admin_cannot_be_demoted(client, fiona, bobs_firm):
    client.force_login(fiona)
    response = set_role(client, bobs_firm, fiona, "editor")
    page = client.get(response.url).content.decode()
    assert "last administrator" in page
    assert FirmMembership.objects.get(user=fiona).role == FirmRole.ADMIN


def test_the_last_admin_cannot_be_removed(client, fiona, bobs_firm):
    client.force_login(fiona)
    page = remove(client, bobs_firm, fiona).content.decode()
    assert "last administrator" in page
    assert FirmMembership.objects.filter(user=fiona).exists()


def test_an_admin_may_step_down_once_another_is_admin(client, fiona, bob, bobs_firm):
    client.force_login(fiona)
    set_role(client, bobs_firm, bob, "admin")
    set_role(client, bobs_firm, fiona, "viewer")
    assert FirmMembership.objects.get(user=fiona).role == FirmRole.VIEWER


def test_a_removed_member_loses_the_firms_applications_at_once(
    client,
    fiona,
    bob,
    acme,
    bobs_firm,
    reference,
):
    draft = draft_create(user=bob, client=acme)  # bob made it himself
    overview = reverse("filings:overview", args=[draft.id])
    client.force_login(bob)
    assert client.get(overview).status_code == 200
    admin = client.__class__()
    admin.force_login(fiona)
    remove(admin, bobs_firm, bob)
    assert client.get(overview).status_code == 404
    assert client.get(reverse("firm:detail", args=[bobs_firm.pk])).status_code == 404


def test_a_member_of_another_firm_cannot_touch_this_firms_members(client, fiona, bobs_firm):
    other_admin = MembershipFactory(role=FirmRole.ADMIN).user
    user_enrol_totp(user=other_admin, secret=TOTP_SECRET)
    client.force_login(other_admin)
    assert set_role(client, bobs_firm, fiona, "viewer").status_code == 404
    assert remove(client, bobs_firm, fiona).status_code == 404


def test_staff_look_up_invitations_in_the_admin_without_their_secret(
    client, erik, password, invitation
):
    from .test_admin_and_roles import sign_in_with_totp

    sign_in_with_totp(client, erik, password)
    listing = client.get(reverse("admin:accounts_firminvitation_changelist"))
    assert listing.status_code == 200 and "newbie@example.test" in listing.content.decode()
    detail = client.get(reverse("admin:accounts_firminvitation_change", args=[invitation.pk]))
    assert detail.status_code == 200 and invitation.token not in detail.content.decode()


def test_a_removed_member_loses_what_he_filed_for_the_firms_client(
    client,
    fiona,
    bob,
    acme,
    bobs_firm,
    media,
    reference_db,
):
    from hague_portal.submissions.selectors import submission_may_file

    from ..submissions.conftest import make_draft, submit

    submission = submit(make_draft(bob, client=acme, views=1), bob)
    detail = reverse("submissions:detail", args=[submission.number])
    client.force_login(bob)
    assert client.get(detail).status_code == 200
    FirmMembership.objects.get(user=bob).delete()  # as member_remove does
    assert client.get(detail).status_code == 404
    assert not submission_may_file(user=bob, submission=submission)
