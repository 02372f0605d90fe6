"""Forms of the steps about publication and money: publication (item 17), fee reductions (item
18), the annexes (no input) and how the fees are paid."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .base import WizardForm

PAYMENT_METHODS = (
    ("current_account", _("WIPO current account (debit)")),
    ("card", _("Credit card")),
    ("bank_transfer", _("Bank transfer")),
)


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
