from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PaymentMethod


class PaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Method"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )
    account = forms.ModelChoiceField(queryset=None, required=False, label=_("Current account"))
    card_number = forms.CharField(required=False, max_length=23, label=_("Card number"))
    fees_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts

    def clean(self):
        data = super().clean()
        if data.get("method") == PaymentMethod.CURRENT_ACCOUNT and not data.get("account"):
            self.add_error("account", _("Choose the current account to debit."))
        if data.get("method") == PaymentMethod.CARD and not data.get("card_number"):
            self.add_error("card_number", _("Enter the card number."))
        return data
