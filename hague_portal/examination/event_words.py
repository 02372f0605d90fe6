"""What an audit event says, in the reader's language (issue 20).

An event's summary is a record written in English when it happened, whatever the actor's
language, and stays as written (the audit trail). The History table, the timeline and the admin
word the event again at display time from its kind and its data (`before`, `after`, its
application); what the data do not hold (an invitation's sequence, a response's revision) is
read back from the English record, which the services write in a fixed form. An event whose data
say too little is named by its kind's label, never shown in English to a French reader.
"""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from hague_portal.events.kinds import KINDS, kind_label
from hague_portal.hague import irregularities as rule14
from hague_portal.lib.numbers import amount_text

from .event_words_register import REGISTER_WORDINGS
from .event_words_renewal import RENEWAL_WORDINGS
from .services.common import long_date

EMAIL = re.compile(r"[^\s()<>\"']+@[^\s()<>\"']+?(?=[.,;:]?(?:\s|$))")


def event_line(event) -> str:
    """The event in the active language (falls back to its kind's label, then its record)."""
    wording = _WORDINGS.get(event.kind)
    if wording is not None:
        try:
            text = wording(event, event.before or {}, event.after or {})
        except (KeyError, TypeError, ValueError):  # an old row without the data: its label
            text = None
        if text:
            return text
    return kind_label(event.kind) if event.kind in KINDS else event.summary


def _number_in(summary: str, pattern: str) -> str | None:
    found = re.search(pattern, summary or "")
    return found.group(1) if found else None


def _day(value: str) -> str:
    return long_date(date.fromisoformat(value))


def _filed(event, before, after):
    return _("International application %(number)s filed") % {"number": event.submission.number}


def _checks_run(event, before, after):
    return _(
        "Full formality check: %(findings)s finding(s), %(errors)s error(s) for the examiner "
        "to review"
    ) % {"findings": after["findings"], "errors": after["errors"]}


def _checks_done(event, before, after):
    return _("Formality checks done; the application is under examination")


def _assigned(event, before, after):
    if after.get("examiner") is None:
        return _("Unassigned")
    examiner = getattr(event, "examiner", None)  # read for the whole list by selectors.worded
    if examiner is None:
        examiner = get_user_model().objects.filter(pk=after["examiner"]).first()
    return _("Assigned to %(examiner)s") % {"examiner": examiner} if examiner else None


def _irregularity(action: str):
    def word(event, before, after):
        label = rule14.kind_of(after["category"]).label
        if action == "raised":
            return _("Raised: %(irregularity)s") % {"irregularity": label}
        if action == "confirmed":
            return _("Confirmed: %(irregularity)s") % {"irregularity": label}
        return _("Dismissed: %(irregularity)s") % {"irregularity": label}

    return word


def _invitation(event, before, after):
    count = len(after.get("irregularities") or [])
    values = {
        "sequence": _number_in(event.summary, r"^Invitation (\d+)") or "",
        "count": count,
        "date": _day(after["time_limit"]),
    }
    return (
        ngettext(
            "Invitation %(sequence)s sent: %(count)d irregularity to correct by %(date)s",
            "Invitation %(sequence)s sent: %(count)d irregularities to correct by %(date)s",
            count,
        )
        % values
    )


def _reminder(event, before, after):
    sequence = _number_in(event.summary, r"invitation (\d+)$") or ""
    if after.get("week"):
        return _("Reminder sent: one week before the time limit of invitation %(sequence)s") % {
            "sequence": sequence
        }
    return _("Reminder sent: one month before the time limit of invitation %(sequence)s") % {
        "sequence": sequence
    }


def _time_limit_extended(event, before, after):
    return _(
        "The International Bureau is closed on %(closed)s, so the time limit ends on %(date)s "
        "(Rule 4(4))."
    ) % {"closed": _day(before["time_limit"]), "date": _day(after["time_limit"])}


def _response(event, before, after):
    return _(
        "Response to invitation %(sequence)s received: revision %(revision)s, SHA-256 %(sha)s…"
    ) % {
        "sequence": _number_in(event.summary, r"invitation (\d+)") or "",
        "revision": _number_in(event.summary, r"revision (\d+)") or "",
        "sha": after["document_sha256"][:16],
    }


def _remedied_how(how: str) -> str | None:
    """The summary's prefix (services: "Accepted" by an examiner, "Fees paid"), translated."""
    if how == "Accepted":
        return pgettext("irregularities remedied", "Accepted")
    if how == "Fees paid":
        return pgettext("irregularities remedied", "Fees paid")
    return None


