"""Filing through the token API alone: draft, files, checks, fees, submit, acknowledgement."""

import pytest

from hague_portal.filings.models import Draft, Reproduction
from hague_portal.submissions import services as submission_services
from hague_portal.submissions.models import Submission
from tests.submissions.conftest import document

from .v1_helpers import api_for, images, post_json

pytestmark = pytest.mark.django_db


def new_draft(api, **doc_changes):
    response = post_json(api, "/api/v1/drafts/", {"document": document(designs=2, **doc_changes)})
    assert response.status_code == 201, response.json()
    return response.json()


def upload_views(api, draft, design, seeds, dpi=300):
    url = f"/api/v1/drafts/{draft['id']}/reproductions/"
    return api.post(url, {"design_number": design, "files": images(*seeds, dpi=dpi)})


def test_a_two_design_application_is_filed_through_the_api_up_to_the_acknowledgement_email(
    alice, media, no_broker, mailoutbox
):
    api = api_for(alice)
    draft = new_draft(api)
    assert upload_views(api, draft, 1, [11, 12]).status_code == 201
    assert upload_views(api, draft, 2, [21, 22]).status_code == 201

    checks = api.get(f"/api/v1/drafts/{draft['id']}/checks/").json()
    assert checks["blocking"] is False, checks
    fees = api.get(f"/api/v1/drafts/{draft['id']}/fees/").json()
    assert fees["total_due_at_filing"]
    current = api.get(f"/api/v1/drafts/{draft['id']}/").json()
    filed = post_json(
        api,
        f"/api/v1/drafts/{draft['id']}/submit/",
        {"version": current["version"]},
        HTTP_IDEMPOTENCY_KEY="filing-1",
    )
    assert filed.status_code == 201, filed.json()
    number = filed.json()["number"]

    submission = Submission.objects.get(number=number)
    for job in submission.jobs.order_by("id"):  # the pipeline, in-process
        submission_services.job_run(job_id=job.pk, task_id="t")
    assert len(mailoutbox) == 1 and number in mailoutbox[0].subject
    detail = api.get(f"/api/v1/applications/{number}/").json()
    assert {d["kind"] for d in detail["documents"]} >= {"dm1", "acknowledgement"}
    assert [s["kind"] for s in detail["timeline"]][0] == "received"
    dm1 = api.get(f"/api/v1/applications/{number}/documents/dm1/")
    assert dm1.status_code == 200 and b"".join(dm1.streaming_content).startswith(b"%PDF")


def test_a_stale_version_is_refused_with_409_and_the_current_version(alice):
    api = api_for(alice)
    draft = new_draft(api)
    url = f"/api/v1/drafts/{draft['id']}/"
    body = {"version": draft["version"], "document": {"reference": "FIRST"}}
    assert api.patch(url, body, format="json").status_code == 200
    stale = api.patch(url, {**body, "document": {"reference": "SECOND"}}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == draft["version"] + 1
    assert api.get(url).json()["document"]["reference"] == "FIRST"


def test_put_replaces_the_document_and_keys_left_out_are_cleared(alice):
    api = api_for(alice)
    draft = new_draft(api)
    url = f"/api/v1/drafts/{draft['id']}/"
    body = {"version": draft["version"], "document": {"reference": "ONLY"}}
    saved = api.put(url, body, format="json").json()
    assert saved["document"]["reference"] == "ONLY"
    assert not saved["document"].get("designations")


def test_a_bad_document_is_refused_with_every_bad_path(alice):
    api = api_for(alice)
    doc = document(designs=2)
    doc["designs"][1]["locarno"] = "99-99"
    doc["designations"] = ["ZZ"]
    response = post_json(api, "/api/v1/drafts/", {"document": doc})
    assert response.status_code == 400
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"document.designs[1].locarno", "document.designations[0]"} <= paths
    assert not Draft.objects.exists()


def test_a_bad_image_is_refused_at_its_path_and_the_good_one_kept(alice, media):
    api = api_for(alice)
    draft = new_draft(api)
    url = f"/api/v1/drafts/{draft['id']}/reproductions/"
    files = [*images(1), *images(2, dpi=72)]
    response = api.post(url, {"design_number": 1, "files": files})
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["errors"]] == ["files[1]"]
    assert "300" in response.json()["errors"][0]["message"]
    assert Reproduction.objects.filter(draft_id=draft["id"]).count() == 1


def test_a_pdf_annex_is_checked_as_in_the_wizard(alice, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api = api_for(alice)
    draft = new_draft(api)
    url = f"/api/v1/drafts/{draft['id']}/attachments/"
    fake = SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf")
    response = api.post(url, {"kind": "annex_I", "file": fake})
    assert response.status_code == 400
    assert response.json()["errors"]


def test_a_draft_is_deleted_with_its_files(alice, media):
    api = api_for(alice)
    draft = new_draft(api)
    upload_views(api, draft, 1, [1])
    assert api.delete(f"/api/v1/drafts/{draft['id']}/").status_code == 204
    assert not Draft.objects.filter(pk=draft["id"]).exists()
    assert (
        not list((media / "reproductions").rglob("*.jpg"))
        if (media / "reproductions").exists()
        else True
    )


def test_the_list_shows_the_owners_drafts_only(alice, charlie):
    new_draft(api_for(alice))
    assert api_for(alice).get("/api/v1/drafts/").json()["count"] == 1
    assert api_for(charlie).get("/api/v1/drafts/").json()["count"] == 0
