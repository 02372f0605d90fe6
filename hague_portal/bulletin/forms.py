"""The Bulletin's search form: bad input gets its message at its field and filters nothing."""

from __future__ import annotations

import re
from dataclasses import fields

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hague_portal.lib.text import validate_storable_text
from hague_portal.reference.selectors import reference_data

from .models import EntryKind
from .selectors import Search

LOCARNO = re.compile(r"^\d{1,2}(-\d{1,2})?$")


def _party_choices() -> list[tuple[str, str]]:
    language = get_language()
    parties = [
        (p.code, f"{p.name_in(language)} ({p.code})") for p in reference_data().parties(language)
    ]
    return [("", _("Any party")), *parties]


class SearchForm(forms.Form):
    number = forms.CharField(
        label=_("Registration number"),
        required=False,
        max_length=20,
        validators=[validate_storable_text],
        help_text=_("For example DM/230001, or part of it."),
    )
    holder = forms.CharField(
        label=_("Holder"), required=False, max_length=200, validators=[validate_storable_text]
    )
    product = forms.CharField(
        label=_("Product"), required=False, max_length=200, validators=[validate_storable_text]
    )
    locarno = forms.CharField(
        label=_("Locarno class"),
        required=False,
        max_length=5,
        help_text=_("A class (06) or a subclass (06-01)."),
    )
    party = forms.ChoiceField(label=_("Designated party"), required=False, choices=())
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=_("Kind of entry"),
        required=False,
        choices=[("", _("Any kind")), *EntryKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices()

    def clean_locarno(self) -> str:
        value = self.cleaned_data["locarno"].strip()
        if value and not LOCARNO.match(value):
            raise forms.ValidationError(
                _("Give a Locarno class as two digits (06) or a subclass as 06-01."),
                code="locarno",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned

    def search(self) -> Search:
        """The search the valid form asks for (call after is_valid())."""
        data = self.cleaned_data
        return Search(**{f.name: data.get(f.name) or f.default for f in fields(Search)})

    def is_searching(self) -> bool:
        return self.is_bound and any(v for k, v in self.data.items() if k != "page")
