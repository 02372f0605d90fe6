"""Paying the second part of an individual fee (Rule 12(3)(c)) from the application's page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.payments.models import PaymentMethod

# Through the International Bureau, at once: by current account or card (Guide, "Individual
# designation fee payable in two parts"); a bank transfer could arrive after the time limit.
METHODS = [
    (PaymentMethod.CURRENT_ACCOUNT, _("WIPO current account")),
    (PaymentMethod.CARD, _("Credit card")),
]


class SecondPartPayForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=METHODS, widget=forms.RadioSelect)
    account = forms.ChoiceField(label=_("Current account"), required=False)
    card_number = forms.CharField(label=_("Card number"), required=False, max_length=23)

    def __init__(self, *args, accounts, **kwargs):
        """`accounts`: the current accounts the user may debit, read once (a list), so that a
        page with several forms asks the database once."""
        super().__init__(*args, **kwargs)
        self.accounts = {str(a.pk): a for a in accounts}
        self.fields["account"].choices = [("", "---------")] + [
            (str(a.pk), f"{a.number} ({a.holder_name})") for a in accounts
        ]
        if len(accounts) == 1 and not self.is_bound:
            self.initial.setdefault("account", str(accounts[0].pk))

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == PaymentMethod.CURRENT_ACCOUNT and not data.get("account"):
            self.add_error("account", _("Choose the current account to debit."))
        if method == PaymentMethod.CARD and not data.get("card_number", "").strip():
            self.add_error("card_number", _("Enter the card number."))
        data["account"] = self.accounts.get(data.get("account") or "")
        return data
