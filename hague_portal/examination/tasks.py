"""Periodic tasks of the examination (beat): a thin interface over the services."""

from celery import shared_task

from . import services


@shared_task(name="hague_portal.examination.tasks.examinations_lapse")
def examinations_lapse() -> dict:
    """Time limits passed without a response: abandon, or remove the designations concerned."""
    result = services.examinations_lapse()
    return {"abandoned": result.abandoned, "designations_removed": result.designations_removed}


@shared_task(name="hague_portal.examination.tasks.examinations_remind")
def examinations_remind() -> int:
    """Reminders one month and one week before a time limit ends."""
    return services.examinations_remind()
