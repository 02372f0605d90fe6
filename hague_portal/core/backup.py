"""Backup and restore (issue 24; docs/operations.md, "Backup and restore").

One .tar.gz holds everything the portal keeps: the database dump, every file of the default
storage (uploads, generated PDFs, exports) under media/, and manifest.json, written last, with
the SHA-256 and size of each. The files go through Django's storage API, never a path, so the
same archive comes from (and goes to) the filesystem or object storage.

The database: PostgreSQL's own dump (pg_dump's custom format, restored by pg_restore) when the
database is PostgreSQL and pg_dump is on the PATH; else Django's dumpdata (JSON), which any
database Django supports can load after `migrate` (SQLite, `make run`'s default).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20
DUMP_NAMES = {"pg_dump": "database.pgdump", "dumpdata": "database.json"}


class BackupError(Exception):
    """What stops a backup or a restore, said so an operator knows what to do."""


@dataclass(frozen=True)
class Entry:
    name: str  # inside the archive
    sha256: str
    size: int


# --- backup ------------------------------------------------------------------------------------


def backup_write(*, archive: Path, method: str = "auto") -> dict:
    """Write the archive; returns its manifest. The database first, then the files: a file is
    written before the row naming it commits, and never changed after, so every file the dump
    names is in the archive."""
    method = database_method(method)
    with tempfile.TemporaryDirectory(prefix="hague-backup-") as work:
        dump = Path(work) / DUMP_NAMES[method]
        DUMPERS[method](dump)
        with tarfile.open(archive, "w:gz") as tar:
            database = _add_path(tar, dump, dump.name)
            files = [_add_stored(tar, name) for name in storage_names()]
            manifest = _manifest(method, database, files)
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
    return manifest


def database_method(method: str) -> str:
    postgres = connection.vendor == "postgresql"
    if method == "auto":
        return "pg_dump" if postgres and shutil.which("pg_dump") else "dumpdata"
    if method == "pg_dump" and not (postgres and shutil.which("pg_dump")):
        raise BackupError("pg_dump needs a PostgreSQL database and the pg_dump program on PATH.")
    if method not in DUMP_NAMES:
        raise BackupError(f"Unknown database method {method!r}: pg_dump or dumpdata.")
    return method


def _pg_dump(path: Path) -> None:
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"])


def _dumpdata(path: Path) -> None:
    # Content types and permissions are made again by `migrate` (with other ids): left out, and
    # the rows pointing at them name them by natural key.
    call_command(
        "dumpdata", "--natural-foreign", "--natural-primary", "--exclude=contenttypes",
        "--exclude=auth.permission", f"--output={path}", verbosity=0,
    )  # fmt: skip


DUMPERS = {"pg_dump": _pg_dump, "dumpdata": _dumpdata}


def storage_names(folder: str = "") -> list[str]:
    """Every file of the default storage, sorted (a folder not there yet: none)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, name)) for name in files]
    for sub in folders:
        names += storage_names(str(PurePosixPath(folder, sub)))
    return sorted(names)


def _add_path(tar, path: Path, name: str) -> Entry:
    with path.open("rb") as handle:
        return _add_stream(tar, name, handle, path.stat().st_size)


def _add_stored(tar, name: str) -> dict:
    with default_storage.open(name, "rb") as handle:
        entry = _add_stream(tar, f"media/{name}", handle, default_storage.size(name))
    return {"name": name, "sha256": entry.sha256, "size": entry.size}


def _add_stream(tar, name: str, handle, size: int) -> Entry:
    hashing = _Hashing(handle)
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    tar.addfile(info, hashing)
    return Entry(name=name, sha256=hashing.digest.hexdigest(), size=size)


def _add_bytes(tar, name: str, data: bytes) -> None:
    _add_stream(tar, name, io.BytesIO(data), len(data))


def _manifest(method: str, database: Entry, files: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"method": method, "name": database.name, "sha256": database.sha256},
        "files": files,
    }


