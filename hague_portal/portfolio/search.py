"""Accent-insensitive matching: "Muller" finds "Müller", "societe" finds "Société".

On PostgreSQL the full-text search reads the text search configuration `hague_search`
(migration 0003: the `simple` parser's words through the `unaccent` dictionary, then
lowercased), and names are compared through `unaccent()`. On SQLite (`make run`) the same SQL
function `unaccent` is a Python function registered on each connection, so the same queries
work there.
"""

from __future__ import annotations

import unicodedata

from django.db.models import Func, TextField
from django.db.models.functions import Lower

SEARCH_CONFIG = "hague_search"


def fold(text: str) -> str:
    """Lowercase, without accents: what `Folded` makes of a column, done in Python."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def Folded(expression):  # noqa: N802 - an expression, named as Django names its functions
    """lower(unaccent(expression)): compare it with `fold(text)`."""
    return Lower(Unaccent(expression))


def register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    """connection_created: SQLite gets `unaccent` (PostgreSQL has it from its extension)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "unaccent", 1, lambda text: None if text is None else fold(text), deterministic=True
        )
