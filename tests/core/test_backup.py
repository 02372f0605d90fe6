"""Backup and restore (issue 24): an application with its files and PDFs is backed up, restored
into a new PostgreSQL database and an empty media folder by `manage.py restore` as an operator
runs it, and found there with its events and every file's SHA-256 as before."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from hague_portal.events.models import Event
from hague_portal.submissions import services
from hague_portal.submissions.models import Job
from tests.submissions.conftest import REFERENCE_DIR, make_draft, submit
from tests.submissions.worker import test_database_url as database_url_of_tests

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Run in the restored environment: what it holds of the application, as JSON.
READ_BACK = """
import hashlib, json
from django.core.files.storage import default_storage
from hague_portal.submissions.models import Submission

def sha(name):
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()

s = Submission.objects.get(number="{number}")
print(json.dumps({{
    "events": list(s.events.order_by("id").values_list("kind", flat=True)),
    "pdfs": {{f.name: sha(f.name) for f in (s.dm1_pdf, s.receipt_pdf)}},
    "files": {{f["path"]: sha(f["path"]) for f in s.files}},
    "jobs": sorted(s.jobs.values_list("kind", "status")),
}}))
"""


@pytest.fixture
def filed(settings, tmp_path, alice):
    """An application submitted with its files, its jobs run: its DM/1 and receipt PDFs."""
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the restore goes into a second database")
    from hague_portal.reference.services import reference_import

    reference_import(directory=REFERENCE_DIR)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    for job in Job.objects.filter(submission=submission):
        assert services.job_run(job_id=job.pk, task_id=f"task-{job.pk}") == "done"
    submission.refresh_from_db()
    assert submission.dm1_pdf and submission.receipt_pdf
    return submission


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url_of_tests().rsplit("/", 1)[0] + f"/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database_url, media, **extra_env) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media), **extra_env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def sha256(name: str) -> str:
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def as_filed(submission) -> dict:
    return {
        "events": list(Event.objects.filter(submission=submission).order_by("id").values_list("kind", flat=True)),
        "pdfs": {f.name: sha256(f.name) for f in (submission.dm1_pdf, submission.receipt_pdf)},
        "files": {f["path"]: f["sha256"] for f in submission.files},
        "jobs": sorted([k, s] for k, s in submission.jobs.values_list("kind", "status")),
    }  # fmt: skip


@pytest.mark.parametrize("method", ["pg_dump", "dumpdata"])
def test_a_backup_restores_the_application_its_events_and_files_intact(
    filed, empty_database, tmp_path, method
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), database_method=method)
    restored_media = tmp_path / "restored-media"
    result = manage("restore", str(archive), database_url=empty_database, media=restored_media)
    assert result.returncode == 0, result.stderr
    assert "each SHA-256 as in the manifest" in result.stdout
    script = READ_BACK.format(number=filed.number)
    result = manage("shell", "-c", script, database_url=empty_database, media=restored_media)
    assert result.returncode == 0, result.stderr
    before = as_filed(filed)
    assert len(before["events"]) >= 1 and len(before["files"]) == 5  # 4 views and Annex I
    assert json.loads(result.stdout.strip().splitlines()[-1]) == before


def test_the_manifest_names_every_stored_file_with_its_sha256(filed, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    stored = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert manifest["database"]["method"] == "pg_dump"
    assert stored[filed.dm1_pdf.name] == sha256(filed.dm1_pdf.name)
    assert {f["path"]: f["sha256"] for f in filed.files}.items() <= stored.items()


def test_a_damaged_archive_restores_nothing(filed, empty_database, tmp_path):
    archive, damaged = tmp_path / "backup.tar.gz", tmp_path / "damaged.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == f"media/{filed.dm1_pdf.name}":
                data = data.replace(b"%PDF", b"%PDx", 1)
            target.addfile(member, io.BytesIO(data))
    media = tmp_path / "restored-media"
    result = manage("restore", str(damaged), database_url=empty_database, media=media)
    assert result.returncode != 0
    assert f"{filed.dm1_pdf.name}: SHA-256" in result.stderr and "damaged" in result.stderr
    assert not media.exists() or not any(media.rglob("*"))
    tables = manage("shell", "-c", "from django.db import connection; print(len(connection.introspection.table_names()))", database_url=empty_database, media=media)  # fmt: skip
    assert tables.stdout.strip().splitlines()[-1] == "0"


def test_restore_refuses_a_database_that_is_not_empty(filed, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    result = manage(
        "restore", str(archive), database_url=database_url_of_tests(), media=tmp_path / "m"
    )
    assert result.returncode != 0 and "is not empty" in result.stderr
