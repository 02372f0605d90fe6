"""Bulletin search at 100,000 registrations (issue 22: p95 < 200 ms, bench/bulletin.py).

PostgreSQL: the `pg_trgm` extension and a trigram GIN index on each searched text column, so
that `LIKE '%chair%'` on the folded holder or products, and `LIKE '% 06 %'` on the classes and
parties, read an index instead of every row. SQLite (`make run`): nothing to create; the same
queries scan the table, which is small there.
"""

from django.db import migrations

COLUMNS = ("number", "holder_folded", "products_folded", "classes", "parties_text")
FORWARD = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS bulletin_entry_{c}_trgm ON bulletin_bulletinentry "
        f"USING gin ({c} gin_trgm_ops)"
        for c in COLUMNS
    ),
)
BACKWARD = tuple(f"DROP INDEX IF EXISTS bulletin_entry_{c}_trgm" for c in COLUMNS)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
