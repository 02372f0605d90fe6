"""Country names in the PDFs and e-mails: the document stores ISO 3166 codes."""

from datetime import date

from django import template
from django.utils.dateformat import format as date_format
from django_countries import countries

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """'Germany' for "DE"; the code itself when it is not an ISO country."""
    return countries.name(code) or code


@register.filter
def iso_date(value, fmt: str = "Y-m-d") -> str:
    """A date the document stores as "2026-06-01", written with `fmt` (a date format, translated
    per language: `{{ p.date|iso_date:_("Y-m-d") }}`); anything else as it is."""
    try:
        return date_format(date.fromisoformat(str(value)), fmt)
    except (TypeError, ValueError):
        return value
