"""An index that PostgreSQL and SQLite can both build."""

from django.db import models


class PortableIndex(models.Index):
    """An index over ordered expressions whose NULLS FIRST/LAST only PostgreSQL builds.

    PostgreSQL needs the nulls order in the index to read an `ORDER BY ... NULLS LAST` from it;
    SQLite, the embedded development database, refuses NULLS in CREATE INDEX (also when Django
    rebuilds a table for a new column), so there the same index is built without it.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql" and self.expressions:
            plain = models.Index(*map(_without_nulls, self.expressions), name=self.name)
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


def _without_nulls(expression):
    if isinstance(expression, models.OrderBy):
        return models.OrderBy(expression.expression, descending=expression.descending)
    return expression
