"""The wizard's forms written in Python with crispy-forms' Bootstrap 5 markup (issue 11).

`{{ form|crispy }}` renders each field through five to eight nested templates and crispy's
tags: about 0.4 ms a field, ~10 ms of the ~20 ms a step page costs with two dozen fields. The
wizard is where users save most, so its steps render their forms here instead, in the markup
crispy-bootstrap5 writes with its defaults (the ids, classes, labels, required asterisks,
error blocks and help texts the pages, their scripts and the tests rely on), and the common
widgets' own markup (Django's input.html, textarea.html) in Python. Anything else (file
inputs, multi-widgets, a custom template) goes through crispy as before.
`tests/filings/test_form_html.py` compares the two renderings field by field.
"""

from __future__ import annotations

import html

from django import forms
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

# Widgets whose markup is Django's input.html (or textarea.html) and nothing else.
_INPUT_TEMPLATES = {
    "django/forms/widgets/text.html",
    "django/forms/widgets/email.html",
    "django/forms/widgets/number.html",
    "django/forms/widgets/date.html",
    "django/forms/widgets/url.html",
    "django/forms/widgets/hidden.html",
    "django/forms/widgets/checkbox.html",
    "django/forms/widgets/input.html",
}
_TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
_CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _e(value) -> str:
    """conditional_escape without its lazy-argument wrapper (a quarter of this module's time,
    issue 11): the markup of safe strings as it is, anything else escaped as Django escapes."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def render_form(form) -> SafeString:
    """A whole form as `{{ form|crispy }}` writes it (non-field errors, then each field)."""
    for field in form.fields.values():  # before its bound fields copy the help texts
        if not isinstance(field.help_text, str):
            field.help_text = str(field.help_text)
    parts = [_non_field_errors(form)]
    parts.extend(render_field(field) for field in form)
    return mark_safe("".join(parts))


def render_field(field: BoundField) -> SafeString:
    """One field as `{{ field|as_crispy_field }}` writes it."""
    _help_text_once(field)
    widget = field.field.widget
    if field.is_hidden:
        return mark_safe(_widget(field, {}))
    if isinstance(widget, _CHOICE_WIDGETS):
        return mark_safe(_choice_list(field))
    if isinstance(widget, forms.CheckboxInput):
        return mark_safe(_checkbox(field))
    if _python_renders(widget) or isinstance(widget, forms.Select):
        return mark_safe(_plain(field))
    return render_crispy_form_field(field)


def render_crispy_form_field(field: BoundField) -> SafeString:
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)


def _python_renders(widget) -> bool:
    return widget.template_name in _INPUT_TEMPLATES or widget.template_name == _TEXTAREA_TEMPLATE


def _css_class(widget, bootstrap: str, errors) -> str:
    """crispy's class: the widget's own class, its lowercase class name, Bootstrap's class."""
    own = widget.attrs.get("class", "")
    name = type(widget).__name__.lower()
    classes = own.split()
    if name not in own:
        classes.append(name)
    classes.extend(c for c in bootstrap.split() if c not in classes)
    if errors and "is-invalid" not in classes:
        classes.append("is-invalid")
    return " ".join(classes)


def _plain(field: BoundField) -> str:
    widget = field.field.widget
    bootstrap = "form-select" if isinstance(widget, forms.Select) else "form-control"
    errors = field.errors
    auto_id = field.auto_id
    return (
        f'<div id="div_{_e(auto_id)}" class="mb-3">{_label(field, "label", "form-label")}'
        f"{_widget(field, {'class': _css_class(widget, bootstrap, errors)})}"
        f"{_errors(field, errors, auto_id)}{_help(field, auto_id)}</div>"
    )


def _checkbox(field: BoundField) -> str:
    widget = field.field.widget
    errors = field.errors
    auto_id = field.auto_id
    return (
        f'<div class="mb-3"><div id="div_{_e(auto_id)}" class="form-check">'
        f"{_widget(field, {'class': _css_class(widget, 'form-check-input', errors)})}"
        f"{_label(field, 'label', 'form-check-label')}"
        f"{_errors(field, errors, auto_id)}{_help(field, auto_id)}</div></div>"
    )


