from pathlib import Path

import pytest
from django.db import connection

from tests.once import once_per_run
from tests.submissions.worker import test_database_url

from .server import Gunicorn, collectstatic, production_env


@pytest.fixture(scope="session")
def production_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn with DEBUG off on the test database, static files collected as in the image."""
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("DATABASE_URL is not PostgreSQL: the server must share the test database")
        database_url = test_database_url()
    folder = tmp_path_factory.mktemp("production")
    (folder / "mail").mkdir()
    env = production_env(
        database_url=database_url,
        static_root=_collected(tmp_path_factory, database_url),
        mail=folder / "mail",
    )
    server = Gunicorn(env=env, log_path=folder / "gunicorn.log").start()
    try:
        yield server
    finally:
        server.stop()


def _collected(tmp_path_factory, database_url: str) -> Path:
    """The static files, collected once per run: collectstatic compresses every file, minutes
    on a loaded machine."""
    return once_per_run(
        tmp_path_factory,
        "production-static",
        lambda folder: collectstatic(
            production_env(database_url=database_url, static_root=folder, mail=folder)
        ),
    )
