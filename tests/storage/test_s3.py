"""Files in object storage (issue 24): with the default storage on a real S3 HTTP endpoint
(moto_server), a reproduction uploaded through the wizard or the API lands in the bucket and is
shown back only through the permission-checking views; the DM/1 is rendered from the bucket
(WeasyPrint's images and the print copies), stored there and downloaded through its view; the
file checks read the bucket with Pillow and pypdf; a backup takes the bucket's files and a
restore puts them into an empty bucket. MEDIA_ROOT stays absent throughout (s3_media)."""

import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from hague_portal.filings.deletion import draft_file_names, draft_files_delete
from hague_portal.filings.models import Draft, Reproduction
from hague_portal.submissions import filechecks, services
from hague_portal.submissions.models import Job
from tests import s3
from tests.api.v1_helpers import api_for, images, post_json
from tests.core.test_backup import READ_BACK, as_filed, manage
from tests.submissions.conftest import add_reproduction, document, jpeg, make_draft, submit

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def run_jobs(submission):
    for job in Job.objects.filter(submission=submission).order_by("id"):
        assert services.job_run(job_id=job.pk, task_id=f"task-{job.pk}") == "done"
    submission.refresh_from_db()
    return submission


@pytest.fixture
def filed(alice, s3_media, no_broker, reference_db):
    """Alice's application of 1 design, 2 large views, submitted, its jobs run in-process."""
    return run_jobs(submit(make_draft(alice, designs=1, views=2, size=(2400, 1800)), alice))


