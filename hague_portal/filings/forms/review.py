"""Forms of the last step: the signature (item 19) and the confirmation that submits."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .base import WizardForm

SIGNATURE = RegexValidator(
    r"^/[^/]+/$", _('Type your name between two slashes, for example "/Jane Doe/".')
)


class SubmitForm(forms.Form):
    """The one irreversible click: confirmed on the server, and the account to debit when the
    WIPO current account was chosen at the Fees step (the DM/1's fee payment sheet)."""

    confirm = forms.BooleanField(
        label=_(
            "I confirm that this application is complete and correct, and understand that "
            "submitting it files it with the International Bureau: it cannot be changed or "
            "withdrawn here afterwards."
        ),
        error_messages={"required": _("Tick this box to confirm before submitting.")},
    )

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts is not None:
            self.fields["account"] = forms.ModelChoiceField(
                queryset=accounts,
                label=_("WIPO current account to debit"),
                empty_label=_("Choose an account…"),
                error_messages={"required": _("Choose the current account to debit.")},
            )
            only = list(accounts[:2])
            if len(only) == 1:
                self.fields["account"].initial = only[0].pk
            self.order_fields(["account", "confirm"])


class SignatureForm(WizardForm):
    name = forms.CharField(
        label=_("Signature"),
        max_length=200,
        validators=[SIGNATURE],
        help_text=_('Your name between slashes, such as "/Jane Doe/" (item 19).'),
        error_messages={"required": _("Sign the application by typing your name between slashes.")},
    )
    capacity = forms.ChoiceField(
        label=_("Signed by"),
        widget=forms.RadioSelect,
        choices=(("applicant", _("the applicant")), ("representative", _("the representative"))),
        error_messages={"required": _("Say in which capacity you sign.")},
    )
