"""The fields, widgets and parsers the step forms share: design numbers ("1, 3-4"), countries and
offices chosen by name, and the Latin-script test."""

import re

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..countries import country_code_for
from ..widgets import FastSelect, choices_once

NOT_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF]")  # beyond Latin and Latin Extended


def is_latin(text: str) -> bool:
    return not NOT_LATIN.search(text or "")


def parse_design_numbers(text: str, *, designs: int) -> list[int]:
    """ "1, 3-4" -> [1, 3, 4]; blank -> [] (meaning: every design)."""
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        match = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", part)
        if not match:
            raise forms.ValidationError(
                gettext('"%(part)s" is not a design number or a range like 2-4.') % {"part": part}
            )
        low, high = int(match[1]), int(match[2] or match[1])
        if not 1 <= low <= high <= max(designs, 1):
            raise forms.ValidationError(
                gettext('"%(part)s": the application has designs 1 to %(last)s.')
                % {"part": part, "last": max(designs, 1)}
            )
        numbers.extend(range(low, high + 1))
    return sorted(set(numbers))


def design_numbers_text(numbers) -> str:
    return ", ".join(str(n) for n in numbers or ())


def country_choices():
    """ISO 3166-1 countries by name (django-countries), the two-letter code as the value."""
    return [("", gettext("Choose a country")), *countries]


# The offices of an earlier filing (item 13) that are not countries: WIPO Standard ST.3 codes.
REGIONAL_OFFICES = (
    ("EM", _("European Union Intellectual Property Office (EM)")),
    ("BX", _("Benelux Office for Intellectual Property (BX)")),
    ("OA", _("African Intellectual Property Organization, OAPI (OA)")),
    ("AP", _("African Regional Intellectual Property Organization, ARIPO (AP)")),
    ("EA", _("Eurasian Patent Organization (EA)")),
    ("GC", _("Patent Office of the Gulf Cooperation Council (GC)")),
    ("WIPO", _("International Bureau of WIPO (earlier international application)")),
)


def office_choices():
    return [("", gettext("Choose an office")), *REGIONAL_OFFICES, *countries]


class SearchableSelect(FastSelect):
    """A native <select> that static/filings/choices.js turns into GOV.UK's accessible
    autocomplete; without JavaScript the select itself is used.

    A value that is none of the choices (text typed in the box that names no country, refused
    by the form) is shown as an extra option, chosen, so that what was typed is not lost."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-autocomplete": "true", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        typed = self._unlisted(value)
        if typed is None:
            return html
        option = (
            f'\n  <option value="{escape(typed)}" selected data-unlisted>{escape(typed)}</option>'
        )
        start = html.index(">") + 1  # after <select ...>: attribute values are escaped
        return mark_safe(html[:start] + option + html[start:])

    def _unlisted(self, value) -> str | None:
        wanted = [v for v in self.format_value(value) if v]
        if len(wanted) != 1 or self.allow_multiple_selected:
            return None
        listed = any(str(choice) == wanted[0] for choice, _label in self.choices)
        return None if listed else wanted[0]


class CountryField(forms.ChoiceField):
    """A country chosen by name and stored as its ISO 3166-1 code ("ZZ" or "Sw" cannot be
    entered any more, issue 8). A posted name ("Switzerland") is taken as its code."""

    def __init__(self, *, choices=country_choices, **kwargs):
        if callable(choices):
            choices = choices_once(choices)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SearchableSelect)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose the country from the list: “%(value)s” is not one.")},
        )
        super().__init__(choices=choices, **kwargs)

    def to_python(self, value):
        """The code of the one country `value` names ("de", "Allemagne", "Deutschland": "DE",
        filings/countries.py); anything else as typed, which the field then refuses at the field
        with what was typed."""
        value = (super().to_python(value) or "").strip()
        if not value or self.valid_value(value.upper()):
            return value.upper()
        code = country_code_for(value)
        return code if code and self.valid_value(code) else value


class DesignNumbersField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Design numbers, such as 1, 3-4. Leave blank for every design.")
        )
        super().__init__(**kwargs)
