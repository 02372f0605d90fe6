"""`{{ form|wizard_form }}` and `{{ field|wizard_field }}`: crispy's markup, written in Python
(see filings/form_html.py)."""

from django import template

from ..form_html import render_field, render_form

register = template.Library()

register.filter("wizard_form", render_form)
register.filter("wizard_field", render_field)
