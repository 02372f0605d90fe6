# ruff: noqa: F811 - fixtures imported from tests/submissions/conftest.py
"""Per-application sharing with a client's user, and the client's approval (issue 10).

bob (editor) made a draft for his firm's client ACME and shares it with ACME's contact, Cleo,
who may not have an account yet. Cleo sees that draft only; she approves it at a version."""

import pytest
from django.urls import reverse

from hague_portal.filings.models import Draft, DraftApproval, DraftEvent, DraftShare
from hague_portal.filings.selectors import drafts_visible_to
from hague_portal.filings.services import draft_create
from hague_portal.filings.sharing import draft_approve, share_create
from hague_portal.submissions.selectors import submission_may_file

from ..factories import UserFactory
from ..submissions.conftest import make_draft, media, no_broker, reference_db, submit  # noqa: F401
from .helpers import post_step

pytestmark = pytest.mark.django_db

CLEO = "cleo@acme.test"
SHARING_ACTIONS = ("share.added", "share.revoked", "draft.approved")


@pytest.fixture
def cleo(db):
    return UserFactory(email=CLEO, full_name="Cleo Client")


@pytest.fixture
def draft(bob_draft):
    return bob_draft


def sharing_url(draft):
    return reverse("filings:sharing", args=[draft.id])


def share(client, draft, email=CLEO, role="viewer"):
    return client.post(sharing_url(draft), {"email": email, "role": role})


def approve(client, draft, version=None):
    version = version if version is not None else Draft.objects.get(pk=draft.pk).version
    data = {"seen_version": version, "confirm": "on"}
    return client.post(reverse("filings:approve", args=[draft.id]), data)


# --- sharing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bob", "fiona"])
def test_the_firms_admins_and_editors_share_a_draft_by_email(
    client, persona, draft, mailoutbox, django_capture_on_commit_callbacks, request
):
    client.force_login(request.getfixturevalue(persona))
    with django_capture_on_commit_callbacks(execute=True):
        response = share(client, draft, email="Cleo@ACME.test", role="editor")
    assert response.status_code == 302
    assert DraftShare.objects.get(draft=draft).email == CLEO
    assert [m.to for m in mailoutbox] == [[CLEO]]
    assert sharing_url(draft) in mailoutbox[0].body
    assert DraftEvent.objects.get(draft=draft).action == "share.added"


@pytest.mark.parametrize("persona", ["vera", "erik"])
def test_readers_of_the_draft_may_not_share_it(client, persona, draft, request):
    client.force_login(request.getfixturevalue(persona))
    assert share(client, draft).status_code == 403
    assert not DraftShare.objects.exists()


def test_outsiders_get_404_on_the_sharing_page(client, charlie, draft):
    client.force_login(charlie)
    assert client.get(sharing_url(draft)).status_code == 404
    assert share(client, draft).status_code == 404


def test_sharing_with_a_member_of_the_firm_is_refused_at_the_field(client, bob, vera, draft):
    client.force_login(bob)
    response = share(client, draft, email=vera.email)
    assert response.status_code == 400 and "already has access" in response.content.decode()


def test_an_applicants_own_draft_is_not_shared(client, alice, alice_draft):
    client.force_login(alice)
    assert share(client, alice_draft).status_code == 403


def test_the_page_states_who_may_submit(client, bob, fiona, vera, draft):
    client.force_login(bob)
    section = client.get(sharing_url(draft)).content.decode()
    section = section.split('data-testid="who-submits"')[1].split("</section>")[0]
    assert "Bob Representative" in section and "Fiona Firm-Admin" in section
    assert "Vera" not in section
    assert "neither submits it" in section


# --- what the client sees -----------------------------------------------------------------------


def test_the_share_opens_that_draft_once_the_client_signs_up(client, bob, draft):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    cleo = UserFactory(email=CLEO)  # signs up after the share
    client.force_login(cleo)
    assert client.get(reverse("filings:overview", args=[draft.id])).status_code == 200
    page = client.get(sharing_url(draft)).content.decode()
    assert "I approve this application as it stands at version" in page
    assert 'data-testid="shares"' not in page  # not who else it is shared with
    assert list(drafts_visible_to(user=cleo)) == [draft]


def test_the_client_sees_nothing_else_of_the_firm(client, bob, acme, bobs_firm, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="editor")
    other = draft_create(user=bob, client=acme)
    client.force_login(cleo)
    assert client.get(reverse("filings:overview", args=[other.id])).status_code == 404
    assert client.get(reverse("firm:detail", args=[bobs_firm.pk])).status_code == 404
    assert client.get(reverse("firm:clients", args=[bobs_firm.pk])).status_code == 404
    assert reverse("firm:home") not in client.get(reverse("workbench")).content.decode()


def test_an_unverified_address_opens_nothing(client, bob, draft):
    share_create(draft=draft, by=bob, email=CLEO, role="editor")
    client.force_login(UserFactory(email=CLEO, verified=False))
    assert client.get(reverse("filings:overview", args=[draft.id])).status_code == 404


