"""A scratch PostgreSQL database on DATABASE_URL's server, and Django set up on it."""

from __future__ import annotations

import os
import sys
import tempfile
from io import StringIO
from urllib.parse import urlsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"  # when DATABASE_URL is unset


def fresh_database(name: str, *, keep: bool) -> str:
    """`name` on DATABASE_URL's server, dropped if it exists and created empty; its URL."""
    import psycopg
    from psycopg import sql

    url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"DATABASE_URL must name a PostgreSQL server, e.g. {DEFAULT_SERVER}")
    parts = urlsplit(url)
    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()
    os.environ["BENCH_ADMIN_URL"] = admin
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    state = "left in place (--keep)" if keep else "dropped at the end"
    print(f"database: {name} on {parts.hostname}:{parts.port or 5432}, created ({state})")
    return parts._replace(path=f"/{name}").geturl()


def drop_database(name: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with psycopg.connect(os.environ["BENCH_ADMIN_URL"], autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def setup_django(database_url: str, *, media_prefix: str, reference: bool = False) -> None:
    """Django with DEBUG off (production rendering) on `database_url`, migrated; `reference`:
    the reference data imported too."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hague_portal.settings"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix=media_prefix)
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # production renders without template debug information
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if reference:
        call_command("reference_import", stdout=StringIO())