def _choice_list(field: BoundField) -> str:
    """Radio buttons or a checkbox list in a fieldset whose legend is the label."""
    errors = field.errors
    auto_id = field.auto_id
    invalid = " is-invalid" if errors else ""
    options = list(field.subwidgets)
    name = _e(field.html_name)
    rows = []
    for index, option in enumerate(options):
        data = option.data
        attrs = {k: v for k, v in data["attrs"].items() if k != "class"}
        value = "" if data["value"] is None else data["value"]
        last_errors = _errors(field, errors, auto_id) if index == len(options) - 1 else ""
        rows.append(
            f'<div class="form-check"><input type="{_e(data["type"])}" class="form-check-input'
            f'{invalid}" name="{name}" value="{_e(value)}"{_attrs(attrs)}><label for="'
            f'{_e(data["attrs"].get("id", ""))}" class="form-check-label">{_e(data["label"])}'
            f"</label>{last_errors}</div>"
        )
    describedby = field.aria_describedby  # Django 5.2: the help text's id, for the fieldset
    fieldset = f' aria-describedby="{_e(describedby)}"' if describedby else ""
    return (
        f'<div id="div_{_e(auto_id)}" class="mb-3"><fieldset{fieldset}>'
        f"{_label(field, 'legend', 'form-label', legend=True)}<div>{''.join(rows)}</div>"
        f"{_help(field, auto_id)}</fieldset></div>"
    )


def _label(field: BoundField, tag: str, css: str, *, legend: bool = False) -> str:
    label = field.label
    if not label:
        return ""
    required = field.field.required
    classes = css + (" requiredField" if required else "") + (" fs-6" if legend else "")
    id_for_label = None if legend else field.id_for_label
    target = f'for="{_e(id_for_label)}" ' if id_for_label else ""
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    return f'<{tag} {target}class="{classes}">{_e(label)}{asterisk}</{tag}>'


def _errors(field: BoundField, errors, auto_id) -> str:
    if not errors:
        return ""
    lines = "".join(
        f'<p id="error_{n}_{_e(auto_id)}"><strong>{_e(error)}</strong></p>'
        for n, error in enumerate(errors, start=1)
    )
    return (
        f'<div id="{_e(errors.field_id or auto_id)}_error" class="invalid-feedback">{lines}</div>'
    )


def _help_text_once(field: BoundField) -> None:
    """A lazy help text is read by aria-describedby, the widget's attributes and the help block:
    translate it once a render. Each form holds its own copy of its fields (Form.__init__
    deep-copies base_fields), so no other form or language sees the change."""
    if not isinstance(field.help_text, str):  # a lazy translation (Promise)
        field.help_text = field.field.help_text = str(field.help_text)


def _help(field: BoundField, auto_id) -> str:
    help_text = field.help_text
    if not help_text:
        return ""
    # crispy writes help texts unescaped (|safe): ours are the portal's own strings.
    return f'<div id="{_e(auto_id)}_helptext" class="form-text">{help_text}</div>'


def _non_field_errors(form) -> str:
    errors = form.non_field_errors()
    if not errors:
        return ""
    items = "".join(f"<li>{_e(error)}</li>" for error in errors)
    return f'<div class="alert alert-block alert-danger"><ul class="m-0">{items}</ul></div>'


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: True -> the bare name, False -> left out."""
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _widget(field: BoundField, attrs: dict) -> str:
    """BoundField.as_widget, with input.html and textarea.html written here."""
    widget = field.field.widget
    if not _python_renders(widget):
        return field.as_widget(attrs=attrs)
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = context["value"]
    if widget.template_name == _TEXTAREA_TEMPLATE:
        return (
            f'<textarea name="{_e(context["name"])}"{_attrs(context["attrs"])}>\n'
            f"{_e(value) if value else ''}</textarea>"
        )
    value_html = "" if value is None else f' value="{_e(str(value))}"'
    return f'<input type="{_e(context["type"])}" name="{_e(context["name"])}"{value_html}{_attrs(context["attrs"])}>'
