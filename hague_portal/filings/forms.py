"""Forms of the wizard steps. Field names mirror the document's keys, so that a finding's
`field` ("designs[2].locarno") finds its input ("id_designs-2-locarno")."""

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hague_portal.hague.wording import names_declaring

from .countries import country_code_for
from .widgets import FastCheckboxSelectMultiple, FastSelect, choices_once

SIGNATURE = RegexValidator(
    r"^/[^/]+/$", _('Type your name between two slashes, for example "/Jane Doe/".')
)
# Rule 6(1): the languages an international application may be filed in.
APPLICATION_LANGUAGES = (("en", _("English")), ("fr", _("French")), ("es", _("Spanish")))
PAYMENT_METHODS = (
    ("current_account", _("WIPO current account (debit)")),
    ("card", _("Credit card")),
    ("bank_transfer", _("Bank transfer")),
)
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


class WizardForm(forms.Form):
    """Passes the wizard state (reference data, document) to forms that need it."""

    def __init__(self, *args, state=None, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)


class AddressFields(forms.Form):
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    city = forms.CharField(label=_("Town or city"), required=False, max_length=100)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=20)
    country = CountryField(label=_("Country"))


# --- item 1 and 4 -----------------------------------------------------------------------------


class ApplicantForm(AddressFields):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_(
            "Natural person: family name, then given names. Legal entity: full official name."
        ),
        error_messages={"required": _("Enter the applicant's name.")},
    )
    kind = forms.ChoiceField(
        label=_("The applicant is"),
        choices=(("natural", _("a natural person")), ("legal", _("a legal entity"))),
        widget=forms.RadioSelect,
        initial="legal",
        error_messages={"required": _("Say whether the applicant is a person or a legal entity.")},
    )
    transliteration = forms.CharField(
        label=_("Name in Latin characters"),
        required=False,
        max_length=200,
        help_text=_("Required when the name is written in other characters (Rule 7(3)(i))."),
    )
    legal_nature = forms.CharField(
        label=_("Legal nature and State (legal entities)"),
        required=False,
        max_length=200,
        help_text=_("For example: company limited by shares, Switzerland."),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_(
            "The International Bureau writes to this address unless a representative is appointed."
        ),
    )
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=40)

    field_order = ["name", "kind", "transliteration", "legal_nature", "email", "phone"]

    def clean(self):
        data = super().clean()
        name = data.get("name") or ""
        if name and not is_latin(name) and not data.get("transliteration"):
            self.add_error(
                "transliteration",
                gettext(
                    "The name is not in Latin characters: give it in Latin characters as well."
                ),
            )
        return data


class CorrespondenceForm(WizardForm):
    # Rule 6(1). Not required: a form posted without it keeps the draft's language.
    language = forms.ChoiceField(
        label=_("Language of the application"),
        choices=APPLICATION_LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Rule 6(1): the application form (DM/1), the acknowledgement of receipt and the "
            "International Bureau's notifications will be in this language."
        ),
    )
    reference = forms.CharField(
        label=_("Your reference"),
        required=False,
        max_length=100,
        help_text=_(
            "The applicant's or representative's own reference for this application, "
            "printed on the DM/1 and shown on your workbench."
        ),
    )
    correspondence_email = forms.EmailField(
        label=_("E-mail address for correspondence (item 4)"),
        required=False,
        help_text=_(
            "Only with several applicants and no representative: the address the "
            "International Bureau writes to (Guide, item 4)."
        ),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )


