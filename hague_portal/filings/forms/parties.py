"""Forms of the steps about who applies and where: applicants and correspondence (items 1 and
4), entitlement (items 2 and 3), representative (item 5) and designations (item 7)."""

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from ..widgets import FastCheckboxSelectMultiple
from .base import AddressFields, BaseListFormSet, WizardForm
from .fields import SearchableSelect, is_latin

# Rule 6(1): the languages an international application may be filed in.
APPLICATION_LANGUAGES = (("en", _("English")), ("fr", _("French")), ("es", _("Spanish")))


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


class BaseApplicantFormSet(BaseListFormSet):
    default_error_messages = {
        **BaseListFormSet.default_error_messages,
        "too_few_forms": _("Name at least one applicant (item 1)."),
        "too_many_forms": _("Name at most 50 applicants."),
    }


ApplicantFormSet = forms.formset_factory(
    ApplicantForm,
    formset=BaseApplicantFormSet,
    extra=0,  # one applicant shown; "Add another applicant" adds a row (issue 20)
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