def test_the_settings_put_the_files_in_the_bucket_named_in_the_environment(tmp_path):
    env = s3.storage_env("http://127.0.0.1:9", "portal-files")
    script = "from django.conf import settings; import json; print(json.dumps(settings.STORAGES['default']))"
    result = manage("shell", "-c", script, database_url="sqlite:///:memory:", media=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == s3.storage_setting(
        "http://127.0.0.1:9", "portal-files"
    )


def test_without_a_bucket_the_files_stay_on_the_filesystem(tmp_path):
    script = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = manage("shell", "-c", script, database_url="sqlite:///:memory:", media=tmp_path)
    assert result.stdout.strip().splitlines()[-1] == "django.core.files.storage.FileSystemStorage"


def test_a_reproduction_uploaded_in_the_wizard_is_kept_in_the_bucket_and_shown_by_its_view(
    client, alice, s3_media, reference_db
):
    draft = Draft.objects.create(created_by=alice, document=document())
    client.force_login(alice)
    upload = SimpleUploadedFile("front.jpg", jpeg(7, size=(1200, 900)), content_type="image/jpeg")
    url = reverse("filings:reproductions", args=[draft.id])
    assert client.post(url, {"files": [upload], "design": "1"}).status_code in (200, 302)
    (row,) = Reproduction.objects.filter(draft=draft)
    keys = s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
    assert row.file.name in keys and row.thumbnail.name in keys
    stored = s3.bucket_read(s3_media["endpoint"], s3_media["bucket"], row.file.name)
    assert hashlib.sha256(stored).hexdigest() == row.sha256
    shown = client.get(reverse("filings:file", args=[draft.id, "reproduction", row.pk]))
    assert shown.status_code == 200 and body(shown) == stored
    thumbnail = client.get(reverse("filings:file", args=[draft.id, "thumbnail", row.pk]))
    assert thumbnail.status_code == 200 and body(thumbnail)[:2] == b"\xff\xd8"  # a JPEG


def test_someone_else_gets_no_file_of_the_bucket(client, alice, charlie, s3_media, reference_db):
    draft = make_draft(alice, views=1, annex=False)
    row = Reproduction.objects.get(draft=draft)
    client.force_login(charlie)
    for kind in ("reproduction", "thumbnail"):
        assert client.get(reverse("filings:file", args=[draft.id, kind, row.pk])).status_code == 404


def test_a_reproduction_uploaded_through_the_api_is_kept_in_the_bucket(
    alice, s3_media, reference_db
):
    api = api_for(alice)
    response = post_json(api, "/api/v1/drafts/", {"document": document()})
    assert response.status_code == 201, response.json()
    draft_id = response.json()["id"]
    response = api.post(
        f"/api/v1/drafts/{draft_id}/reproductions/", {"design_number": 1, "files": images(3)}
    )
    assert response.status_code == 201, response.json()
    row = Reproduction.objects.get(draft_id=draft_id)
    stored = s3.bucket_read(s3_media["endpoint"], s3_media["bucket"], row.file.name)
    assert hashlib.sha256(stored).hexdigest() == response.json()["accepted"][0]["sha256"]


def test_the_dm1_is_rendered_from_the_bucket_and_downloaded_through_its_view(
    client, alice, filed, s3_media
):
    keys = s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
    assert filed.dm1_pdf.name in keys and filed.receipt_pdf.name in keys
    copies = [key for key in keys if key.startswith("print-copies/")]
    assert len(copies) == 2  # the two views, downscaled once, kept in the bucket
    client.force_login(alice)
    response = client.get(reverse("submissions:download", args=[filed.number, "dm1"]))
    assert response.status_code == 200
    pdf = body(response)
    assert pdf == s3.bucket_read(s3_media["endpoint"], s3_media["bucket"], filed.dm1_pdf.name)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Atelier Doe SARL" in text and "1.1" in text and "1.2" in text
    embedded = reader.pages[-1].images
    assert len(embedded) == 2  # the print copies, not the 2400 px originals:
    assert all(max(image.image.size) <= 624 for image in embedded)


def test_the_dm1_of_an_application_is_not_downloaded_by_someone_else(
    client, charlie, filed, s3_media
):
    client.force_login(charlie)
    response = client.get(reverse("submissions:download", args=[filed.number, "dm1"]))
    assert response.status_code == 404


def test_a_second_render_reuses_the_print_copies_in_the_bucket(filed, s3_media):
    from hague_portal.submissions import pipeline
    from hague_portal.submissions.models import Submission

    before = {
        key: s3.bucket_read(s3_media["endpoint"], s3_media["bucket"], key)
        for key in s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
        if key.startswith("print-copies/")
    }
    Submission.objects.filter(pk=filed.pk).update(dm1_pdf="")  # as a staff re-run
    filed.refresh_from_db()
    pipeline.submission_render_dm1(filed)
    after = [
        key
        for key in s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
        if key.startswith("print-copies/")
    ]
    assert sorted(before) == after and filed.dm1_pdf


def test_the_file_checks_read_images_and_annexes_from_the_bucket(alice, s3_media, no_broker):
    draft = make_draft(alice, views=1)
    add_reproduction(draft, 1, 2, jpeg(9, dpi=72))
    default_storage.save("stray.txt", io.BytesIO(b"not read"))  # the checks read only filed files
    submission = submit(draft, alice)
    findings = filechecks.file_findings(submission)
    assert "file.reproduction_dpi" in {f["code"] for f in findings}
    assert all("1.2" in f["message"] for f in findings)  # 1.1 and Annex I read and found right
    assert any("72 dpi" in f["message"] for f in findings)


def test_an_annex_damaged_in_the_bucket_is_reported_by_the_checks(alice, s3_media, no_broker):
    submission = submit(make_draft(alice, views=1), alice)
    (annex,) = [f for f in submission.files if f["role"] != "reproduction"]
    s3.client(s3_media["endpoint"]).put_object(
        Bucket=s3_media["bucket"], Key=annex["path"], Body=b"%PDF-1.7 truncated"
    )
    codes = [f["code"] for f in filechecks.file_findings(submission)]
    assert codes == ["file.attachment_unreadable"]


def test_a_deleted_draft_leaves_nothing_in_the_bucket(alice, s3_media):
    draft = make_draft(alice, views=2)
    names = draft_file_names(draft_id=draft.id)
    assert len(names) == 3  # two views, Annex I
    draft_files_delete(draft_id=draft.id, names=names)
    assert s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"]) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_bucket_restores_into_an_empty_bucket_with_every_sha256(
    filed, s3_media, empty_database, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    target = s3.bucket_create(s3_media["endpoint"])
    env = s3.storage_env(s3_media["endpoint"], target)
    restored = manage(
        "restore", str(archive), database_url=empty_database, media=tmp_path / "x", **env
    )
    assert restored.returncode == 0, restored.stderr
    script = READ_BACK.format(number=filed.number)
    result = manage("shell", "-c", script, database_url=empty_database, media=tmp_path / "x", **env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == as_filed(filed)
    source = s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
    assert s3.bucket_keys(s3_media["endpoint"], target) == source
    assert not (tmp_path / "x").exists()
    s3.bucket_drop(s3_media["endpoint"], target)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_bucket_that_is_not_empty(filed, s3_media, empty_database, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    env = s3.storage_env(s3_media["endpoint"], s3_media["bucket"])  # the bucket in use
    result = manage("restore", str(archive), database_url=empty_database, media=tmp_path, **env)
    assert result.returncode != 0
    assert "media storage is not empty" in result.stderr


def test_the_xlsx_export_is_written_to_the_bucket_and_downloaded_by_its_owner_only(
    client, bob, vera, acme, s3_media, reference_db, no_broker
):
    from openpyxl import load_workbook

    from hague_portal.portfolio import services_exports
    from hague_portal.portfolio.models import Export
    from tests.portfolio.conftest import a_draft

    a_draft(bob, client=acme, reference="FLEET-1")
    client.force_login(bob)
    assert client.post(reverse("portfolio:exports"), {"query": ""}).status_code == 302
    export = Export.objects.get(user=bob)
    assert services_exports.export_run(export_id=export.pk, task_id="task-1") == "done"
    export.refresh_from_db()
    assert export.file.name in s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
    response = client.get(reverse("portfolio:export_download", args=[export.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert "FLEET-1" in [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    client.force_login(vera)
    assert client.get(reverse("portfolio:export_download", args=[export.pk])).status_code == 404


def test_the_registration_certificate_shows_the_reproductions_from_the_bucket(
    alice, erik, s3_media, reference_db, no_broker
):
    from tests.examination.test_certificate import certificate, images, register

    registered = register(alice, erik, "en")
    text, reader = certificate(registered)
    assert "1.1" in text and "2.2" in text
    assert len(images(reader)) == 4  # the four views, read from the bucket
    from hague_portal.notifications.models import Notification, NotificationKind

    notice = Notification.objects.get(kind=NotificationKind.REGISTERED)
    assert notice.pdf.name in s3.bucket_keys(s3_media["endpoint"], s3_media["bucket"])
