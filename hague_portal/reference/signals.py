"""Cache invalidation only: any saved or deleted reference row makes snapshots stale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import MODELS
from .selectors import reference_data_changed


def _invalidate(**kwargs) -> None:
    # After commit, so that no process rebuilds from a transaction that may still roll back.
    transaction.on_commit(reference_data_changed)


def connect() -> None:
    for model in MODELS.values():
        post_save.connect(
            _invalidate, sender=model, dispatch_uid=f"reference-{model.__name__}-save"
        )
        post_delete.connect(
            _invalidate, sender=model, dispatch_uid=f"reference-{model.__name__}-del"
        )
