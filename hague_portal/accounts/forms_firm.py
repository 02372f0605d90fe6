"""Forms of the firm pages (members, invitations, clients)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.filings.forms.fields import CountryField
from hague_portal.lib.text import validate_storable_text

from .models import Client, FirmRole


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The invitation link is sent to this address.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=FirmRole.choices, initial=FirmRole.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=FirmRole.choices)


class ClientForm(forms.ModelForm):
    # The wizard's country field: a name or code typed without JavaScript is taken as its
    # country, anything else refused at the field with what was typed.
    country = CountryField(label=_("Country"))

    class Meta:
        model = Client
        fields = ["name", "kind", "street", "city", "postcode", "country", "email", "reference"]
        # The model's names without verbose_name (a label here needs no migration).
        labels = {
            "name": _("Name"),
            "kind": _("Kind"),
            "postcode": _("Postcode"),
            "email": _("Contact e-mail"),
            "reference": _("Own reference"),
        }
        help_texts = {"reference": _("The firm's own file reference for this client (optional).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "street", "city", "postcode", "reference"):
            self.fields[name].validators.append(validate_storable_text)
        self.fields["name"].strip = True
