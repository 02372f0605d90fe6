"""What every wizard step shares: the `Step` base class (and `ListStep` for list sections), the
`Bundle` of a step's form and formset, and the helpers the steps use to read the document."""

import re

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.document import Entitlement

from ..forms.base import WizardForm


def designated_declaring(doc, ref, on, kind) -> list[str]:
    """The designated parties that declare `kind` on `on`."""
    return [p for p in doc.get("designations") or () if ref.declaration(p, kind, on)]


def entitlement_of(doc) -> Entitlement:
    raw = doc.get("entitlement") or {}
    factors = ("establishment", "domicile", "nationality", "habitual_residence")
    return Entitlement(**{f: tuple(raw.get(f) or ()) for f in factors if isinstance(raw, dict)})


class Bundle:
    """A step's form and, for list sections, its formset: validated and rendered together."""

    def __init__(self, form=None, formset=None):
        self.form = form or django_forms.Form()
        self.formset = formset

    def is_valid(self) -> bool:
        ok = self.form.is_valid()
        return (self.formset.is_valid() if self.formset is not None else True) and ok

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary at the top of the page."""
        out = [("", str(e)) for e in self.form.non_field_errors()]
        out += [
            (f"id_{n}", str(e))
            for n, errs in self.form.errors.items()
            if n != "__all__"
            for e in errs
        ]
        if self.formset is not None:
            out += [
                (f"{self.formset.prefix}-errors", str(e)) for e in self.formset.non_form_errors()
            ]
            for form in self.formset.forms:
                for name, errs in form.errors.items():
                    anchor = "" if name == "__all__" else form[name].auto_id
                    out += [(anchor, str(e)) for e in errs]
        return out

    def silence_errors(self) -> None:
        """Show restored (autosaved) input without judging it yet."""
        from django.forms.utils import ErrorDict, ErrorList

        forms_ = [self.form, *(self.formset.forms if self.formset is not None else ())]
        for form in forms_:
            if form.is_bound:
                form.full_clean()
                form._errors = ErrorDict()
        if self.formset is not None and self.formset.is_bound:
            self.formset.full_clean()
            self.formset._errors = [ErrorDict() for _ in self.formset.forms]
            self.formset._non_form_errors = ErrorList()


class Step:
    key = ""
    title = ""
    items: tuple[str, ...] = ()
    owns: tuple[str, ...] = ()  # document keys (finding field prefixes) this step edits
    template = "filings/steps/form.html"
    url_name = None  # a step served by another view (reproductions, helper-7)
    form_class = WizardForm
    intro = _("")

    def is_applicable(self, doc, ref, on) -> bool:
        return True

    def is_completed(self, doc, ref=None, on=None) -> bool:
        """Answered. `ref`/`on` are for steps whose completeness depends on declarations."""
        return all(key in doc for key in self.owns)

    # form <-> document

    def form_kwargs(self, state) -> dict:
        return {}

    def initial(self, state) -> dict:
        return {}

    def build(self, state, data=None) -> Bundle:
        kwargs = {"state": state, "prefix": None, **self.form_kwargs(state)}
        if data is None:
            return Bundle(self.form_class(initial=self.initial(state), **kwargs))
        return Bundle(self.form_class(data, **kwargs))

    def to_document(self, bundle, state) -> tuple[dict, dict | None]:
        return {key: bundle.form.cleaned_data.get(key) for key in self.owns}, None

    def extra_context(self, state, bundle) -> dict:
        return {}

    def request_context(self, request, state, **page) -> dict:
        """Context that depends on who asks (e.g. the accounts the user may debit, which the
        page gives as `accounts`)."""
        return {}

    def anchor(self, field: str) -> str:
        """The HTML id of the input a finding's `field` points at."""
        match = re.match(r"(\w+)\[(\d+)\]\.?(.*)", field)
        if match and self.formset_prefix == match[1]:
            last = re.sub(r"\[\d+\]", "", (match[3] or "").split(".")[-1]) or "name"
            return f"id_{match[1]}-{match[2]}-{last}"
        last = re.sub(r"\[\d+\]", "", field.split(".")[-1]) if field else ""
        return f"id_{last}" if last else ""

    formset_prefix = None


class ListStep(Step):
    """A section that is a list of rows (applicants, designs, creators, priorities)."""

    formset_class = None
    list_key = ""
    extra_rows = 1

    def rows_initial(self, state) -> list[dict]:
        return []

    def build(self, state, data=None) -> Bundle:
        prefix = self.formset_prefix
        bundle = super().build(state, data)
        if data is None:
            formset = self.formset_class(
                prefix=prefix, state=state, initial=self.rows_initial(state)
            )
        else:
            formset = self.formset_class(data, prefix=prefix, state=state)
        bundle.formset = formset
        return bundle

    def rows(self, bundle) -> list[dict]:
        return [f.cleaned_data for f in bundle.formset.kept_forms()]


def _address(data) -> dict:
    return {k: data.get(k) or "" for k in ("street", "city", "postcode", "country")}


def _address_initial(row) -> dict:
    address = row.get("address") or {}
    return {k: address.get(k, "") for k in ("street", "city", "postcode", "country")}


def _or_none(value):
    return value if value not in ("", None) else None
