"""Withdrawal of an international application by the applicant, before it is registered
(issue 22): a confirmed request, recorded with its date; nothing is registered or published
afterwards (examination_register refuses a closed application, common._require_open)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.events.services import unit
from hague_portal.hague.clock import GENEVA
from hague_portal.submissions.selectors import submission_may_file

from ..models import OPEN_STATUSES, Examination, Invitation, InvitationStatus
from .common import ExaminationError, S, _locked, _record_status, record_date
from .deadlines import refund_due


def withdrawal_refused(*, examination, user) -> str:
    """ "" when `user` may withdraw the application now, else why not (for the user)."""
    if not submission_may_file(user=user, submission=examination.submission):
        return _("Only the applicant or its representative may withdraw the application.")
    if examination.status not in OPEN_STATUSES:
        return _(
            "Application %(number)s is %(status)s: only an application not yet registered, "
            "abandoned or withdrawn can be withdrawn."
        ) % {
            "number": examination.submission.number,
            "status": examination.get_status_display().lower(),
        }
    return ""


def application_withdraw(*, examination, by) -> Examination:
    """Withdraw the application: its open invitations close, no time limit runs any more, and
    the fees are refunded (by the refunds consumer of the application.withdrawn event)."""
    with unit():
        locked = _locked(examination)
        refused = withdrawal_refused(examination=locked, user=by)
        if refused:
            raise ExaminationError(refused)
        # The Guide (DM/1 chapter) says nothing of a refund on withdrawal: refunded as an
        # abandoned application is, the fees paid less the basic fee (Rule 14(3)).
        refund = refund_due(locked)
        before, now = locked.status, timezone.now()
        on = now.astimezone(GENEVA).date()  # the date of the request, in Geneva
        Invitation.objects.filter(
            examination=locked, status__in=(InvitationStatus.OPEN, InvitationStatus.ANSWERED)
        ).update(status=InvitationStatus.WITHDRAWN)
        locked.status, locked.withdrawn_at, locked.refund_amount = S.WITHDRAWN, now, refund
        locked.time_limit, locked.open_irregularities = None, 0
        locked.save()
        _record_status(
            locked,
            by,
            "application.withdrawn",
            f"Withdrawn by the applicant on {record_date(on)}; "
            f"{refund:.2f} CHF refunded (fees paid less the basic fee)",
            before,
            withdrawn_on=on.isoformat(),
            refund=str(refund),
        )
    return locked
