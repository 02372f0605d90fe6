"""The DM/1 item an irregularity or a finding concerns, as the Guide names it (hague/items.py)."""

from django import template
from django.utils.text import capfirst

from hague_portal.hague.items import NUMBERED, item_reference

register = template.Library()


@register.filter(name="item_reference")
def item_reference_filter(item: str) -> str:
    """ "item 8", "reproductions", "fees", "Annex I": for "(item 8)" in running text."""
    return item_reference(item or "")


@register.filter
def item_cell(item: str) -> str:
    """The "Item" column of a letter: "8", or the name of a part the Guide does not number."""
    return item if item in NUMBERED else capfirst(item_reference(item or ""))
