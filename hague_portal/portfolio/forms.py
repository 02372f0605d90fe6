"""The workbench's GET form: tab, search, filters and sort, kept in every link's query."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy

from .selectors import PROTECTION_FILTERS, RENEWAL_FILTERS, SORTS, TABS, Filters

PER_PAGE = 25
PAGE_SIZES = (25, 50, 100)


class WorkbenchFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=[(k, label) for k, label, _ in TABS], required=False)
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Title, applicant, product, your reference, application or registration number."
        ),
    )
    # A name, not a list: a firm may have a thousand clients.
    client = forms.CharField(label=gettext_lazy("Client"), required=False, max_length=200)
    party = forms.CharField(
        label=gettext_lazy("Designated party"),
        required=False,
        max_length=2,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2}$", gettext_lazy("Enter a two-letter code such as CH or EM.")
            )
        ],
    )
    locarno = forms.CharField(
        label=gettext_lazy("Locarno class"),
        required=False,
        max_length=2,
        validators=[
            RegexValidator(r"^\d{2}$", gettext_lazy("Enter the class as two digits, such as 06."))
        ],
    )
    reference = forms.CharField(
        label=gettext_lazy("Your reference"), required=False, max_length=100
    )
    date_field = forms.ChoiceField(
        label=gettext_lazy("Dates"),
        choices=[("created", gettext_lazy("Created")), ("filed", gettext_lazy("Filed"))],
        required=False,
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(choices=[(k, label) for k, label, _ in SORTS], required=False)
    protection = forms.ChoiceField(
        label=gettext_lazy("Decisions of the Offices"),
        choices=[("", gettext_lazy("Any")), *PROTECTION_FILTERS],
        required=False,
    )
    renewal = forms.ChoiceField(
        label=gettext_lazy("Renewal"),
        choices=[("", gettext_lazy("Any")), *RENEWAL_FILTERS],
        required=False,
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
    per_page = forms.TypedChoiceField(
        label=gettext_lazy("Rows per page"),
        choices=[(n, n) for n in PAGE_SIZES],
        coerce=int,
        required=False,
        empty_value=PER_PAGE,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", gettext_lazy("The end date is before the start date."))
        return data

    def filters(self) -> Filters:
        """The valid filters; a field with an error is left out (and shown with its message)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()  # cleaned_data then holds the fields without an error
        data = self.cleaned_data
        return Filters(
            tab=data.get("tab") or "all",
            q=data.get("q") or "",
            client=data.get("client") or "",
            party=data.get("party") or "",
            locarno=data.get("locarno") or "",
            reference=data.get("reference") or "",
            date_field=data.get("date_field") or "created",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or "changed",
            protection=data.get("protection") or "",
            renewal=data.get("renewal") or "",
        )

    def page_size(self) -> int:
        return self._cleaned("per_page") or PER_PAGE

    def page_number(self) -> int:
        return self._cleaned("page") or 1

    def _cleaned(self, name):
        """A field's valid value even when another field has an error."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)
