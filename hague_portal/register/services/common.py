"""What the Register's services share: the error they raise, who may act, the events."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.events.services import event_record
from hague_portal.examination.selectors import application_document_now
from hague_portal.hague.clock import GENEVA, geneva_today

from ..models import Designation, DesignationStatus


class RegisterError(ValidationError):
    """A request the Register refuses, with its message at the field concerned
    (`error_dict`) or for the whole request (field None): nothing was changed."""

    def __init__(self, message, field: str | None = None):
        if isinstance(message, dict):  # several fields at once: RegisterError.of
            super().__init__({name: [text] for name, text in message.items()})
        else:
            super().__init__({field or "__all__": [message]})

    @classmethod
    def of(cls, messages: dict[str, str]) -> RegisterError:
        return cls(messages)


def designation_locked(pk) -> Designation:
    """The designation, locked for the change (SELECT ... FOR UPDATE), with what its events
    name: two Offices' or beat's changes to one designation are never interleaved."""
    return (
        Designation.objects.select_for_update()
        .select_related("registration__examination__submission")
        .get(pk=pk)
    )


def today_or(day: date | None) -> date:
    return day or geneva_today()


def moment(today: date) -> datetime:
    """When something the service was told happened on `today` happened: now, or, for a day
    given that is not today in Geneva (the demo's history, a catch-up), that day at the same
    Geneva time, so that its date is the one recorded."""
    now = timezone.now()
    if today == geneva_today():
        return now
    return datetime.combine(today, now.astimezone(GENEVA).time(), tzinfo=GENEVA)


def require_office_of(by, designation: Designation) -> None:
    """Only a user of the Office of the designated party notifies its decisions (Rule 18(1))."""
    office = getattr(by, "office", None)
    if office is None or office.party != designation.party:
        raise RegisterError(
            _("Only the Office of %(party)s may notify a decision on this designation.")
            % {"party": designation.party}
        )


def require_published(designation: Designation, today: date) -> None:
    published = designation.registration.published_on
    if published is None or published > today:
        # Never confirmed to an Office before publication: what is unpublished is confidential.
        raise RegisterError(_("No published international registration designates this party."))


def require_not_cancelled(designation: Designation) -> None:
    if designation.status == DesignationStatus.CANCELLED:
        raise RegisterError(
            _(
                "The international registration was cancelled for %(party)s: nothing more can be "
                "recorded for it."
            )
            % {"party": designation.party}
        )


def design_count(registration) -> int:
    return len(application_document_now(registration.examination).get("designs") or [])


def designs_checked(registration, designs, *, field: str = "designs") -> list[int]:
    """The design numbers a decision concerns, sorted; [] means all of them."""
    count = design_count(registration)
    numbers = sorted({int(n) for n in designs or ()})
    unknown = [n for n in numbers if not 1 <= n <= count]
    if unknown:
        raise RegisterError(
            _("Design %(numbers)s does not exist: this registration has %(count)d design(s).")
            % {"numbers": ", ".join(str(n) for n in unknown), "count": count},
            field,
        )
    return [] if len(numbers) == count else numbers


def designs_words(designs: list[int]) -> str:
    return ", ".join(str(n) for n in designs) if designs else "all"


def record(designation_or_registration, kind: str, summary: str, *, actor=None, **after):
    """The event of a change; `on` (ISO date) is the day the change took effect in the Register
    where the service was given one (the Bulletin dates its entry by it)."""
    registration = getattr(designation_or_registration, "registration", designation_or_registration)
    submission = registration.examination.submission
    if hasattr(designation_or_registration, "party"):
        after.setdefault("party", designation_or_registration.party)
    return event_record(
        submission=submission,
        kind=kind,
        actor=actor,
        summary=summary,
        after={"registration_number": registration.number, **after},
        applicant_visible=True,
    )
