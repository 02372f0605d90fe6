import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Preference

NUMBER = re.compile(r"^WIPO\d{6}$")


class InboxFilterForm(forms.Form):
    unread = forms.BooleanField(label=_("Unread only"), required=False)
    application = forms.CharField(
        label=_("Application number"),
        required=False,
        max_length=20,
        help_text=_("e.g. WIPO000123"),
    )

    def clean_application(self):
        number = self.cleaned_data["application"].strip().upper()
        if number and not NUMBER.match(number):
            raise forms.ValidationError(
                _("An application number is WIPO followed by six digits, e.g. WIPO000123.")
            )
        return number


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email_attachments"]
