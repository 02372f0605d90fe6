from django import template
from django.utils.translation import gettext as _

from ..selectors import number_slug as _number_slug

register = template.Library()


@register.filter
def number_slug(number: str) -> str:
    return _number_slug(number or "")


@register.filter
def decision_text(details: dict) -> str:
    """What an entry says of an Office's decision (Rule 26(1)(ii): no grounds of a refusal)."""
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
