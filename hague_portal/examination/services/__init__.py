"""Writes of the examination: every transition of an application after filing, each an event.

    examination_open(submission=...)                  consumer of application.filed
    irregularity_raise / _confirm / _dismiss          an examiner, from the admin
    invitation_send / invitation_again                Rule 14(1): three months to answer
    response_submit                                   the applicant, online
    irregularities_accept                             an examiner: remedied
    examination_register                              DM/ number, registration and publication
    examination_fees_paid                             payments: a fee shortfall paid
    examinations_lapse / examinations_remind          beat
    application_withdraw                              the applicant, before registration

Each function locks the examination row (select_for_update) so two examiners, or an examiner
and the beat task, cannot both move it; each records its event (events.services.event_record)
in the same transaction, and nothing else: notifications, webhooks and the workbench follow from
the event (events.registry).
"""

from .common import (
    ExaminationError,
    examination_assign,
    examination_checks_done,
    examination_open,
)
from .deadlines import LapseResult, examinations_lapse, examinations_remind
from .invitations import (
    examination_fees_paid,
    invitation_again,
    invitation_send,
    irregularities_accept,
    response_submit,
)
from .irregularities import irregularity_confirm, irregularity_dismiss, irregularity_raise
from .registration import document_now, examination_register, registration_number_next
from .withdrawal import application_withdraw, withdrawal_refused

__all__ = [
    "ExaminationError",
    "application_withdraw",
    "LapseResult",
    "document_now",
    "examination_assign",
    "examination_checks_done",
    "examination_fees_paid",
    "examination_open",
    "examination_register",
    "examinations_lapse",
    "examinations_remind",
    "invitation_again",
    "invitation_send",
    "irregularities_accept",
    "irregularity_confirm",
    "irregularity_dismiss",
    "irregularity_raise",
    "registration_number_next",
    "response_submit",
    "withdrawal_refused",
]
