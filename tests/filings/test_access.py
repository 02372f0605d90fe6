"""Who may open a draft: every URL naming a draft is a 404 for those who may not see it."""

import pytest
from django.http import Http404
from django.urls import reverse

from hague_portal.accounts.models import FirmRole
from hague_portal.filings.models import Draft
from hague_portal.filings.selectors import draft_get_for_user, drafts_visible_to
from hague_portal.filings.services import draft_create
from hague_portal.filings.steps import STEPS

from ..factories import ClientFactory, MembershipFactory, UserFactory
from .helpers import post_step


def draft_urls(draft):
    """(method, url) of every route that names a draft, helper-7's file routes included."""
    d = draft.id
    urls = [("get", reverse("filings:overview", args=[d]))]
    urls += [("get", reverse("filings:step", args=[d, s.key])) for s in STEPS]
    urls += [("post", reverse("filings:step", args=[d, s.key])) for s in STEPS]
    urls += [("post", reverse("filings:autosave", args=[d, "designs"]))]
    urls += [("get", reverse(name, args=[d])) for name in ("filings:panel", "filings:export")]
    urls += [("post", reverse(name, args=[d])) for name in ("filings:duplicate", "filings:submit")]
    urls += [
        ("get", reverse(n, args=[d])) for n in ("filings:reproductions", "filings:attachments")
    ]
    return urls


@pytest.mark.parametrize("owner", ["alice_draft", "bob_draft"])
def test_charlie_gets_404_on_every_draft_url(client, charlie, owner, request):
    draft = request.getfixturevalue(owner)
    client.force_login(charlie)
    for method, url in draft_urls(draft):
        response = getattr(client, method)(url, {"seen_version": draft.version})
        assert response.status_code == 404, (method, url, response.status_code)


def test_anonymous_users_are_sent_to_sign_in(client, alice_draft):
    response = client.get(reverse("filings:overview", args=[alice_draft.id]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_vera_the_viewer_can_read_her_firms_draft(client, vera, bob_draft):
    client.force_login(vera)
    response = client.get(reverse("filings:step", args=[bob_draft.id, "designs"]))
    assert response.status_code == 200
    assert 'data-testid="read-only"' in response.content.decode()


def test_vera_the_viewer_cannot_save_a_step(client, vera, bob_draft):
    client.force_login(vera)
    response = post_step(client, bob_draft, "description", {"description": "mine now"})
    assert response.status_code == 403
    assert Draft.objects.get(pk=bob_draft.pk).version == bob_draft.version


def test_vera_the_viewer_cannot_submit_autosave_or_copy(client, vera, bob_draft):
    client.force_login(vera)
    data = {"seen_version": bob_draft.version}
    assert client.post(reverse("filings:submit", args=[bob_draft.id]), data).status_code == 403
    assert client.post(reverse("filings:duplicate", args=[bob_draft.id])).status_code == 403
    autosave = reverse("filings:autosave", args=[bob_draft.id, "designs"])
    assert client.post(autosave, data).status_code == 404


def test_for_edit_is_a_404_for_a_viewer(vera, bob_draft):
    with pytest.raises(Http404):
        draft_get_for_user(user=vera, draft_id=bob_draft.id, for_edit=True)


def test_a_colleague_editor_of_the_firm_may_edit(bob_draft, bobs_firm):
    colleague = UserFactory()
    MembershipFactory(firm=bobs_firm, user=colleague, role=FirmRole.EDITOR)
    assert draft_get_for_user(user=colleague, draft_id=bob_draft.id, for_edit=True) == bob_draft


def test_erik_the_examiner_reads_but_does_not_edit(client, erik, alice_draft):
    client.force_login(erik)
    assert client.get(reverse("filings:overview", args=[alice_draft.id])).status_code == 200
    assert post_step(client, alice_draft, "description", {"description": "x"}).status_code == 403


def test_bob_cannot_file_for_a_client_of_another_firm(client, bob, reference):
    stranger = ClientFactory()
    client.force_login(bob)
    client.post(reverse("filings:create"), {"client": stranger.pk})
    assert not Draft.objects.filter(created_by=bob).exists()


def test_vera_the_viewer_cannot_start_an_application_for_the_firm(vera, acme, reference):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        draft_create(user=vera, client=acme)


def test_the_workbench_lists_own_and_firm_drafts_only(alice, vera, charlie, alice_draft, bob_draft):
    assert list(drafts_visible_to(user=alice)) == [alice_draft]
    assert list(drafts_visible_to(user=vera)) == [bob_draft]
    assert list(drafts_visible_to(user=charlie)) == []
