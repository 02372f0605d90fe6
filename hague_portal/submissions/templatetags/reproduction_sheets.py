"""The DM/1's reproduction sheets: designs grouped by sheet (documents.reproduction_sheets)."""

from django import template

from hague_portal.submissions.documents import reproduction_sheets

register = template.Library()


@register.filter
def sheets(designs: list[dict]) -> list[list[dict]]:
    return reproduction_sheets(designs)