def _remedied(event, before, after):
    how, _sep, labels = event.summary.partition(": ")
    said = _remedied_how(how)
    if said is None:
        return None
    kinds = {kind.label_en: kind for kind in rule14.KINDS}
    names = [kinds[label].label if label in kinds else label for label in labels.split("; ")]
    return _("%(how)s: %(irregularities)s") % {"how": said, "irregularities": "; ".join(names)}


def _designation_removed(event, before, after):
    parties = sorted(
        set(after.get("designations_removed") or []) - set(before.get("designations_removed") or [])
    )
    return _(
        "Designation(s) deemed not made: %(parties)s (Article 5(2) requirement not met "
        "within the time limit)"
    ) % {"parties": ", ".join(parties)}


def _registered(event, before, after):
    return _("Registered as %(number)s on %(date)s; publication %(publication)s") % {
        "number": after["registration_number"],
        "date": _day(after["registration_date"]),
        "publication": _day(after["publication_date"]),
    }


def _abandoned(event, before, after):
    return _(
        "Considered abandoned: not remedied by the time limit; %(refund)s CHF refunded (fees "
        "paid less the basic fee, Rule 14(3))"
    ) % {"refund": amount_text(after["refund"])}


def _withdrawn(event, before, after):
    return _(
        "Withdrawn by the applicant on %(date)s; %(refund)s CHF refunded (fees paid less the "
        "basic fee)"
    ) % {"date": _day(after["withdrawn_on"]), "refund": amount_text(after["refund"])}


def _message_sent(event, before, after):
    return _("Message to the International Bureau: “%(subject)s”") % {"subject": after["subject"]}


def _message_answered(event, before, after):
    return _("Answer from the International Bureau: “%(subject)s”") % {"subject": after["subject"]}


def _paid(event, before, after):
    return _("Payment %(reference)s of %(amount)s received") % {
        "reference": after["payment"],
        "amount": amount_text(after["amount"], "CHF"),
    }


def _refund(event, before, after):
    amounts = {key: amount_text(after[key], "CHF") for key in ("refund", "credited", "owed")}
    if (event.summary or "").endswith("(withdrawal)"):  # payments.consumers.REASONS
        return (
            _(
                "Refund of %(refund)s: %(credited)s credited to the current account(s) that paid, "
                "%(owed)s owed by transfer (withdrawal)"
            )
            % amounts
        )
    return (
        _(
            "Refund of %(refund)s: %(credited)s credited to the current account(s) that paid, "
            "%(owed)s owed by transfer (Rule 14(3))"
        )
        % amounts
    )


def _share(kind: str):
    def word(event, before, after):
        found = EMAIL.search(event.summary or "")
        if not found:
            return None
        email = found.group(0)
        if kind == "share.added":
            return _("Shared for approval with %(email)s") % {"email": email}
        if kind == "share.changed":
            return _("Changed the share of %(email)s") % {"email": email}
        return _("Stopped sharing with %(email)s") % {"email": email}

    return word


def _approved(event, before, after):
    return _("Approved before filing, as the application stood at version %(version)s") % {
        "version": after["draft_version"]
    }


_WORDINGS = {
    "application.filed": _filed,
    "checks.run": _checks_run,
    "checks.done": _checks_done,
    "examination.assigned": _assigned,
    "irregularity.raised": _irregularity("raised"),
    "irregularity.confirmed": _irregularity("confirmed"),
    "irregularity.dismissed": _irregularity("dismissed"),
    "invitation.sent": _invitation,
    "invitation.again": _invitation,
    "reminder.sent": _reminder,
    "time_limit.extended": _time_limit_extended,
    "response.submitted": _response,
    "irregularity.remedied": _remedied,
    "designation.removed": _designation_removed,
    "application.registered": _registered,
    "application.abandoned": _abandoned,
    "application.withdrawn": _withdrawn,
    "message.sent": _message_sent,
    "message.answered": _message_answered,
    "payment.received": _paid,
    "refund.made": _refund,
    "share.added": _share("share.added"),
    "share.changed": _share("share.changed"),
    "share.revoked": _share("share.revoked"),
    "draft.approved": _approved,
    **REGISTER_WORDINGS,  # after registration (issue 22)
    **RENEWAL_WORDINGS,  # renewal, its reminder, a lapse (issue 23)
}
