"""`make run` serves on SQLite: the workbench's queries must compile there too (PostgreSQL,
where the suite runs, accepts what SQLite refuses, e.g. ORDER BY inside a UNION's parts)."""

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from hague_portal.portfolio.selectors import firms_and_held_query

pytestmark = pytest.mark.django_db


def test_the_firms_and_held_registrations_union_compiles_for_sqlite(bob):
    sqlite = DatabaseWrapper({"NAME": ":memory:", "ENGINE": "django.db.backends.sqlite3"})
    query = firms_and_held_query(bob).query
    sql, _params = query.get_compiler(connection=sqlite).as_sql()
    assert "UNION ALL" in sql
