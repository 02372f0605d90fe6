"""Beat's side of the changes in the Register: a thin interface over the services."""

from celery import shared_task

from . import services


@shared_task(name="hague_portal.changes.tasks.changes_daily")
def changes_daily() -> dict:
    """Requests not corrected within their time limit are abandoned (Rule 21)."""
    return {"abandoned": services.changes_abandon()}