class _Hashing:
    """A file object that hashes what is read through it (the archive is written in one pass)."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


# --- restore -----------------------------------------------------------------------------------


def restore_read(*, archive: Path) -> dict:
    """Restore the archive into an empty database and an empty storage, checking every SHA-256
    of the manifest before it is used; returns the manifest."""
    _require_empty()
    with tarfile.open(archive, "r:gz") as tar:
        manifest = _read_manifest(tar)
        _verify(tar, manifest)  # all of it, before anything is loaded or stored
        with tempfile.TemporaryDirectory(prefix="hague-restore-") as work:
            dump = Path(work) / manifest["database"]["name"]
            _extract_checked(tar, manifest["database"], dump)
            LOADERS[manifest["database"]["method"]](dump)
        for entry in manifest["files"]:
            _restore_file(tar, entry)
    return manifest


def _require_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables): restore into a new, empty database."
        )
    if storage_names():
        raise BackupError("The media storage is not empty: restore into an empty one.")


def _read_manifest(tar) -> dict:
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, ValueError) as exc:
        raise BackupError(f"No readable {MANIFEST} in the archive: not a portal backup.") from exc
    if manifest.get("format") != FORMAT or manifest["database"]["method"] not in DUMP_NAMES:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _verify(tar, manifest: dict) -> None:
    expected = {manifest["database"]["name"]: manifest["database"]["sha256"]}
    expected.update((f"media/{f['name']}", f["sha256"]) for f in manifest["files"])
    for member in tar:
        if member.name in expected:
            digest = hashlib.sha256()
            with tar.extractfile(member) as source:
                for chunk in iter(lambda: source.read(CHUNK), b""):
                    digest.update(chunk)
            _check(member.name, digest.hexdigest(), expected.pop(member.name))
    if expected:
        raise BackupError(f"{sorted(expected)[0]} is in the manifest but not in the archive.")


def _member(tar, name: str):
    try:
        return tar.extractfile(name)
    except KeyError as exc:
        raise BackupError(f"{name} is in the manifest but not in the archive.") from exc


def _extract_checked(tar, entry: dict, path: Path) -> None:
    digest = hashlib.sha256()
    with _member(tar, entry["name"]) as source, path.open("wb") as target:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            target.write(chunk)
    _check(entry["name"], digest.hexdigest(), entry["sha256"])


def _restore_file(tar, entry: dict) -> None:
    name = entry["name"]
    with tempfile.SpooledTemporaryFile(max_size=16 * CHUNK) as copy:
        digest = hashlib.sha256()
        with _member(tar, f"media/{name}") as source:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                copy.write(chunk)
        _check(name, digest.hexdigest(), entry["sha256"])  # before anything is stored
        copy.seek(0)
        saved = default_storage.save(name, File(copy, name=name))
    if saved != name:
        raise BackupError(f"{name} was stored as {saved}: the storage was not empty.")


def _check(name: str, found: str, expected: str) -> None:
    if found != expected:
        raise BackupError(
            f"{name}: SHA-256 {found} differs from the manifest's {expected}: the archive is "
            "damaged."
        )


def _pg_restore(path: Path) -> None:
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", f"--dbname={connection.settings_dict['NAME']}", str(path)])  # fmt: skip


def _loaddata(path: Path) -> None:
    call_command("migrate", "--noinput", verbosity=0)
    # Rows made by migrations (groups, reference rows) are replaced by the archive's.
    call_command("loaddata", str(path), verbosity=0)


LOADERS = {"pg_dump": _pg_restore, "dumpdata": _loaddata}


def _run(command: list[str]) -> None:
    """pg_dump or pg_restore on the configured database (libpq's variables: no password in
    the process list)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
    }
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def default_archive_name() -> Path:
    return (
        Path(settings.BASE_DIR)
        / "var"
        / "backups"
        / (f"hague-portal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
    )
