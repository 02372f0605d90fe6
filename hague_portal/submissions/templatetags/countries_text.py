"""Country names in the PDFs and e-mails: the document stores ISO 3166 codes."""

from django import template
from django_countries import countries

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """'Germany' for "DE"; the code itself when it is not an ISO country."""
    return countries.name(code) or code
