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

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html, format_html_join
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


def render_form(form) -> SafeString:
    """A whole form as `{{ form|crispy }}` writes it (non-field errors, then each field)."""
    parts = [_non_field_errors(form)]
    parts.extend(render_field(field) for field in form)
    return mark_safe("".join(parts))


def render_field(field: BoundField) -> SafeString:
    """One field as `{{ field|as_crispy_field }}` writes it."""
    widget = field.field.widget
    if field.is_hidden:
        return _widget(field, {})
    if isinstance(widget, _CHOICE_WIDGETS):
        return _choice_list(field)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(field)
    if _python_renders(widget) or isinstance(widget, forms.Select):
        return _plain(field)
    return render_crispy_form_field(field)


def render_crispy_form_field(field: BoundField) -> SafeString:
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)


def _python_renders(widget) -> bool:
    return widget.template_name in _INPUT_TEMPLATES or widget.template_name == _TEXTAREA_TEMPLATE


def _css_class(widget, bootstrap: str, field: BoundField) -> str:
    """crispy's class: the widget's own class, its lowercase class name, Bootstrap's class."""
    own = widget.attrs.get("class", "")
    name = type(widget).__name__.lower()
    classes = own.split()
    if name not in own:
        classes.append(name)
    classes.extend(c for c in bootstrap.split() if c not in classes)
    if field.errors and "is-invalid" not in classes:
        classes.append("is-invalid")
    return " ".join(classes)


def _plain(field: BoundField) -> SafeString:
    widget = field.field.widget
    bootstrap = "form-select" if isinstance(widget, forms.Select) else "form-control"
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}</div>',
        field.auto_id,
        _label(field, "label", "form-label"),
        _widget(field, {"class": _css_class(widget, bootstrap, field)}),
        _errors_and_help(field),
    )


def _checkbox(field: BoundField) -> SafeString:
    widget = field.field.widget
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check">{}{}{}</div></div>',
        field.auto_id,
        _widget(field, {"class": _css_class(widget, "form-check-input", field)}),
        _label(field, "label", "form-check-label"),
        _errors_and_help(field),
    )


def _choice_list(field: BoundField) -> SafeString:
    """Radio buttons or a checkbox list in a fieldset whose legend is the label."""
    invalid = " is-invalid" if field.errors else ""
    options = list(field.subwidgets)
    rows = []
    for index, option in enumerate(options):
        data = option.data
        attrs = {k: v for k, v in data["attrs"].items() if k != "class"}
        value = "" if data["value"] is None else data["value"]
        rows.append(
            format_html(
                '<div class="form-check"><input type="{}" class="form-check-input{}" name="{}"'
                ' value="{}"{}><label for="{}" class="form-check-label">{}</label>{}</div>',
                data["type"],
                invalid,
                field.html_name,
                value,
                _attrs(attrs),
                data["attrs"].get("id", ""),
                data["label"],
                _errors(field) if index == len(options) - 1 else "",
            )
        )
    describedby = field.aria_describedby  # Django 5.2: the help text's id, for the fieldset
    fieldset = format_html(' aria-describedby="{}"', describedby) if describedby else ""
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset{}>{}<div>{}</div>{}</fieldset></div>',
        field.auto_id,
        fieldset,
        _label(field, "legend", "form-label", legend=True),
        mark_safe("".join(rows)),
        _help(field),
    )


def _label(field: BoundField, tag: str, css: str, *, legend: bool = False) -> SafeString:
    if not field.label:
        return mark_safe("")
    required = field.field.required
    classes = css + (" requiredField" if required else "") + (" fs-6" if legend else "")
    target = (
        "" if legend or not field.id_for_label else format_html('for="{}" ', field.id_for_label)
    )
    asterisk = mark_safe('<span class="asteriskField">*</span>') if required else ""
    return format_html(
        '<{} {}class="{}">{}{}</{}>',
        tag,
        target,
        classes,
        field.label,
        asterisk,
        tag,
    )


def _errors(field: BoundField) -> SafeString:
    if not field.errors:
        return mark_safe("")
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.errors.field_id or field.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
        ),
    )


def _help(field: BoundField) -> SafeString:
    if not field.help_text:
        return mark_safe("")
    # crispy writes help texts unescaped (|safe): ours are the portal's own strings.
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>',
        field.auto_id,
        mark_safe(field.help_text),
    )


def _errors_and_help(field: BoundField) -> SafeString:
    return _errors(field) + _help(field)


def _non_field_errors(form) -> SafeString:
    errors = form.non_field_errors()
    if not errors:
        return mark_safe("")
    return format_html(
        '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
        format_html_join("", "<li>{}</li>", ((error,) for error in errors)),
    )


def _attrs(attrs: dict) -> SafeString:
    """django/forms/widgets/attrs.html: True -> the bare name, False -> left out."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _widget(field: BoundField, attrs: dict) -> SafeString:
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
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            _attrs(context["attrs"]),
            value if value else "",
        )
    value_html = "" if value is None else format_html(' value="{}"', str(value))
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        value_html,
        _attrs(context["attrs"]),
    )
