"""Every transition of the Register after registration (issue 22); each records its event."""

from .common import RegisterError
from .decisions import grant_state, refusal_notify, refusal_withdraw
from .publication import designations_protect, registration_open, registrations_publish
from .second_parts import second_part_due, second_part_pay, second_parts_lapse

__all__ = [
    "RegisterError",
    "designations_protect",
    "grant_state",
    "refusal_notify",
    "refusal_withdraw",
    "registration_open",
    "registrations_publish",
    "second_part_due",
    "second_part_pay",
    "second_parts_lapse",
]
