"""`make run` uses SQLite by default: every migration must apply there from scratch, even when CI
runs the rest of the suite on PostgreSQL (a NULLS LAST index once broke a fresh make run)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.once import once_per_run

ROOT = Path(__file__).resolve().parents[2]


def manage(tmp_path, *command: str) -> str:
    """`manage.py command` on a fresh SQLite database under tmp_path, as `make run` has it; its
    output."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "DEBUG": "true",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A fresh SQLite database with every migration applied: once per run (a minute)."""
    return once_per_run(
        tmp_path_factory, "sqlite", lambda folder: manage(folder, "migrate", "--noinput")
    )


def test_every_migration_applies_to_a_fresh_sqlite_database(migrated):
    output = manage(migrated, "showmigrations", "--plan")
    assert output.count("[X]") > 100 and "[ ]" not in output


SCRIPT = """
from hague_portal.accounts.models import User
from hague_portal.filings.models import Attachment, Draft, Reproduction
from hague_portal.filings.selectors import draft_document

user = User.objects.create(email="sqlite@example.test")
draft = Draft.objects.create(created_by=user, document={"designs": [{"number": 1}]})
views = dict(file="a.jpg", extension="jpg", original_name="a.jpg", width_px=1, height_px=1,
             dpi=300, mode="RGB", size_bytes=1)
Reproduction.objects.create(draft=draft, design_number=1, position=2, sha256="b", **views)
Reproduction.objects.create(draft=draft, design_number=1, position=1, sha256="a", **views)
Attachment.objects.create(draft=draft, kind="annex_I", file="d.pdf", original_name="d.pdf",
                          sha256="d", size_bytes=1, details={"creator": "Jane Doe"})
doc = draft_document(draft)
print([r["sha256"] for r in doc["designs"][0]["reproductions"]], doc["annexes"]["I"][0]["creator"])
"""


def test_a_draft_document_is_read_on_sqlite(migrated):
    """draft_document reads reproductions and annexes in SQL of its own (issue 11): on SQLite
    (`make run`) too, where a draft's id is stored as 32 hex digits (a UUID parameter once
    failed every wizard page there)."""
    output = manage(migrated, "shell", "-c", SCRIPT)
    assert output.strip().splitlines()[-1] == "['a', 'b'] Jane Doe"
