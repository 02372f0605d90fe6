"""Reads of the reference tables: one in-process ReferenceData snapshot per data version."""

from uuid import uuid4

from django.core.cache import cache

from hague_portal.hague.reference import ReferenceData

from .models import MODELS, columns

VERSION_KEY = "hague_portal.reference:version"

# (version, snapshot) of this process; rebuilt when the shared version changes.
_snapshot: tuple[str | None, ReferenceData | None] = (None, None)


def reference_data() -> ReferenceData:
    """The reference data as the rules core sees it, rebuilt only after a row changed."""
    global _snapshot
    version = _current_version()
    if _snapshot[0] != version or _snapshot[1] is None:
        _snapshot = (version, reference_data_build())
    return _snapshot[1]


def reference_data_build() -> ReferenceData:
    """A fresh snapshot straight from the tables (no cache)."""
    tables = {
        table: list(model.objects.order_by("pk").values(*columns(table)))
        for table, model in MODELS.items()
    }
    return ReferenceData.from_rows(**tables)


def reference_data_changed() -> None:
    """Invalidate every process's snapshot: a new shared version token."""
    cache.set(VERSION_KEY, uuid4().hex, timeout=None)


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Cache cleared or never set: start a new version, so every process rebuilds once.
        cache.add(VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version
