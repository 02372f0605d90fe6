"""The renewal forms (issue 23): the parties and designs to renew, the payment, and for the
public page the registration number and the payer."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.payments.models import PaymentMethod

# "DM/000001", "DM-000001", "dm 000001" or "000001": one registration number.
_NUMBER = re.compile(r"^\s*(?:DM\s*[/\-\s]?\s*)?(\d{1,6})\s*$", re.IGNORECASE)


def registration_number(text: str) -> str | None:
    """The number as the Register writes it ("DM/000001"), or None when it is none."""
    found = _NUMBER.match(text or "")
    return f"DM/{int(found.group(1)):06d}" if found else None


class RenewalLookupForm(forms.Form):
    number = forms.CharField(
        label=_("International registration number"),
        max_length=20,
        help_text=_("For example DM/000001."),
    )

    def clean_number(self):
        number = registration_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(_("Enter a number such as DM/000001."))
        return number


class RenewalForm(forms.Form):
    """What to renew and how to pay. `parties`, `designs`: the choices offered (the page shows
    those not offered, disabled, with their reason); `accounts`: the current accounts the user
    may debit ([] for a payer without an account: card only); `payer`: ask the payer's name and
    e-mail (the public page)."""

    parties = forms.MultipleChoiceField(
        label=_("Designated parties"), required=False, widget=forms.CheckboxSelectMultiple
    )
    designs = forms.MultipleChoiceField(
        label=_("Designs"), required=False, widget=forms.CheckboxSelectMultiple
    )
    method = forms.ChoiceField(label=_("Method"), widget=forms.RadioSelect, required=False)
    account = forms.ChoiceField(label=_("Current account"), required=False)
    card_number = forms.CharField(label=_("Card number"), required=False, max_length=23)
    payer_name = forms.CharField(label=_("Your name"), required=False, max_length=300)
    payer_email = forms.EmailField(label=_("Your e-mail address"), required=False)
    seen_total = forms.DecimalField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, parties, designs, accounts, payer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = [(p, p) for p in parties]
        self.fields["designs"].choices = [(str(n), str(n)) for n in designs]
        self.accounts = {str(a.pk): a for a in accounts}
        self.fields["account"].choices = [("", "---------")] + [
            (str(a.pk), f"{a.number} ({a.holder_name})") for a in accounts
        ]
        methods = [(PaymentMethod.CARD, _("Credit card"))]
        if accounts:
            methods.insert(0, (PaymentMethod.CURRENT_ACCOUNT, _("WIPO current account")))
            if len(accounts) == 1:
                self.initial.setdefault("account", str(accounts[0].pk))
        self.fields["method"].choices = methods
        self.initial.setdefault("method", methods[0][0])
        self.payer = payer
        if not payer:
            del self.fields["payer_name"], self.fields["payer_email"]

    def clean(self):
        """Only what paying needs: the choice of parties and designs is the service's to judge
        (its messages go to the same fields)."""
        data = super().clean()
        data["account"] = self.accounts.get(data.get("account") or "")
        if self.data.get("action") != "pay":
            return data  # "Recalculate": the payment is not asked yet
        method = data.get("method")
        if not method:
            self.add_error("method", _("Choose how to pay."))
        if method == PaymentMethod.CURRENT_ACCOUNT and not data["account"]:
            self.add_error("account", _("Choose the current account to debit."))
        if method == PaymentMethod.CARD and not data.get("card_number", "").strip():
            self.add_error("card_number", _("Enter the card number."))
        if self.payer and method == PaymentMethod.CARD:
            if not data.get("payer_name", "").strip() and "payer_name" not in self.errors:
                self.add_error("payer_name", _("Enter your name: the receipt is made out to it."))
            if not data.get("payer_email") and "payer_email" not in self.errors:
                self.add_error("payer_email", _("Enter your e-mail address for the receipt."))
        return data

    def chosen(self) -> tuple[list[str] | None, list[int] | None]:
        """The parties and designs ticked in the bound data (valid or not), None when unbound."""
        if not self.is_bound:
            return None, None
        parties = [p for p in self.data.getlist("parties") if p]
        designs = [int(n) for n in self.data.getlist("designs") if str(n).isdigit()]
        return parties, designs
