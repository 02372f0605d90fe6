"""{% country_search_keys %}: the names each country is found by, for static/filings/choices.js."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from hague_portal.filings.countries import country_search_keys_json

register = template.Library()


@register.simple_tag
def country_search_keys():
    # Data, not script: a <script type="application/json"> runs nothing (CSP allows no inline
    # script). ASCII-only JSON of lower-case letters, digits and spaces: nothing to escape.
    return format_html(
        '<script type="application/json" id="country-search-keys">{}</script>',
        mark_safe(country_search_keys_json()),
    )
