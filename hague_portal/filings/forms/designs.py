"""Forms of the Designs step: the designs and their products (items 6 and 8)."""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import BaseListFormSet

# --- items 6 and 8 ----------------------------------------------------------------------------


class DesignForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, required=False)
    product = forms.CharField(
        label=_("Product"),
        max_length=200,
        help_text=_("What the design is applied to, such as 'chair' (item 8)."),
        error_messages={"required": _("Say which product the design is for.")},
    )
    # Guide, item 8: indicating the Locarno class is not compulsory.
    locarno = forms.CharField(
        label=_("Locarno class (optional)"),
        max_length=5,
        required=False,
        help_text=_(
            'Class or class and subclass, such as "06" or "06-01". Optional: the '
            "International Bureau classifies the designs; some fees (Korea) depend on it."
        ),
        widget=forms.TextInput(attrs={"list": "locarno-codes", "autocomplete": "off"}),
    )

    def __init__(self, *args, ref=None, **kwargs):
        self.ref = ref
        super().__init__(*args, **kwargs)

    def has_changed(self):
        # The hidden number alone does not make a row.
        return any(self[name].data for name in ("product", "locarno")) or super().has_changed()

    def clean_locarno(self):
        code = self.cleaned_data["locarno"].strip()
        if not code:
            return None
        if re.fullmatch(r"\d", code):
            code = code.zfill(2)
        if not re.fullmatch(r"\d{2}(-\d{2})?", code):
            raise forms.ValidationError(gettext('Use the form "06" or "06-01".'))
        if self.ref is not None and self.ref.locarno_class(code[:2]) is None:
            raise forms.ValidationError(
                gettext('There is no Locarno class "%(code)s".') % {"code": code[:2]}
            )
        return code


class BaseDesignFormSet(BaseListFormSet):
    default_error_messages = {
        **BaseListFormSet.default_error_messages,
        "too_many_forms": _("An application may contain at most 100 designs (Rule 7(3)(v))."),
    }

    def get_form_kwargs(self, index):
        return {"ref": self.state.ref if self.state else None}


DesignFormSet = forms.formset_factory(
    DesignForm,
    formset=BaseDesignFormSet,
    extra=1,
    can_delete=True,
    max_num=100,
    validate_max=True,
    absolute_max=100,
)
