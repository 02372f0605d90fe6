"""What the Register's events after registration say in the audit trail and the timeline, in the
reader's language (issue 22), from the data their services record (register/services)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from hague_portal.lib.numbers import amount_text

from .services.common import long_date


def _day(value: str) -> str:
    return long_date(date.fromisoformat(value))


def _designs(numbers) -> str:
    if not numbers:
        return _("all designs")
    return _("designs %(numbers)s") % {"numbers": ", ".join(str(n) for n in numbers)}


def _published(event, before, after):
    return _("Published in the International Designs Bulletin on %(date)s (Rule 17)") % {
        "date": _day(after["published_on"])
    }


def _refused(event, before, after):
    return _(
        "%(party)s: refusal notified for %(designs)s (Rule 18); review or appeal by %(date)s"
    ) % {
        "party": after["party"],
        "designs": _designs(after.get("designs")),
        "date": _day(after["review_time_limit"]),
    }


def _withdrawn(event, before, after):
    return _("%(party)s: refusal withdrawn for %(designs)s (Article 12(4))") % {
        "party": after["party"],
        "designs": _designs(after.get("designs")),
    }


def _granted(event, before, after):
    return _("%(party)s: statement of grant of protection for %(designs)s (Rule 18bis)") % {
        "party": after["party"],
        "designs": _designs(after.get("designs")),
    }


def _protected(event, before, after):
    return _("%(party)s: no refusal notified by %(date)s; protected (Article 14(2)(a))") % {
        "party": after["party"],
        "date": _day(after["refusal_period_end"]),
    }


def _second_part_due(event, before, after):
    return _("%(party)s: second part of the individual fee due, %(amount)s by %(date)s") % {
        "party": after["party"],
        "amount": amount_text(after["amount"], "CHF"),
        "date": _day(after["time_limit"]),
    }


def _cancelled(event, before, after):
    return _(
        "%(party)s: cancelled, the second part of the individual fee was not paid by %(date)s "
        "(Rule 12(3)(d))"
    ) % {"party": after["party"], "date": _day(after["time_limit"])}


REGISTER_WORDINGS = {
    "registration.published": _published,
    "designation.refused": _refused,
    "designation.refusal_withdrawn": _withdrawn,
    "designation.granted": _granted,
    "designation.protected": _protected,
    "second_part.due": _second_part_due,
    "designation.cancelled": _cancelled,
}
