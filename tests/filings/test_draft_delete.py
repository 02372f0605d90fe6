# ruff: noqa: F811 - fixtures imported from tests/submissions/conftest.py
"""Deleting a draft (issue 19): from the workbench's row or the draft's page, through a
confirmation page; the files leave storage with the rows. Who may file it deletes it: the
applicant who made it, the client firm's admins and editors; not a viewer, not a client's user
it is shared with (even as editor), not staff. A filed application stays: it is the Register's
record."""

from html import unescape
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hague_portal.filings.models import (
    Attachment,
    Draft,
    DraftRevision,
    DraftShare,
    Reproduction,
    ShareRole,
)

from ..api.v1_helpers import api_for
from ..factories import UserFactory
from ..submissions.conftest import make_draft, media, submit  # noqa: F401

pytestmark = pytest.mark.django_db


def delete_url(draft):
    return reverse("filings:delete", args=[draft.id])


def stored_files(draft) -> list[Path]:
    """The draft's files as they lie in MEDIA_ROOT."""
    reproductions = Reproduction.objects.filter(draft=draft)
    names = [r.file.path for r in reproductions] + [r.thumbnail.path for r in reproductions]
    names += [a.file.path for a in Attachment.objects.filter(draft=draft)]
    return [Path(name) for name in names]


@pytest.fixture
def alices_draft(alice, media):
    draft = make_draft(alice, designs=2, views=2)  # 4 reproductions and an Annex I
    DraftRevision.objects.create(draft=draft, version=1, document={}, saved_by=alice)
    for reproduction in Reproduction.objects.filter(draft=draft):  # thumbnails too
        reproduction.thumbnail.save("t.jpg", reproduction.file.open("rb"), save=True)
    return draft


def test_the_confirmation_page_says_what_goes(client, alice, alices_draft):
    client.force_login(alice)
    response = client.get(delete_url(alices_draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert "4 reproductions" in page and "1 attached document" in page
    assert "cannot be undone" in page
    assert 'data-testid="confirm-delete"' in page and "csrfmiddlewaretoken" in page
    assert Draft.objects.filter(pk=alices_draft.pk).exists()  # GET deletes nothing


def test_the_applicant_deletes_her_draft_and_its_files_leave_storage(
    client, alice, alices_draft, media, django_capture_on_commit_callbacks
):
    files = stored_files(alices_draft)
    assert len(files) == 9 and all(path.exists() for path in files)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url(alices_draft))
    assert response.status_code == 302 and response.url == reverse("workbench")
    assert not Draft.objects.filter(pk=alices_draft.pk).exists()
    assert not Reproduction.objects.filter(draft_id=alices_draft.pk).exists()
    assert not Attachment.objects.filter(draft_id=alices_draft.pk).exists()
    assert not DraftRevision.objects.filter(draft_id=alices_draft.pk).exists()
    assert not any(path.exists() for path in files)
    assert not (media / "drafts" / str(alices_draft.pk)).exists()  # nor its folder
    assert "Deleted the draft" in client.get(reverse("workbench")).content.decode()


def test_a_file_left_in_the_drafts_folder_by_an_unfinished_upload_goes_too(
    client, alice, alices_draft, media, django_capture_on_commit_callbacks
):
    orphan = media / "drafts" / str(alices_draft.pk) / "reproductions" / "orphan.jpg"
    orphan.write_bytes(b"an upload whose row was never saved")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete_url(alices_draft))
    assert not orphan.exists()


@pytest.mark.parametrize("persona", ["bob", "fiona"])
def test_the_firms_editors_and_admins_delete_the_firms_draft(
    client, persona, bob, acme, media, request
):
    draft = make_draft(bob, client=acme)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(delete_url(draft)).status_code == 302
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_a_viewer_of_the_firm_may_not_delete_and_is_told_why(client, bob, vera, acme, media):
    draft = make_draft(bob, client=acme)
    client.force_login(vera)
    overview = client.get(reverse("filings:overview", args=[draft.id])).content.decode()
    assert 'data-testid="delete-draft"' not in overview
    refused = client.get(delete_url(draft))
    assert refused.status_code == 403
    assert "Only the administrators and editors of the client's firm" in unescape(
        refused.content.decode()
    )
    assert client.post(delete_url(draft)).status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()


@pytest.fixture
def cleo(bob, acme, media):
    """ACME's contact, with whom bob shared his draft as editor."""
    user = UserFactory(email="cleo@acme.test")
    draft = make_draft(bob, client=acme)
    DraftShare.objects.create(draft=draft, email=user.email, role=ShareRole.EDITOR, shared_by=bob)
    return user, draft


def test_a_client_it_is_shared_with_as_editor_may_change_it_but_not_delete_it(client, cleo):
    user, draft = cleo
    client.force_login(user)
    assert client.get(reverse("filings:overview", args=[draft.id])).status_code == 200
    assert client.post(delete_url(draft)).status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_nor_through_the_api(cleo):
    user, draft = cleo
    assert api_for(user).delete(f"/api/v1/drafts/{draft.pk}/").status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_an_outsider_gets_404(client, charlie, alices_draft):
    client.force_login(charlie)
    assert client.get(delete_url(alices_draft)).status_code == 404
    assert client.post(delete_url(alices_draft)).status_code == 404
    assert Draft.objects.filter(pk=alices_draft.pk).exists()


def test_a_filed_application_stays_and_the_page_says_why(client, alice, media):
    filed = submit(make_draft(alice), alice)
    client.force_login(alice)
    response = client.get(delete_url(filed.draft))
    page = unescape(response.content.decode())
    assert response.status_code == 403
    assert "International Register's record" in page and filed.number in page
    assert 'data-testid="confirm-delete"' not in page
    assert client.post(delete_url(filed.draft)).status_code == 403
    assert Draft.objects.filter(pk=filed.draft_id).exists()


def test_the_workbench_offers_delete_on_the_drafts_the_user_may_delete(
    client, bob, vera, acme, media
):
    draft = make_draft(bob, client=acme)
    submit(make_draft(bob, client=acme), bob)
    client.force_login(bob)
    page = client.get(reverse("workbench")).content.decode()
    assert page.count('data-testid="delete-draft"') == 1  # the draft's row, not the filed one
    assert delete_url(draft) in page
    client.force_login(vera)
    assert 'data-testid="delete-draft"' not in client.get(reverse("workbench")).content.decode()


def test_the_workbench_pays_the_same_queries_for_its_delete_links_whatever_the_rows(
    client, bob, acme, media
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as run:
            client.get(reverse("workbench"))
        return len(run)

    make_draft(bob, client=acme, views=1, annex=False)
    client.force_login(bob)
    one = queries()
    for _ in range(4):
        make_draft(bob, client=acme, views=1, annex=False)
    assert queries() == one
