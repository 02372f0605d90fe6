"""What a registration's renewal, its Rule 23 reminder and a lapse say in the audit trail and
the timeline, in the reader's language (issue 23), from what register.services record."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hague_portal.lib.numbers import amount_text

from .services.common import long_date


def _day(value: str) -> str:
    return long_date(date.fromisoformat(value))


def _renewed(event, before, after):
    line = _(
        "Renewed until %(date)s for %(parties)s, design(s) %(designs)s: %(total)s (Article 17, "
        "Rule 25)"
    ) % {
        "date": _day(after["new_expiry"]),
        "parties": ", ".join(after.get("parties") or []),
        "designs": ", ".join(str(n) for n in after.get("designs") or []),
        "total": amount_text(after.get("total") or "0", "CHF"),
    }
    if after.get("paid_by"):
        line += "; " + _("paid by %(payer)s") % {"payer": after["paid_by"]}
    return line


def _reminder(event, before, after):
    return _(
        "Renewal reminder (Rule 23): the term ends on %(expiry)s; renew by %(due)s, or with a "
        "surcharge until %(grace)s"
    ) % {
        "expiry": _day(after["expiry"]),
        "due": _day(after["due"]),
        "grace": _day(after["grace_end"]),
    }


def _lapsed(event, before, after):
    values = {"parties": ", ".join(after.get("parties") or []), "date": _day(after["expiry"])}
    if after.get("whole"):
        return _("Not renewed: the registration lapsed on %(date)s (Article 17)") % values
    return _("Not renewed for %(parties)s: lapsed there on %(date)s (Article 17)") % values


RENEWAL_WORDINGS = {
    "registration.renewed": _renewed,
    "renewal.reminder": _reminder,
    "registration.lapsed": _lapsed,
}
# Their steps in the application's timeline, after the Offices' decisions.
RENEWAL_STEPS = {
    "registration.renewed": gettext_noop("Renewed"),
    "renewal.reminder": gettext_noop("Renewal reminder"),
    "registration.lapsed": gettext_noop("Lapsed"),
}
