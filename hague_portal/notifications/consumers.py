"""The notifications consumer of the event stream: what the International Bureau sends the
applicant and its representative for each kind of event (a notification in their inboxes, an
e-mail alert each, the letter as its PDF), worded in the application's language (WIPO writes to
the applicant in the language of the application, Rule 6(1)).

Each builder reads what it needs from the event and the rows it names; it is run once per event
(events.services claims the delivery), and may be run again after a failure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hague_portal.correspondence.models import Message
from hague_portal.events.registry import Consumer
from hague_portal.examination.models import Examination, Invitation
from hague_portal.hague import irregularities as rule14
from hague_portal.lib.numbers import amount_text
from hague_portal.submissions.models import Irregularity
from hague_portal.submissions.selectors import application_language

from .change_notices import CHANGE_BUILDERS, change_recipients
from .models import NotificationKind
from .register_notices import REGISTER_BUILDERS
from .renewal_notices import RENEWAL_BUILDERS
from .services import notification_send


def long_date(day) -> str:
    """ "1 March 2027", as the International Bureau writes a date in the active language."""
    return dateformat.format(day, _("j F Y"))


def _iso(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _rows(ids) -> list[Irregularity]:
    return list(Irregularity.objects.filter(pk__in=ids or []).order_by("id"))


def _examination(event) -> Examination:
    return Examination.objects.select_related("submission").get(pk=event.submission_id)


# --- one builder per kind: (kind of notification, title, body, pdf bytes, pdf name) ------------


def _invitation(event):
    invitation = Invitation.objects.get(pk=event.after["invitation"])
    count = len(event.after.get("irregularities") or []) or invitation.irregularities.count()
    number = event.submission.number
    body = ngettext(
        "The International Bureau found %(count)d irregularity in international "
        "application %(number)s. Correct it by %(date)s (Rule 14(1): three months from "
        "the date of the invitation); otherwise the application will be considered "
        "abandoned. Respond online from the application's page.",
        "The International Bureau found %(count)d irregularities in international "
        "application %(number)s. Correct them by %(date)s (Rule 14(1): three months from "
        "the date of the invitation); otherwise the application will be considered "
        "abandoned. Respond online from the application's page.",
        count,
    ) % {"count": count, "number": number, "date": long_date(invitation.time_limit)}
    with invitation.letter_pdf.open("rb") as letter:
        pdf = letter.read()
    return (
        NotificationKind.INVITATION,
        _("Invitation to correct irregularities: application %(number)s") % {"number": number},
        body,
        pdf,
        invitation.letter_pdf.name.rsplit("/", 1)[-1],
    )


def _reminder(event):
    invitation = Invitation.objects.get(pk=event.after["invitation"])
    values = {"number": event.submission.number, "date": long_date(invitation.time_limit)}
    if event.after.get("week"):
        body = _(
            "Reminder: one week is left to correct the irregularities in international "
            "application %(number)s. The time limit ends on %(date)s (Rule 14(1)); after it the "
            "application will be considered abandoned. Respond online from the application's page."
        )
    else:
        body = _(
            "Reminder: one month is left to correct the irregularities in international "
            "application %(number)s. The time limit ends on %(date)s (Rule 14(1)); after it the "
            "application will be considered abandoned. Respond online from the application's page."
        )
    title = _("Time limit ends %(date)s: application %(number)s") % values
    return NotificationKind.REMINDER, title, body % values, None, ""


def _remedied(event):
    labels = "; ".join(
        rule14.kind_of(row.category).label for row in _rows(event.after.get("irregularities"))
    )
    body = _("The International Bureau considers remedied: %(irregularities)s.") % {
        "irregularities": labels
    }
    postponed = _iso(event.after.get("date_postponed_to"))
    if postponed:
        body += " " + _(
            "The date of the international registration will be %(date)s, the date the "
            "correction was received (Article 10(2))."
        ) % {"date": long_date(postponed)}
    title = _("Irregularities remedied: application %(number)s") % {
        "number": event.submission.number
    }
    return NotificationKind.REMEDIED, title, body, None, ""


def _registered(event):
    from hague_portal.examination.letters import registration_certificate

    examination = _examination(event)
    values = {
        "number": event.submission.number,
        "registration": examination.registration_number,
        "date": long_date(examination.registration_date),
        "publication": long_date(examination.publication_date),
    }
    return (
        NotificationKind.REGISTERED,
        _("International registration %(registration)s (application %(number)s)") % values,
        _(
            "International application %(number)s is registered as %(registration)s. Date "
            "of the international registration: %(date)s. Publication in the International "
            "Designs Bulletin: %(publication)s."
        )
        % values,
        registration_certificate(examination=examination),
        f"{examination.registration_number.replace('/', '-')}-certificate.pdf",
    )


def _abandoned(event):
    from hague_portal.examination.letters import abandonment_letter

    examination = _examination(event)
    number = event.submission.number
    refund = Decimal(event.after.get("refund") or "0")
    return (
        NotificationKind.ABANDONED,
        _("Application %(number)s considered abandoned") % {"number": number},
        _(
            "The irregularities in international application %(number)s were not remedied "
            "within the time limit, so the application is considered abandoned (Rule 14(3)). "
            "%(refund)s CHF is refunded: the fees paid less an amount corresponding to the "
            "basic fee."
        )
        % {"number": number, "refund": amount_text(refund)},
        abandonment_letter(
            examination=examination, irregularities=_rows(event.after.get("irregularities"))
        ),
        f"{number}-abandoned.pdf",
    )


def _designation_removed(event):
    removed = set(event.after.get("designations_removed") or [])
    parties = sorted(removed - set((event.before or {}).get("designations_removed") or []))
    names = ", ".join(parties)
    return (
        NotificationKind.DESIGNATION_REMOVED,
        _("Designation(s) %(parties)s deemed not made: application %(number)s")
        % {"parties": names, "number": event.submission.number},
        _(
            "What %(parties)s requires (identity of the creator, description or claim, "
            "Article 5(2)) was not received within the time limit, so the application is "
            "deemed not to contain the designation of %(parties)s. It goes on for the other "
            "designated Contracting Parties."
        )
        % {"parties": names},
        None,
        "",
    )


def _withdrawn(event):
    number = event.submission.number
    values = {
        "number": number,
        "date": long_date(_iso(event.after["withdrawn_on"])),
        "refund": amount_text(Decimal(event.after.get("refund") or "0")),
    }
    return (
        NotificationKind.WITHDRAWN,
        _("Application %(number)s withdrawn") % values,
        _(
            "International application %(number)s is withdrawn, at your request of %(date)s. "
            "It will not be registered or published. %(refund)s CHF is refunded: the fees paid "
            "less an amount corresponding to the basic fee."
        )
        % values,
        None,
        "",
    )


def _answered(event):
    message = Message.objects.prefetch_related("files").get(pk=event.after["message"])
    number = event.submission.number
    body = _("The International Bureau answered about international application %(number)s:") % {
        "number": number
    }
    body += f"\n\n{message.subject}\n\n{message.body}"
    names = [f.original_name for f in message.files.all()]
    if names:
        body += "\n\n" + _("Attached: %(files)s. Download them from the application's page.") % {
            "files": ", ".join(names)
        }
    return (
        NotificationKind.MESSAGE,
        _("Answer from the International Bureau: application %(number)s") % {"number": number},
        body,
        None,
        "",
    )


BUILDERS = {
    "invitation.sent": _invitation,
    "invitation.again": _invitation,
    "reminder.sent": _reminder,
    "irregularity.remedied": _remedied,
    "application.registered": _registered,
    "application.abandoned": _abandoned,
    "designation.removed": _designation_removed,
    **REGISTER_BUILDERS,  # after registration (issue 22): register_notices.py
    **CHANGE_BUILDERS,  # changes in the Register (issue 23): change_notices.py
    **RENEWAL_BUILDERS,  # renewal, its reminder, a lapse (issue 23): renewal_notices.py
    "application.withdrawn": _withdrawn,
    "message.answered": _answered,
}


def notify(event) -> None:
    """The notification of this event, to everyone entitled to see the application now."""
    with translation.override(application_language(event.submission)):
        kind, title, body, pdf, pdf_name = BUILDERS[event.kind](event)
        notification_send(
            submission=event.submission,
            kind=kind,
            title=title,
            body=body,
            pdf=pdf,
            pdf_name=pdf_name,
            event=event,
            also=change_recipients(event) if event.kind in CHANGE_BUILDERS else (),
        )


CONSUMER = Consumer(name="notifications", kinds=frozenset(BUILDERS), handle=notify, order=10)
