"""A scratch PostgreSQL database of the run's own on DATABASE_URL's server, and Django set up on it.

Every run creates a database with a name of its own (`hague_bench_<script>_<random>`) and drops
only that one, so two runs on one server never touch each other's data; `--keep` leaves it in
place (its name is printed) and `--reuse NAME` measures a kept one again, never dropping it.
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"  # when DATABASE_URL is unset
# BENCH_DATABASE_PREFIX: another prefix, for a server whose databases are named by convention.
PREFIX = os.environ.get("BENCH_DATABASE_PREFIX") or "hague_bench_"


@dataclass(frozen=True)
class Database:
    name: str
    url: str  # DATABASE_URL for Django and the servers the bench starts
    created: bool  # by this run (dropped at the end unless kept)


@contextmanager
def scratch_database(
    script: str, *, keep: bool = False, reuse: str | None = None, reusable: bool = False
) -> Iterator[Database]:
    """A new database for `script` on DATABASE_URL's server (or `reuse`, an existing one),
    dropped when the block ends, also on Ctrl-C, an exception or SIGTERM, unless `keep`.
    `reusable`: the script takes `--reuse NAME` (said when the database is kept)."""
    server = _server()
    where = f"{server.hostname}:{server.port or 5432}"
    if reuse:
        _require(server, reuse)
        database = Database(reuse, _url(server, reuse), created=False)
        print(f"database: {reuse} on {where}, reused (left in place)")
    else:
        name = _create(server, script)
        database = Database(name, _url(server, name), created=True)
        state = "left in place (--keep)" if keep else "dropped at the end"
        print(f"database: {name} on {where}, created ({state})")
    # SIGTERM (a CI timeout, `kill`) ends the run through the finally below, as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield database
    finally:
        signal.signal(signal.SIGTERM, previous)
        if database.created and not keep:
            _drop(server, database.name)
            print(f"database: {database.name} dropped")
        else:
            user = server.username or "postgres"
            again = f"`--reuse {database.name}` measures it again; " if reusable else ""
            print(
                f"database: {database.name} left in place; {again}drop it with "
                f"`dropdb -h {server.hostname} -p {server.port or 5432} -U {user} {database.name}`"
            )


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _server():
    url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"DATABASE_URL must name a PostgreSQL server, e.g. {DEFAULT_SERVER}")
    return urlsplit(url)


def _url(server, name: str) -> str:
    return server._replace(path=f"/{name}").geturl()


def _admin(server):
    import psycopg

    url = server._replace(scheme="postgresql", path="/postgres").geturl()
    return psycopg.connect(url, autocommit=True)


def _create(server, script: str) -> str:
    import psycopg
    from psycopg import sql

    with _admin(server) as conn:
        for _ in range(5):
            name = f"{PREFIX}{script}_{secrets.token_hex(3)}"
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            except psycopg.errors.DuplicateDatabase:
                continue  # 1 in 16 million: another name
            return name
    sys.exit("could not find a free database name")


def _require(server, name: str) -> None:
    with _admin(server) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not found:
        sys.exit(f"--reuse {name}: no such database (a --keep run prints the name of its own)")


def _drop(server, name: str) -> None:
    """Drop `name`, which this run created: FORCE ends the run's own connections that are still
    open (Django's, a server's or a worker's the bench started)."""
    from psycopg import sql

    _close_django_connections()
    with _admin(server) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _close_django_connections() -> None:
    if "django.db" not in sys.modules:
        return
    from django.conf import settings

    if settings.configured:
        from django.db import connections

        connections.close_all()


def setup_django(database_url: str, *, media_root: str, reference: bool = False) -> None:
    """Django with DEBUG off (production rendering) on `database_url`, migrated; `reference`:
    the reference data imported too. The cache keys get the database's name as a prefix, so
    that runs side by side on one Redis keep their own (the reference data's version)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hague_portal.settings"
    os.environ["MEDIA_ROOT"] = media_root
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("DATABASE_URL must point at PostgreSQL.")
    settings.DEBUG = False  # production renders without template debug information
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.CACHES["default"]["KEY_PREFIX"] = urlsplit(database_url).path.lstrip("/")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if reference:
        call_command(
            "reference_import", dir=str(ROOT / "fixtures" / "reference"), stdout=StringIO()
        )
