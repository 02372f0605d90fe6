"""Periodic tasks of the Register (beat): a thin interface over the services."""

from celery import shared_task

from . import services
from .services.renewals_lapse import renewals_lapse
from .services.renewals_remind import renewals_remind


@shared_task(name="hague_portal.register.tasks.register_daily")
def register_daily() -> dict:
    """Publication on its date (Rule 17), protection at the end of a refusal period without a
    refusal (Article 14(2)(a)), cancellation for a second part not paid (Rule 12(3)(d))."""
    return {
        "published": services.registrations_publish(),
        "protected": services.designations_protect(),
        "cancelled": services.second_parts_lapse(),
        "reminded": renewals_remind(),
        "lapsed": renewals_lapse(),
    }
