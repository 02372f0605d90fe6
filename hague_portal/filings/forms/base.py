"""The base form of the wizard steps (it carries the wizard state), the address fields, and the
base formset of the list sections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import CountryField


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
