"""Accent-insensitive search (issue 24): "Muller" finds "Müller".

PostgreSQL: the `unaccent` extension, a text search configuration `hague_search` (the `simple`
parser's words through the `unaccent` dictionary, then lowercased by `simple`), and the
workbench's GIN index of filings 0005 built again over it: the index expression must be the
one the search writes (`SearchVector("search_text", config=search.SEARCH_CONFIG)`), or
PostgreSQL will not use it. SQLite: nothing to create (`search.register_sqlite_unaccent`).
"""

from django.db import migrations

FORWARD = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS hague_search",
    "CREATE TEXT SEARCH CONFIGURATION hague_search (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION hague_search "
    "ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, "
    "numword, numhword, hword_numpart "
    "WITH unaccent, simple",
    "DROP INDEX IF EXISTS draft_search_gin",
    "CREATE INDEX draft_search_gin ON filings_draft "
    "USING gin (to_tsvector('hague_search'::regconfig, COALESCE((search_text)::text, '')))",
)
BACKWARD = (
    "DROP INDEX IF EXISTS draft_search_gin",
    "CREATE INDEX draft_search_gin ON filings_draft "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE((search_text)::text, '')))",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS hague_search",
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0007_draft_workbench_state"),
        ("portfolio", "0002_export"),
    ]

    operations = [migrations.RunPython(forward, backward)]
