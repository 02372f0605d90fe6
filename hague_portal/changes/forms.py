"""The forms of a request to record a change (DM/2, DM/3, DM/5, DM/6, DM/7): each turns what
the holder entered into the request's data; the rules (`hague.changes`) check it at filing and
their messages go back to the field concerned."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.payments.models import PaymentMethod

from .models import ChangeKind

METHODS = [
    ("", _("Nothing to pay now")),
    (PaymentMethod.CURRENT_ACCOUNT, _("WIPO current account")),
    (PaymentMethod.CARD, _("Credit card")),
]
FACTORS = (
    ("establishment", _("Real and effective industrial or commercial establishment in")),
    ("domicile", _("Domicile in")),
    ("nationality", _("Nationality of")),
    ("habitual_residence", _("Habitual residence in")),
)


def _codes(text: str) -> list[str]:
    return sorted(
        {c.strip().upper() for c in (text or "").replace(";", ",").split(",") if c.strip()}
    )


class ScopeMixin:
    """The parties and designs of the registration, as checkboxes (all ticked by default)."""

    def scope_fields(self, scope, *, designs: bool):
        self.fields["parties"] = forms.MultipleChoiceField(
            label=_("Designated parties concerned"),
            choices=[(p, p) for p in scope.parties],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        if designs:
            self.fields["designs"] = forms.TypedMultipleChoiceField(
                label=_("Designs concerned"),
                choices=[(n, str(n)) for n in scope.all_designs],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )


class PaymentMixin:
    def payment_fields(self, accounts):
        self.accounts = {str(a.pk): a for a in accounts}
        self.fields["method"] = forms.ChoiceField(label=_("Payment"), choices=METHODS,
                                                  required=False)  # fmt: skip
        self.fields["account"] = forms.ChoiceField(
            label=_("Current account"),
            required=False,
            choices=[("", "---------")]
            + [(str(a.pk), f"{a.number} ({a.holder_name})") for a in accounts],
        )
        self.fields["card_number"] = forms.CharField(label=_("Card number"), required=False,
                                                     max_length=23)  # fmt: skip

    def payment(self) -> dict:
        data = self.cleaned_data
        return {
            "method": data.get("method") or "",
            "account": self.accounts.get(data.get("account") or ""),
            "card_number": data.get("card_number") or "",
        }


class OwnershipForm(ScopeMixin, PaymentMixin, forms.Form):
    """DM/2: the new holder, its entitlement (Article 3), the parties and designs transferred."""

    new_holder_name = forms.CharField(label=_("New holder's name"), max_length=300,
                                      required=False)  # fmt: skip
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    country = forms.CharField(label=_("Country (code)"), max_length=2, required=False)
    email = forms.EmailField(
        label=_("New holder's e-mail"),
        required=False,
        help_text=_(
            "If the new holder has an account on the portal with this e-mail, the "
            "registration moves to it once the change is recorded."
        ),  # fmt: skip
    )

    def __init__(self, *args, scope, accounts=(), firms=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in FACTORS:
            self.fields[key] = forms.CharField(
                label=label, required=False, help_text=_("Party codes, separated by commas.")
            )
        self.firms = {str(f.pk): f for f in firms}
        self.fields["firm"] = forms.ChoiceField(
            label=_("The new holder's representative: a firm on the portal (if any)"),
            required=False,
            choices=[("", "---------")] + [(key, f.name) for key, f in self.firms.items()],
            help_text=_(
                "The firm accepts on its side before the change is recorded; it then holds "
                "the registration on its workbench for the new holder."
            ),
        )
        self.scope_fields(scope, designs=True)
        self.payment_fields(accounts)
        if not self.is_bound:
            self.initial.update(parties=list(scope.parties), designs=list(scope.all_designs))

    def request_data(self) -> dict:
        d = self.cleaned_data
        return {
            "new_holder": {
                "name": d["new_holder_name"].strip(),
                "address": d["address"].strip(),
                "country": d["country"].strip().upper(),
                "email": d["email"].strip(),
                "entitlement": {key: _codes(d.get(key)) for key, _label in FACTORS},
            },
            "parties": sorted(d.get("parties") or []),
            "designs": sorted(d.get("designs") or []),
            **self._representative(d.get("firm") or ""),
        }

    def _representative(self, key: str) -> dict:
        firm = self.firms.get(key)
        if firm is None:
            return {}
        return {"representative": {"name": firm.name, "firm_id": firm.pk}}


class AlsoMixin:
    """DM/5 and DM/6 may cover several registrations of the same holder (Rule 21)."""

    def also_field(self, others):
        self.others = {str(r.pk): r for r in others}
        if others:
            self.fields["also"] = forms.MultipleChoiceField(
                label=_("Also for these registrations of the same holder"),
                choices=[(str(r.pk), r.number) for r in others],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    def also(self) -> list:
        return [self.others[pk] for pk in self.cleaned_data.get("also") or ()]


class NameAddressForm(AlsoMixin, PaymentMixin, forms.Form):
    """DM/6: only what changed."""

    name = forms.CharField(label=_("New name"), max_length=300, required=False)
    address = forms.CharField(label=_("New address"), max_length=500, required=False)
    country = forms.CharField(label=_("New country (code)"), max_length=2, required=False)
    email = forms.EmailField(label=_("New e-mail"), required=False)

    def __init__(self, *args, scope=None, accounts=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_fields(accounts)
        self.also_field(others)

    def request_data(self) -> dict:
        d = self.cleaned_data
        new = {k: (d.get(k) or "").strip() for k in ("name", "address", "country", "email")}
        new["country"] = new["country"].upper()
        return {"new": {k: v for k, v in new.items() if v}}


class LimitationForm(ScopeMixin, PaymentMixin, forms.Form):
    """DM/3: some designs, never all, for some or all parties."""

    def __init__(self, *args, scope, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_fields(scope, designs=True)
        self.payment_fields(accounts)
        if not self.is_bound:
            self.initial.update(parties=list(scope.parties))

    def request_data(self) -> dict:
        d = self.cleaned_data
        return {
            "parties": sorted(d.get("parties") or []),
            "designs": sorted(d.get("designs") or []),
        }


class RenunciationForm(AlsoMixin, ScopeMixin, PaymentMixin, forms.Form):
    """DM/5: all designs, for some or all parties (the same parties for every registration)."""

    def __init__(self, *args, scope, accounts=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_fields(scope, designs=False)
        self.payment_fields(accounts)
        self.also_field(others)

    def request_data(self) -> dict:
        return {"parties": sorted(self.cleaned_data.get("parties") or [])}


class RepresentativeForm(PaymentMixin, forms.Form):
    """DM/7: appoint a representative, change it, or cancel the one recorded."""

    action = forms.ChoiceField(
        label=_("Request"),
        choices=[
            ("appoint", _("Appoint a representative")),
            ("change", _("Replace the representative recorded")),
            ("cancel", _("Cancel the representative recorded")),
        ],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Representative's name"), max_length=300, required=False)
    address = forms.CharField(label=_("Representative's address"), max_length=500,
                              required=False)  # fmt: skip
    email = forms.EmailField(label=_("Representative's e-mail"), required=False)
    firm = forms.ChoiceField(
        label=_("The representative's firm on the portal (if any)"),
        required=False,
        help_text=_("The firm accepts the appointment on its side before it is recorded."),
    )

    def __init__(self, *args, scope=None, accounts=(), firms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].choices = [("", "---------")] + [(str(f.pk), f.name) for f in firms]
        self.payment_fields(accounts)

    def request_data(self) -> dict:
        d = self.cleaned_data
        new = {k: (d.get(k) or "").strip() for k in ("name", "address", "email")}
        if d.get("firm"):
            new["firm_id"] = int(d["firm"])
        return {"action": d["action"], "new": new if d["action"] != "cancel" else {}}


FORMS = {
    ChangeKind.OWNERSHIP: OwnershipForm,
    ChangeKind.NAME_ADDRESS: NameAddressForm,
    ChangeKind.LIMITATION: LimitationForm,
    ChangeKind.RENUNCIATION: RenunciationForm,
    ChangeKind.REPRESENTATIVE: RepresentativeForm,
}


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Your response"), widget=forms.Textarea(attrs={"rows": 4}))


class FirmAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Accept the appointment")), ("no", _("Decline it"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
