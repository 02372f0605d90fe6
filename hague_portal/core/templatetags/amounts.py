"""`{{ value|amount }}` and `{{ value|amount:"CHF" }}`: lib.numbers.amount_text in templates (a
builtin library, settings.TEMPLATES), the one number format of pages, letters and PDFs."""

from django import template

from hague_portal.lib.numbers import amount_text

register = template.Library()


@register.filter
def amount(value, currency: str = "") -> str:
    return amount_text(value, currency)
