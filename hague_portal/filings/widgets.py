"""Widgets of the wizard rendered in Python where Django's templates cost too much.

A country <select> has ~250 options; Django renders each through two included templates
(select_option.html, attrs.html), about 2 ms a select and most of a step's template time when a
page has several (issue 11). `FastSelect` writes the same markup directly.
"""

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


def _attrs_html(attrs) -> str:
    """django/forms/widgets/attrs.html: True -> the bare name, False -> left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """forms.Select with the markup of select.html and select_option.html, written in Python.
    Grouped choices (<optgroup>) go through the templates as before."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = [f'<select name="{escape(name)}"{_attrs_html(attrs)}>']
        wanted, found = set(self.format_value(value)), False
        for option_value, label in choices:
            option_value = "" if option_value is None else option_value
            selected = str(option_value) in wanted and (self.allow_multiple_selected or not found)
            found = found or selected
            mark = " selected" if selected else ""
            parts.append(
                f'\n  <option value="{escape(option_value)}"{mark}>{escape(label)}</option>\n'
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))