def test_a_shared_viewer_reads_but_does_not_change(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    client.force_login(cleo)
    response = post_step(client, draft, "description", {"description": "mine"})
    assert response.status_code == 403


def test_a_shared_editor_changes_the_draft_but_does_not_submit_it(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="editor")
    client.force_login(cleo)
    response = post_step(client, draft, "description", {"description": "Seen from the client."})
    assert response.status_code == 302
    assert Draft.objects.get(pk=draft.pk).document["description"] == "Seen from the client."
    version = Draft.objects.get(pk=draft.pk).version
    submit_url = reverse("filings:submit", args=[draft.id])
    response = client.post(submit_url, {"seen_version": version, "confirm": "on"})
    assert response.status_code == 403
    assert Draft.objects.get(pk=draft.pk).status == "draft"


def test_revoking_a_share_ends_access_at_once(client, bob, draft, cleo):
    the_share = share_create(draft=draft, by=bob, email=CLEO, role="editor")
    overview = reverse("filings:overview", args=[draft.id])
    client.force_login(cleo)
    assert client.get(overview).status_code == 200
    firm_client = client.__class__()
    firm_client.force_login(bob)
    firm_client.post(reverse("filings:share_revoke", args=[draft.id, the_share.pk]))
    assert client.get(overview).status_code == 404
    assert DraftEvent.objects.filter(draft=draft, action="share.revoked").exists()


def test_a_viewer_of_the_firm_may_not_revoke(client, bob, vera, draft):
    the_share = share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    client.force_login(vera)
    url = reverse("filings:share_revoke", args=[draft.id, the_share.pk])
    assert client.post(url).status_code == 403
    assert DraftShare.objects.filter(pk=the_share.pk).exists()


# --- approval -----------------------------------------------------------------------------------


def test_the_client_approves_at_a_version_with_user_and_time(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    client.force_login(cleo)
    assert approve(client, draft).status_code == 302
    approval = DraftApproval.objects.get()
    assert (approval.user, approval.version) == (cleo, draft.version)
    assert approval.approved_at is not None
    event = DraftEvent.objects.get(action="draft.approved")
    assert event.actor == cleo and f"version {draft.version}" in event.summary


def test_an_edit_after_approval_marks_it_outdated(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    client.force_login(cleo)
    approve(client, draft)
    bob_client = client.__class__()
    bob_client.force_login(bob)
    page = bob_client.get(sharing_url(draft)).content.decode()
    assert "Current" in page and "Outdated" not in page
    post_step(bob_client, draft, "description", {"description": "Changed after approval."})
    page = bob_client.get(sharing_url(draft)).content.decode()
    assert "Outdated" in page and f"now version {draft.version + 1}" in page


def test_approving_a_version_that_changed_meanwhile_is_refused(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    seen = draft.version
    Draft.objects.filter(pk=draft.pk).update(version=seen + 1)  # bob saved meanwhile
    client.force_login(cleo)
    response = approve(client, draft, version=seen)
    assert "changed after you opened it" in client.get(response.url).content.decode()
    assert not DraftApproval.objects.exists()


def test_approving_needs_the_tick(client, bob, draft, cleo):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    client.force_login(cleo)
    url = reverse("filings:approve", args=[draft.id])
    response = client.post(url, {"seen_version": draft.version})
    assert response.status_code == 400 and "Tick the box" in response.content.decode()
    assert not DraftApproval.objects.exists()


@pytest.mark.parametrize("persona", ["bob", "fiona", "vera", "erik"])
def test_only_the_shared_client_approves(client, persona, draft, request):
    client.force_login(request.getfixturevalue(persona))
    assert approve(client, draft).status_code == 403
    assert not DraftApproval.objects.exists()


def test_an_outsider_approving_gets_404(client, charlie, draft):
    client.force_login(charlie)
    assert approve(client, draft).status_code == 404


# --- after filing -------------------------------------------------------------------------------


def test_the_client_follows_the_filed_application_read_only(
    client,
    bob,
    acme,
    cleo,
    media,
    reference_db,
    no_broker,
):
    filed_draft = make_draft(bob, client=acme, views=1)
    share_create(draft=filed_draft, by=bob, email=CLEO, role="editor")
    submission = submit(filed_draft, bob)
    client.force_login(cleo)
    response = client.get(reverse("submissions:detail", args=[submission.number]))
    assert response.status_code == 200
    assert not submission_may_file(user=cleo, submission=submission)


def test_the_draft_events_join_the_audit_trail_when_filed(bob, acme, cleo, media, reference_db):
    from hague_portal.events.models import Event

    filed_draft = make_draft(bob, client=acme, views=1)
    share_create(draft=filed_draft, by=bob, email=CLEO, role="viewer")
    draft_approve(draft=filed_draft, user=cleo, seen_version=filed_draft.version)
    submission = submit(filed_draft, bob)  # examination_open calls draft_events_audit
    trail = Event.objects.filter(submission=submission, kind__in=SHARING_ACTIONS)
    rows = list(trail.order_by("at", "id").values_list("kind", "actor", "applicant_visible"))
    assert rows == [("share.added", bob.pk, True), ("draft.approved", cleo.pk, True)]


def test_the_review_tells_a_shared_editor_who_submits_instead_of_a_submit_button(
    client, bob, draft, cleo
):
    share_create(draft=draft, by=bob, email=CLEO, role="editor")
    client.force_login(cleo)
    page = client.get(reverse("filings:step", args=[draft.id, "review"])).content.decode()
    assert 'data-testid="shared-no-submit"' in page
    assert 'data-testid="submit-form"' not in page
    client.force_login(bob)
    page = client.get(reverse("filings:step", args=[draft.id, "review"])).content.decode()
    assert 'data-testid="submit-form"' in page


def test_the_client_finds_the_shared_draft_on_the_workbench_and_nothing_else(
    client, bob, acme, draft, cleo
):
    share_create(draft=draft, by=bob, email=CLEO, role="viewer")
    other = draft_create(user=bob, client=acme)
    client.force_login(cleo)
    page = client.get(reverse("workbench")).content.decode()
    assert reverse("filings:overview", args=[draft.id]) in page
    assert reverse("filings:overview", args=[other.id]) not in page
