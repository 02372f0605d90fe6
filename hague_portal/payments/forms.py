from django import forms

from .models import PaymentMethod


class PaymentForm(forms.Form):
    method = forms.ChoiceField(choices=PaymentMethod.choices, widget=forms.RadioSelect)
    account = forms.ModelChoiceField(queryset=None, required=False, label="Current account")
    card_number = forms.CharField(required=False, max_length=23, label="Card number")
    fees_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts

    def clean(self):
        data = super().clean()
        if data.get("method") == PaymentMethod.CURRENT_ACCOUNT and not data.get("account"):
            self.add_error("account", "Choose the current account to debit.")
        if data.get("method") == PaymentMethod.CARD and not data.get("card_number"):
            self.add_error("card_number", "Enter the card number.")
        return data
