"""Forms of the steps that describe and claim: description (item 9), creators (item 11), claim
(item 12), priority (item 13), exhibition (item 14), exception to lack of novelty (item 15) and
the main or principal design (item 16)."""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.wording import names_declaring

from .base import AddressFields, BaseListFormSet, WizardForm
from .fields import CountryField, DesignNumbersField, office_choices, parse_design_numbers

# --- item 9 -----------------------------------------------------------------------------------


class DescriptionForm(WizardForm):
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "data-word-count": "true"}),
        help_text=_(
            "Optional unless a designated party requires it. Each word beyond 100 is charged."
        ),
    )


# --- item 11 ----------------------------------------------------------------------------------


class CreatorForm(AddressFields):
    name = forms.CharField(
        label=_("Name of the creator"),
        max_length=200,
        error_messages={"required": _("Enter the creator's name.")},
    )
    designs = DesignNumbersField(label=_("Creator of designs"))
    field_order = ["name"]

    def __init__(self, *args, designs=1, **kwargs):
        self.design_count = designs
        super().__init__(*args, **kwargs)

    def clean_designs(self):
        return parse_design_numbers(self.cleaned_data["designs"], designs=self.design_count)


class BaseCountedFormSet(BaseListFormSet):
    def get_form_kwargs(self, index):
        designs = len(self.state.document.get("designs") or []) if self.state else 1
        return {"designs": designs}


CreatorFormSet = forms.formset_factory(
    CreatorForm, formset=BaseCountedFormSet, extra=1, can_delete=True, max_num=100
)


# --- item 12 ----------------------------------------------------------------------------------


class ClaimForm(WizardForm):
    claim = forms.CharField(
        label=_("Claim"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Use the wording the designated party requires; replace any [bracketed] part."),
        error_messages={"required": _("Enter the claim required by the designated party.")},
    )

    def clean_claim(self):
        claim = self.cleaned_data["claim"].strip()
        if "[" in claim:
            raise forms.ValidationError(gettext("Replace the [bracketed] part with the product."))
        return claim


# --- items 13 to 16 ---------------------------------------------------------------------------


class PriorityForm(forms.Form):
    office = CountryField(
        label=_("Office of the earlier filing"),
        required=True,
        choices=office_choices,
        help_text=_(
            "The country or regional office where the earlier application was filed, "
            "or WIPO for an earlier international application."
        ),
        error_messages={
            "required": _("Choose the office of the earlier filing."),
            "invalid_choice": _("Choose the office from the list: “%(value)s” is not one."),
        },
    )
    number = forms.CharField(label=_("Filing number"), max_length=40)
    date = forms.DateField(
        label=_("Filing date"),
        help_text=_("As YYYY-MM-DD. Priority lasts six months from this date."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
    )
    designs = DesignNumbersField(label=_("Designs claiming this priority"))
    das_code = forms.CharField(
        label=_("WIPO DAS access code"), required=False, max_length=10, help_text=_("Optional.")
    )

    def __init__(self, *args, designs=1, **kwargs):
        self.design_count = designs
        super().__init__(*args, **kwargs)

    def clean_designs(self):
        return parse_design_numbers(self.cleaned_data["designs"], designs=self.design_count)


PriorityFormSet = forms.formset_factory(
    PriorityForm, formset=BaseCountedFormSet, extra=1, can_delete=True, max_num=20
)


class ExhibitionForm(WizardForm):
    shown = forms.BooleanField(
        label=_("The designs were shown at an officially recognised exhibition"), required=False
    )
    name = forms.CharField(label=_("Name of the exhibition"), required=False, max_length=200)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    date = forms.DateField(
        label=_("Date of first exhibition"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("As YYYY-MM-DD."),
    )
    designs = DesignNumbersField(label=_("Designs shown"))

    def clean(self):
        data = super().clean()
        if data.get("shown"):
            missing = {
                "name": gettext("Enter the exhibition's name."),
                "place": gettext("Enter the exhibition's place."),
                "date": gettext("Enter the exhibition's date."),
            }
            for name, message in missing.items():
                if not data.get(name):
                    self.add_error(name, message)
        designs = len(self.state.document.get("designs") or [])
        try:
            data["designs"] = parse_design_numbers(data.get("designs"), designs=designs)
        except forms.ValidationError as exc:
            self.add_error("designs", exc)
        return data


class NoveltyExceptionForm(WizardForm):
    claimed = forms.BooleanField(
        label=_("Claim an exception to lack of novelty"), required=False, help_text=_("Item 15.")
    )
    parties = forms.MultipleChoiceField(
        label=_("For the designations of"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    designs = DesignNumbersField(label=_("Designs concerned"))
    disclosure_date = forms.DateField(
        label=_("Date of the disclosure"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("As YYYY-MM-DD. Supporting documents go in Annex II."),
    )
    explanation = forms.CharField(
        label=_("Circumstances of the disclosure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = [(p, p) for p in parties]

    def clean(self):
        data = super().clean()
        designs = len(self.state.document.get("designs") or [])
        try:
            data["designs"] = parse_design_numbers(data.get("designs"), designs=designs)
        except forms.ValidationError as exc:
            self.add_error("designs", exc)
        if data.get("claimed") and not data.get("parties"):
            self.add_error(
                "parties", gettext("Choose the designations the exception is claimed for.")
            )
        return data


class MainDesignForm(WizardForm):
    main = forms.IntegerField(
        label=_("Main design"),
        required=False,
        min_value=1,
        help_text=_("The number of the main design among similar designs."),
    )
    related = forms.CharField(
        label=_("Related designs"),
        required=False,
        help_text=_(
            'Pairs "related:principal", such as "2:1, 3:1". The principal design may be '
            'an earlier application or registration: give its number, such as "3:DM/085 123".'
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.state is not None:
            # Item 16: which parties take a main design and which related designs is data;
            # only a choice that concerns a designated party is offered.
            ref, on = self.state.ref, self.state.on
            designated = self.state.document.get("designations") or ()
            for field, value in (("main", "main"), ("related", "related")):
                names = names_declaring(ref, "principal_design", on, value=value, among=designated)
                if names:
                    self.fields[field].label = f"{self.fields[field].label} ({names})"
                else:
                    del self.fields[field]

    def _design_count(self) -> int:
        return len(self.state.document.get("designs") or [])

    def clean_main(self):
        main = self.cleaned_data["main"]
        designs = self._design_count()
        if main is not None and main > designs:
            raise forms.ValidationError(
                gettext("The application has designs 1 to %(last)s.") % {"last": designs}
            )
        return main

    def clean_related(self):
        return [self._related_pair(part) for part in _comma_parts(self.cleaned_data["related"])]

    def _related_pair(self, part: str) -> dict:
        # Guide, item 16: the principal is a design of this application or an earlier
        # application or registration (any number that is not a plain design number).
        match = re.fullmatch(r"(\d+)\s*:\s*(\S.*)", part)
        if not match:
            raise forms.ValidationError(
                gettext('"%(part)s": write related:principal, such as 2:1.') % {"part": part}
            )
        designs, related, principal = self._design_count(), int(match[1]), match[2].strip()
        for number in (related, int(principal) if principal.isdigit() else None):
            if number is not None and not 1 <= number <= designs:
                raise forms.ValidationError(
                    gettext(
                        '"%(part)s": the application has designs 1 to %(last)s; for an earlier '
                        'application or registration give its number, such as "DM/085 123".'
                    )
                    % {"part": part, "last": designs}
                )
        if principal.isdigit():
            return {"design": related, "principal": int(principal)}
        return {"design": related, "principal_earlier": principal}


def _comma_parts(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]
