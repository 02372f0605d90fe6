"""Tokens and roles: a token acts with exactly its owner's rights, within its scopes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hague_portal.api.models import ApiToken
from hague_portal.api.tokens import token_create, token_revoke
from tests.submissions.conftest import make_draft, submit

from .v1_helpers import api_for, bearer, post_json

pytestmark = pytest.mark.django_db


def test_no_token_gets_401_with_a_json_error(client):
    response = client.get("/api/v1/drafts/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_the_hash_and_prefix_of_a_token_are_stored(alice):
    row, token = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    assert token not in (row.prefix, row.token_sha256)
    assert token.startswith(f"hp_{row.prefix}_")
    assert bearer(token).get("/api/v1/drafts/").status_code == 200


def test_a_revoked_token_gets_401_saying_so(alice):
    row, token = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    token_revoke(token=row, by=alice)
    response = bearer(token).get("/api/v1/drafts/")
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]


def test_an_expired_token_gets_401_saying_so(alice):
    row, token = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = bearer(token).get("/api/v1/drafts/")
    assert response.status_code == 401
    assert "expired" in response.json()["errors"][0]["message"]


def test_a_wrong_secret_with_a_real_prefix_gets_401(alice):
    row, token = token_create(user=alice, name="x", scopes=["read"], expires_in_days=1)
    assert bearer(token[:-4] + "AAAA").get("/api/v1/drafts/").status_code == 401


def test_a_read_token_may_not_create_a_draft(alice):
    api = api_for(alice, scopes=["read"])
    response = post_json(api, "/api/v1/drafts/", {})
    assert response.status_code == 403
    assert "'draft' scope" in response.json()["errors"][0]["message"]


def test_a_draft_token_may_not_submit(alice, media):
    draft = make_draft(alice, designs=1)
    api = api_for(alice, scopes=["read", "draft"])
    url = f"/api/v1/drafts/{draft.pk}/submit/"
    response = post_json(api, url, {"version": draft.version}, HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 403


def test_an_outsider_gets_404_for_anothers_draft_and_application(alice, charlie, media):
    draft = make_draft(alice, designs=1)
    api = api_for(charlie)
    assert api.get(f"/api/v1/drafts/{draft.pk}/").status_code == 404
    assert api.get(f"/api/v1/drafts/{draft.pk}/checks/").status_code == 404
    body = {"version": draft.version, "document": {"reference": "MINE"}}
    assert api.patch(f"/api/v1/drafts/{draft.pk}/", body, format="json").status_code == 404
    filed = submit(make_draft(alice, designs=1), alice)
    assert api.get(f"/api/v1/applications/{filed.number}/").status_code == 404
    assert api.get("/api/v1/applications/").json()["count"] == 0


def test_a_firm_viewer_reads_the_firms_draft_but_may_not_change_it(bob, vera, acme, media):
    draft = make_draft(bob, client=acme, designs=1)
    api = api_for(vera)
    assert api.get(f"/api/v1/drafts/{draft.pk}/").status_code == 200
    body = {"version": draft.version, "document": {"reference": "VERA"}}
    assert api.patch(f"/api/v1/drafts/{draft.pk}/", body, format="json").status_code == 403
    assert api.delete(f"/api/v1/drafts/{draft.pk}/").status_code == 403
    draft.refresh_from_db()
    assert draft.document["reference"] != "VERA"


def test_a_representative_creates_a_draft_for_a_client_of_the_firm_only(bob, acme, charlie):
    api = api_for(bob)
    assert post_json(api, "/api/v1/drafts/", {}).status_code == 400  # which client?
    created = post_json(api, "/api/v1/drafts/", {"client": acme.pk})
    assert created.status_code == 201
    assert created.json()["document"]["applicants"][0]["name"] == acme.name
    refused = post_json(api_for(charlie), "/api/v1/drafts/", {"client": acme.pk})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["path"] == "client"


def test_a_firm_admin_revokes_a_members_token_and_an_outsider_may_not(bob, fiona, charlie):
    row, token = token_create(user=bob, name="bob's", scopes=["read"], expires_in_days=1)
    with pytest.raises(Exception):  # noqa: B017, PT011 - PermissionDenied
        token_revoke(token=row, by=charlie)
    token_revoke(token=row, by=fiona)
    assert bearer(token).get("/api/v1/drafts/").status_code == 401


def test_a_firm_viewer_reads_the_application_but_may_not_respond_and_an_outsider_sees_nothing(
    bob, vera, fiona, charlie, erik, acme, media
):
    from hague_portal.examination import services as examination

    filed = submit(make_draft(bob, client=acme, designs=1), bob)
    examination.examination_checks_done(submission=filed)
    examination.irregularity_raise(
        examination=filed.examination, by=erik, category="description", message="", parties=["EM"]
    )
    examination.invitation_send(examination=filed.examination, by=erik)
    url = f"/api/v1/applications/{filed.number}/invitations/1/responses/"
    assert api_for(vera).get(f"/api/v1/applications/{filed.number}/").status_code == 200
    assert post_json(api_for(vera), url, {"message": "x"}).status_code == 403
    assert post_json(api_for(charlie), url, {"message": "x"}).status_code == 404
    assert (
        api_for(charlie).get(f"/api/v1/applications/{filed.number}/documents/dm1/").status_code
        == 404
    )
    corrected = {**filed.document, "description": "A chair with three legs."}
    answered = post_json(api_for(fiona), url, {"message": "Corrected.", "document": corrected})
    assert answered.status_code == 201, answered.json()


def test_a_firm_viewer_may_not_submit_the_firms_draft(bob, vera, acme, media, no_broker):
    draft = make_draft(bob, client=acme, designs=1)
    url = f"/api/v1/drafts/{draft.pk}/submit/"
    response = post_json(api_for(vera), url, {"version": 1}, HTTP_IDEMPOTENCY_KEY="v")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_drafts_files_answer_404_to_an_outsider_and_403_to_a_firm_viewer_for_changes(
    bob, vera, charlie, acme, media
):
    draft = make_draft(bob, client=acme, designs=1)
    reproduction, attachment = draft.reproductions.first(), draft.attachments.first()
    urls = [
        f"/api/v1/drafts/{draft.pk}/reproductions/",
        f"/api/v1/drafts/{draft.pk}/reproductions/{reproduction.pk}/",
        f"/api/v1/drafts/{draft.pk}/attachments/",
        f"/api/v1/drafts/{draft.pk}/attachments/{attachment.pk}/",
    ]
    outsider, viewer = api_for(charlie), api_for(vera)
    assert [outsider.get(url).status_code for url in urls] == [404] * 4
    assert [viewer.get(url).status_code for url in urls] == [200] * 4
    for api, expected in ((outsider, 404), (viewer, 403)):
        assert api.patch(urls[1], {"legend_code": "2"}, format="json").status_code == expected
        assert api.delete(urls[1]).status_code == expected
        assert api.delete(urls[3]).status_code == expected
    reproduction.refresh_from_db()
    assert reproduction.legend_code == "1"
    assert draft.attachments.count() == 1


def test_a_file_of_another_draft_is_not_found_under_ones_own_draft(alice, bob, acme, media):
    mine = make_draft(alice, designs=1)
    theirs = make_draft(bob, client=acme, designs=1)
    api = api_for(alice)
    other_view = theirs.reproductions.first().pk
    other_annex = theirs.attachments.first().pk
    assert api.get(f"/api/v1/drafts/{mine.pk}/reproductions/{other_view}/").status_code == 404
    assert api.delete(f"/api/v1/drafts/{mine.pk}/reproductions/{other_view}/").status_code == 404
    assert api.delete(f"/api/v1/drafts/{mine.pk}/attachments/{other_annex}/").status_code == 404
    assert theirs.reproductions.count() == 2 and theirs.attachments.count() == 1


def test_the_files_of_a_submitted_draft_are_kept_with_409(alice, media):
    draft = make_draft(alice, designs=1)
    submit(draft, alice)
    draft.status = "submitted"
    draft.save(update_fields=["status"])
    api = api_for(alice)
    url = f"/api/v1/drafts/{draft.pk}/reproductions/{draft.reproductions.first().pk}/"
    assert api.delete(url).status_code == 409
    assert api.patch(url, {"position": 2}, format="json").status_code == 409
    assert draft.reproductions.count() == 2
