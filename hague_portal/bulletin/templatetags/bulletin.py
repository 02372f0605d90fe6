from datetime import date

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _

from ..selectors import number_slug as _number_slug

register = template.Library()


@register.filter
def number_slug(number: str) -> str:
    return _number_slug(number or "")


def _term_text(details: dict) -> str:
    """A renewal or an expiry (Rule 26(1), Article 17(5)): its date, parties and designs."""
    parties = ", ".join(details.get("parties") or [])
    if "new_expiry" in details:
        day = dateformat.format(date.fromisoformat(details["new_expiry"]), _("j F Y"))
        return _("renewed until %(date)s for %(parties)s, designs %(designs)s") % {
            "date": day,
            "parties": parties,
            "designs": ", ".join(str(n) for n in details.get("designs") or []),
        }
    day = dateformat.format(date.fromisoformat(details["expiry"]), _("j F Y"))
    return _("expired on %(date)s for %(parties)s, not renewed") % {
        "date": day,
        "parties": parties,
    }


@register.filter
def decision_text(details: dict) -> str:
    """What an entry says of an Office's decision (Rule 26(1)(ii): no grounds of a refusal),
    a renewal or an expiry."""
    if "new_expiry" in details or "expiry" in details:
        return _term_text(details)
    designs = details.get("designs") or []
    words = (
        _("designs %(numbers)s") % {"numbers": ", ".join(str(n) for n in designs)}
        if designs
        else _("all designs")
    )
    if details.get("review_possible"):
        words += ". " + _("A review or appeal is possible.")
    if details.get("reason") == "second_part_unpaid":
        words += ". " + _("The second part of the individual fee was not paid (Rule 12(3)(d)).")
    return words
