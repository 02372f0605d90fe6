"""The entry forms: the wizard's own party forms (filings/forms/parties.py, declarations.py),
so that an entry is checked as the block it fills is, country field included."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.filings.forms.declarations import CreatorForm
from hague_portal.filings.forms.parties import ApplicantForm, RepresentativeForm

from .models import EntryKind


class ApplicantEntryForm(ApplicantForm):
    pass


class CreatorEntryForm(CreatorForm):
    designs = None  # which designs is the application's, not the party's


class RepresentativeEntryForm(RepresentativeForm):
    appoint = None
    name = forms.CharField(
        label=_("Name of the representative"),
        max_length=200,
        error_messages={"required": _("Enter the representative's name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={"required": _("Enter the representative's e-mail address.")},
    )

    field_order = ["name", "email", "phone"]


ENTRY_FORMS = {
    EntryKind.APPLICANT: ApplicantEntryForm,
    EntryKind.CREATOR: CreatorEntryForm,
    EntryKind.REPRESENTATIVE: RepresentativeEntryForm,
}


def entry_form(kind: str, *args, **kwargs) -> forms.Form:
    return ENTRY_FORMS[kind](*args, **kwargs)


class BookForm(forms.Form):
    """Which address book a new entry goes to: the user's own or one of their firms'."""

    book = forms.ChoiceField(label=_("Address book"))

    def __init__(self, *args, books, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book"].choices = books
        if len(books) == 1:
            self.fields["book"].widget = forms.HiddenInput()


class ImportForm(forms.Form):
    book = forms.ChoiceField(label=_("Address book"))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with the columns of an export. At most 10,000 rows."),
    )

    def __init__(self, *args, books, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book"].choices = books
