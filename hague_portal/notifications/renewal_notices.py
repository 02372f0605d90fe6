"""What the holder and its representative are told of a registration's renewal (issue 23):
each renewal, saying who paid it when it was someone else (anyone may pay a renewal), the
Rule 23 reminder six months before an expiry, and a lapse (Article 17). Builders as in
consumers.py: (kind, title, body, pdf, pdf name), run in the application's language."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from hague_portal.lib.numbers import amount_text

from .models import NotificationKind
from .selectors import notification_entitled_users


def _day(value: str) -> str:
    from .consumers import long_date

    return long_date(date.fromisoformat(value))


def _designs(numbers) -> str:
    return ", ".join(str(n) for n in numbers or [])


def _paid_by_someone_else(event) -> bool:
    """A payer who does not follow the application (a renewal service, anyone by card)."""
    if event.actor_id is None:
        return True
    users = notification_entitled_users(submission=event.submission)
    return not users.filter(pk=event.actor_id).exists()


def _renewed(event):
    after = event.after
    values = {
        "registration": after.get("registration_number", ""),
        "date": _day(after["new_expiry"]),
        "parties": ", ".join(after.get("parties") or []),
        "designs": _designs(after.get("designs")),
        "total": amount_text(after.get("total") or "0", "CHF"),
        "payer": after.get("paid_by") or "",
    }
    body = (
        _(
            "International registration %(registration)s is renewed until %(date)s for "
            "%(parties)s, design(s) %(designs)s (Article 17, Rule 25). Fees paid: %(total)s."
        )
        % values
    )
    if _paid_by_someone_else(event) and values["payer"]:
        body += " " + _("Renewed by %(payer)s.") % values
    return (
        NotificationKind.RENEWED,
        _("International registration %(registration)s renewed until %(date)s") % values,
        body,
        None,
        "",
    )


def _reminder(event):
    after = event.after
    values = {
        "registration": after.get("registration_number", ""),
        "expiry": _day(after["expiry"]),
        "due": _day(after["due"]),
        "grace": _day(after["grace_end"]),
    }
    return (
        NotificationKind.RENEWAL_REMINDER,
        _("Renewal due: international registration %(registration)s expires on %(expiry)s")
        % values,
        _(
            "The current term of international registration %(registration)s ends on "
            "%(expiry)s. Renew it online from the application's page by %(due)s; it may still "
            "be renewed until %(grace)s with a surcharge (Rule 24(1)(c)). What is not renewed "
            "lapses at the expiry. This reminder is unofficial: not receiving it would not "
            "excuse a late renewal (Rule 23)."
        )
        % values,
        None,
        "",
    )


def _lapsed(event):
    after = event.after
    values = {
        "registration": after.get("registration_number", ""),
        "date": _day(after["expiry"]),
        "parties": ", ".join(after.get("parties") or []),
    }
    if after.get("whole"):
        body = _(
            "International registration %(registration)s was not renewed by the end of the "
            "grace period: it lapsed on %(date)s, its expiry (Article 17, Rule 24(1)(c))."
        )
    else:
        body = _(
            "International registration %(registration)s was not renewed for %(parties)s by "
            "the end of the grace period: it lapsed there on %(date)s, its expiry (Article "
            "17). It remains in force where it was renewed."
        )
    return (
        NotificationKind.LAPSED,
        _("Not renewed: international registration %(registration)s lapsed") % values,
        body % values,
        None,
        "",
    )


RENEWAL_BUILDERS = {
    "registration.renewed": _renewed,
    "renewal.reminder": _reminder,
    "registration.lapsed": _lapsed,
}