class BaseListFormSet(forms.BaseFormSet):
    def __init__(self, *args, state=None, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def kept_forms(self):
        return [
            f
            for f in self.forms
            if f.has_changed() and not (self.can_delete and self._should_delete_form(f))
        ]


class BaseApplicantFormSet(BaseListFormSet):
    default_error_messages = {
        **BaseListFormSet.default_error_messages,
        "too_few_forms": _("Name at least one applicant (item 1)."),
        "too_many_forms": _("Name at most 50 applicants."),
    }


ApplicantFormSet = forms.formset_factory(
    ApplicantForm,
    formset=BaseApplicantFormSet,
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=True,
    max_num=50,
)


# --- items 2 and 3 ----------------------------------------------------------------------------


class EntitlementForm(WizardForm):
    FACTORS = (
        ("establishment", _("Real and effective industrial or commercial establishment in")),
        ("domicile", _("Domicile in")),
        ("nationality", _("National of")),
        ("habitual_residence", _("Habitual residence in (1999 Act only)")),
    )

    applicant_contracting_party = forms.ChoiceField(
        label=_("Applicant's Contracting Party (item 3)"),
        required=False,
        widget=SearchableSelect,
        help_text=_(
            "Only when item 2 names more than one Contracting Party bound by the 1999 Act: "
            "the one to be indicated. Otherwise leave it; it follows from item 2."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ref, on = self.state.ref, self.state.on
        # Guide, item 2: a party counts only while bound by an Act; habitual residence is a
        # connecting factor under the 1999 Act only (1999 Act Article 3).
        language = get_language()
        bound = [(p, ref.acts_binding(p.code, on)) for p in ref.parties(language)]
        named = {p.code: f"{p.name_in(language)} ({p.code})" for p, b in bound}
        for name, label in self.FACTORS:
            acts = {"1999"} if name == "habitual_residence" else {"1999", "1960"}
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=[(p.code, named[p.code]) for p, b in bound if b & acts],
                required=False,
                widget=FastCheckboxSelectMultiple,
                help_text=_(
                    "Contracting Parties only; for a State of the European Union choose the "
                    "European Union (and the State itself if it is a Contracting Party)."
                ),
            )
        acp = [(p.code, named[p.code]) for p, b in bound if "1999" in b]
        self.fields["applicant_contracting_party"].choices = [("", _("Choose a party")), *acp]
        self.order_fields([name for name, _ in self.FACTORS])

    def entitlement(self) -> dict:
        return {name: self.cleaned_data.get(name) or [] for name, _ in self.FACTORS}

    def clean(self):
        from hague_portal.hague.document import Entitlement
        from hague_portal.hague.eligibility import applicant_contracting_party_choices

        data = super().clean()
        entitlement = self.entitlement()
        if not any(entitlement.values()):
            raise forms.ValidationError(
                gettext(
                    "Name at least one Contracting Party with which the applicant has a connection."
                )
            )
        choices = applicant_contracting_party_choices(
            Entitlement(**{k: tuple(v) for k, v in entitlement.items()}),
            self.state.ref,
            self.state.on,
        )
        self.acp_choices = choices
        chosen = data.get("applicant_contracting_party")
        if len(choices) == 1:
            data["applicant_contracting_party"] = choices[0]
        elif not choices:
            data["applicant_contracting_party"] = None
        elif chosen not in choices:
            self.add_error(
                "applicant_contracting_party",
                gettext("Choose one of %(parties)s: item 2 names each of them.")
                % {"parties": ", ".join(choices)},
            )
        return data


# --- item 5 -----------------------------------------------------------------------------------


class RepresentativeForm(AddressFields, WizardForm):
    appoint = forms.BooleanField(
        label=_("A representative is appointed"),
        required=False,
        help_text=_(
            "Leave unticked if the applicant deals with the International Bureau directly."
        ),
    )
    name = forms.CharField(label=_("Name of the representative"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=40)

    field_order = ["appoint", "name", "email", "phone"]

    def clean(self):
        data = super().clean()
        if data.get("appoint") and not data.get("name"):
            self.add_error(
                "name", gettext("Enter the representative's name, or untick the box above.")
            )
        if data.get("appoint") and not data.get("email"):
            self.add_error("email", gettext("Enter the representative's e-mail address."))
        return data


# --- item 7 -----------------------------------------------------------------------------------


class DesignationsForm(WizardForm):
    designations = forms.MultipleChoiceField(
        label=_("Designated Contracting Parties"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only parties you may designate through your entitlement (item 2) are listed."),
        error_messages={"required": _("Designate at least one Contracting Party.")},
    )

    def __init__(self, *args, eligible=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["designations"].choices = [(code, code) for code in eligible]


# --- items 6 and 8 ----------------------------------------------------------------------------


class DesignForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, required=False)
    product = forms.CharField(
        label=_("Product"),
        max_length=200,
        help_text=_("What the design is applied to, such as 'chair' (item 8)."),
        error_messages={"required": _("Say which product the design is for.")},
    )
    # Guide, item 8: indicating the Locarno class is not compulsory.
    locarno = forms.CharField(
        label=_("Locarno class (optional)"),
        max_length=5,
        required=False,
        help_text=_(
            'Class or class and subclass, such as "06" or "06-01". Optional: the '
            "International Bureau classifies the designs; some fees (Korea) depend on it."
        ),
        widget=forms.TextInput(attrs={"list": "locarno-codes", "autocomplete": "off"}),
    )

    def __init__(self, *args, ref=None, **kwargs):
        self.ref = ref
        super().__init__(*args, **kwargs)

    def has_changed(self):
        # The hidden number alone does not make a row.
        return any(self[name].data for name in ("product", "locarno")) or super().has_changed()

    def clean_locarno(self):
        code = self.cleaned_data["locarno"].strip()
        if not code:
            return None
        if re.fullmatch(r"\d", code):
            code = code.zfill(2)
        if not re.fullmatch(r"\d{2}(-\d{2})?", code):
            raise forms.ValidationError(gettext('Use the form "06" or "06-01".'))
        if self.ref is not None and self.ref.locarno_class(code[:2]) is None:
            raise forms.ValidationError(
                gettext('There is no Locarno class "%(code)s".') % {"code": code[:2]}
            )
        return code


class BaseDesignFormSet(BaseListFormSet):
    default_error_messages = {
        **BaseListFormSet.default_error_messages,
        "too_many_forms": _("An application may contain at most 100 designs (Rule 7(3)(v))."),
    }

    def get_form_kwargs(self, index):
        return {"ref": self.state.ref if self.state else None}


DesignFormSet = forms.formset_factory(
    DesignForm,
    formset=BaseDesignFormSet,
    extra=1,
    can_delete=True,
    max_num=100,
    validate_max=True,
    absolute_max=100,
)


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


# --- item 17 ----------------------------------------------------------------------------------


class PublicationForm(WizardForm):
    mode = forms.ChoiceField(
        label=_("Publication"),
        widget=forms.RadioSelect,
        choices=(
            ("standard", _("Standard: 12 months after registration")),
            ("immediate", _("Immediately after registration")),
            ("deferred", _("Deferred")),
        ),
        initial="standard",
        error_messages={"required": _("Choose when the registration should be published.")},
    )
    months = forms.IntegerField(
        # Guide, item 17: the chosen time is "specified in months from the filing date"; the
        # maximum counts from the priority date when one is claimed (the step works it out).
        label=_("Publish after (months from the filing date)"),
        required=False,
        min_value=1,
    )

    def __init__(self, *args, max_months=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_months = max_months
        if max_months:
            self.fields["months"].max_value = max_months
            self.fields["months"].help_text = ngettext(
                "At most %(months)s month for the parties you designated.",
                "At most %(months)s months for the parties you designated.",
                max_months,
            ) % {"months": max_months}

    def clean(self):
        data = super().clean()
        if data.get("mode") == "deferred":
            if not data.get("months"):
                self.add_error(
                    "months", gettext("Say for how many months publication is deferred.")
                )
            elif self.max_months and data["months"] > self.max_months:
                self.add_error(
                    "months",
                    ngettext(
                        "Your designations allow at most %(months)s month.",
                        "Your designations allow at most %(months)s months.",
                        self.max_months,
                    )
                    % {"months": self.max_months},
                )
        else:
            data["months"] = None
        return data


# --- item 18, fees, item 19 -------------------------------------------------------------------


class FeeReductionsForm(WizardForm):
    LABELS = {
        "small": _("small entity"),
        "micro": _("micro entity"),
        "reduced": _("reduced fee"),
    }

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for party, (name, values) in (offers or {}).items():
            choices = [("", gettext("No reduction"))] + [(v, self.LABELS.get(v, v)) for v in values]
            self.fields[party] = forms.ChoiceField(
                label=f"{name} ({party})",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("Only if the applicant qualifies; some levels need Annex IV."),
            )


class AnnexesForm(WizardForm):
    """No input: the step lists what is required; documents are uploaded elsewhere."""


class PaymentForm(WizardForm):
    method = forms.ChoiceField(
        label=_("How will you pay?"),
        choices=PAYMENT_METHODS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you will pay the fees.")},
    )


class SubmitForm(forms.Form):
    """The one irreversible click: confirmed on the server, and the account to debit when the
    WIPO current account was chosen at the Fees step (the DM/1's fee payment sheet)."""

    confirm = forms.BooleanField(
        label=_(
            "I confirm that this application is complete and correct, and understand that "
            "submitting it files it with the International Bureau: it cannot be changed or "
            "withdrawn here afterwards."
        ),
        error_messages={"required": _("Tick this box to confirm before submitting.")},
    )

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["account"] = forms.ModelChoiceField(
                queryset=accounts,
                label=_("WIPO current account to debit"),
                empty_label=_("Choose an account…"),
                error_messages={"required": _("Choose the current account to debit.")},
            )
            only = list(accounts[:2])
            if len(only) == 1:
                self.fields["account"].initial = only[0].pk
            self.order_fields(["account", "confirm"])


class SignatureForm(WizardForm):
    name = forms.CharField(
        label=_("Signature"),
        max_length=200,
        validators=[SIGNATURE],
        help_text=_('Your name between slashes, such as "/Jane Doe/" (item 19).'),
        error_messages={"required": _("Sign the application by typing your name between slashes.")},
    )
    capacity = forms.ChoiceField(
        label=_("Signed by"),
        widget=forms.RadioSelect,
        choices=(("applicant", _("the applicant")), ("representative", _("the representative"))),
        error_messages={"required": _("Say in which capacity you sign.")},
    )
