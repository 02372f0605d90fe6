"""Registration: DM/ + 6 digits from a locked counter, the date of the international registration
(Article 10(2)) and the publication date (item 17)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hague_portal.events.services import unit
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA
from hague_portal.lib.numbers import amount_text
from hague_portal.submissions.models import (
    IRREGULARITY_OPEN,
    ApplicationNumberCounter,
    Irregularity,
)

from ..models import (
    Examination,
    Response,
)
from .common import (
    REGISTRATION_DIGITS,
    REGISTRATION_SERIES,
    ExaminationError,
    I,
    S,
    _locked,
    _record_status,
    _require_open,
    record_date,
)

# --- registration ------------------------------------------------------------------------------


def examination_register(*, examination, by) -> Examination:
    """Register: DM/ + 6 digits from a locked counter, the date of the international
    registration (Article 10(2)) and the publication date (item 17, Rule 17)."""
    if not by.has_perm("examination.register"):
        raise ExaminationError(_("Only a supervisor may register an international design."))
    with unit():
        locked = _locked(examination)
        _require_open(locked)
        _require_registrable(locked, locked.fees_paid)
        submission = locked.submission
        filed_on = submission.received_at.astimezone(GENEVA).date()
        document = document_now(locked)
        locked.registration_date = rule14.registration_date(filed_on, locked.date_postponed_to)
        locked.publication_date = rule14.publication_date(
            locked.registration_date, filed_on, document.get("publication") or {}
        )
        locked.registration_number = registration_number_next()
        before, locked.status = locked.status, S.REGISTERED
        locked.registered_at, locked.time_limit = timezone.now(), None
        locked.save()
        _record_status(
            locked,
            by,
            "application.registered",
            f"Registered as {locked.registration_number} on "
            f"{record_date(locked.registration_date)}; "
            f"publication {record_date(locked.publication_date)}",
            before,
            registration_number=locked.registration_number,
            registration_date=locked.registration_date.isoformat(),
            publication_date=locked.publication_date.isoformat(),
        )
    return locked


def _require_registrable(examination, paid) -> None:
    if examination.status == S.RECEIVED:
        raise ExaminationError(_("The formality checks have not run yet."))
    waiting = Irregularity.objects.filter(
        submission_id=examination.pk,
        status__in=(*IRREGULARITY_OPEN, I.AWAITING_REVIEW),
    ).count()
    if waiting:
        raise ExaminationError(
            ngettext(
                "%(count)d irregularity is still open or awaiting review: remedy or dismiss it "
                "before registering.",
                "%(count)d irregularities are still open or awaiting review: remedy or dismiss "
                "them before registering.",
                waiting,
            )
            % {"count": waiting}
        )
    if paid < examination.fees_expected:
        raise ExaminationError(
            _(
                "%(amount)s CHF of fees is still due: raise a fee irregularity (Rule 14) rather "
                "than register."
            )
            % {"amount": amount_text(examination.fees_expected - paid)}
        )


def registration_number_next() -> str:
    """The next international registration number, "DM/123456": locked like application
    numbers, so never skipped nor reused."""
    ApplicationNumberCounter.objects.bulk_create(
        [ApplicationNumberCounter(series=REGISTRATION_SERIES)], ignore_conflicts=True
    )
    counter = ApplicationNumberCounter.objects.select_for_update().get(series=REGISTRATION_SERIES)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{REGISTRATION_SERIES}/{counter.last:0{REGISTRATION_DIGITS}d}"


def document_now(examination) -> dict:
    """The application as it now stands: the last accepted revision, else as filed."""
    if examination.revision:
        response = Response.objects.filter(
            invitation__examination=examination, revision=examination.revision
        ).first()
        if response is not None:
            return response.document
    return examination.submission.document
