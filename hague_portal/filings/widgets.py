"""Widgets of the wizard rendered in Python where Django's templates cost too much.

A country <select> has ~250 options; Django renders each through two included templates
(select_option.html, attrs.html), about 2 ms a select and most of a step's template time when a
page has several (issue 11). `FastSelect` writes the same markup directly.
"""

from functools import cache

from django import forms
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class ChoicesOnce(BaseChoiceIterator):
    """The choices `func` returns, built and normalized once per language. Django calls a
    callable's choices again, and normalizes them item by item, at every use (validating,
    rendering): ~2 ms each time for the ~250 countries, several times a save. The country
    names do not change while the process runs."""

    def __init__(self, func):
        self.func = func
        self._by_language: dict[str | None, tuple] = {}
        self._options_html: dict[str | None, str] = {}

    def __iter__(self):
        language = get_language()
        if language not in self._by_language:
            self._by_language[language] = tuple(normalize_choices(self.func()))
        return iter(self._by_language[language])

    def options_html(self) -> str | None:
        """Every <option>, none selected, written once per language (FastSelect marks the
        chosen one); None when the choices are grouped."""
        language = get_language()
        if language not in self._options_html:
            choices = list(self)
            grouped = any(isinstance(label, (list, tuple)) for _, label in choices)
            self._options_html[language] = None if grouped else _options(choices, set())
        return self._options_html[language]

    def __deepcopy__(self, memo):
        return self  # shared by every form instance: nothing mutates it


@cache
def choices_once(func) -> ChoicesOnce:
    """One ChoicesOnce per function, so that fields made per form instance share it."""
    return ChoicesOnce(func)


def _attrs_html(attrs) -> str:
    """django/forms/widgets/attrs.html: True -> the bare name, False -> left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _options(choices, wanted: set[str], *, multiple: bool = False) -> str:
    parts, found = [], False
    for option_value, label in choices:
        option_value = "" if option_value is None else option_value
        selected = str(option_value) in wanted and (multiple or not found)
        found = found or selected
        mark = " selected" if selected else ""
        parts.append(f'\n  <option value="{escape(option_value)}"{mark}>{escape(label)}</option>\n')
    return "".join(parts)


class FastSelect(forms.Select):
    """forms.Select with the markup of select.html and select_option.html, written in Python.
    Grouped choices (<optgroup>) go through the templates as before. Long lists built once
    (ChoicesOnce: the ~250 countries) reuse their options' markup and only mark the chosen one
    (~1 ms a select otherwise)."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = self.format_value(value)
        options = self._options_once(wanted)
        if options is None:
            choices = list(self.choices)
            if any(isinstance(label, (list, tuple)) for _, label in choices):
                return super().render(name, value, attrs, renderer)
            options = _options(choices, set(wanted), multiple=self.allow_multiple_selected)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return mark_safe(f'<select name="{escape(name)}"{_attrs_html(attrs)}>{options}\n</select>')

    def _options_once(self, wanted: list[str]) -> str | None:
        if not isinstance(self.choices, ChoicesOnce) or self.allow_multiple_selected:
            return None
        options = self.choices.options_html()
        if options is None:
            return None
        for value in wanted:  # the first option of that value is the chosen one, as in Django
            tag = f'<option value="{escape(value)}">'
            if tag in options:
                return options.replace(tag, f'<option value="{escape(value)}" selected>', 1)
        return options


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """A checkbox list whose boxes (`{{ box.tag }}` in a template, BoundWidget.tag) are written
    in Python with the markup of input.html: the entitlement step lists ~300 of them, ~75 ms
    through the templates. A box with its label wrapped (`{{ box }}`) uses the templates."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name != self.option_template_name or widget.get("wrap_label"):
            return super()._render(template_name, context, renderer)
        value = widget["value"]
        value_html = "" if value is None else f' value="{escape(value)}"'
        name = escape(widget["name"])
        html = f'<input type="{widget["type"]}" name="{name}"{value_html}{_attrs_html(widget["attrs"])}>'
        return mark_safe(html)
