"""The forms of the examination page in the admin: each one binds what an examiner typed and is
handed to ONE service (examination.services); the services have the last word."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague import irregularities as rule14

EXAMINER_GROUPS = ("Examiner", "Supervisor")


def examiners():
    """Staff who may be given an application: members of the examination groups."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name__in=EXAMINER_GROUPS) | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


def kind_label(kind) -> str:
    if kind.postpones_date:
        return gettext("%(kind)s (postpones the date)") % {"kind": kind.label}
    return kind.label


class KindSelect(forms.Select):
    """Each option carries its kind's message template and item, for the small script that fills
    them in (static/examination/irregularity.js); without JS the service uses the template.
    The template is in the application's language (`template_language`), as the letter is."""

    template_language = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kind = rule14.BY_CODE.get(value)
        if kind is not None:
            with translation.override(self.template_language or translation.get_language()):
                template = kind.template
                no_design = gettext("concerned")  # as the service words it (_template)
            option["attrs"].update(
                {
                    "data-template": template,
                    "data-no-design": no_design,
                    "data-item": kind.item,
                    "data-fee": kind.fee,
                }
            )
        return option


def kind_choices():
    return [("", gettext("Choose the kind of irregularity"))] + [
        (kind.code, kind_label(kind)) for kind in rule14.KINDS
    ]


class RaiseForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind"), widget=KindSelect)
    item = forms.CharField(
        label=_("DM/1 item"),
        required=False,
        max_length=20,
        help_text=_("Left empty: the kind's item."),
    )
    designs = forms.TypedMultipleChoiceField(
        label=_("Designs concerned"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    parties = forms.MultipleChoiceField(
        label=_("Designated Contracting Parties concerned"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Article 5(2) kinds (creator, description, claim): the designation that lapses "
            "if it is not remedied."
        ),
    )
    amount = forms.DecimalField(
        label=_("Amount missing (CHF)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Fee irregularities only."),
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Left empty: the kind's template, with the designs and amount filled in."),
    )

    def __init__(self, *args, designs=(), parties=(), template_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = kind_choices()
        self.fields["category"].widget.template_language = template_language
        self.fields["designs"].choices = [
            (n, gettext("Design %(number)s") % {"number": n}) for n in designs
        ]
        self.fields["parties"].choices = list(parties)

    def clean(self):
        data = super().clean()
        kind = rule14.BY_CODE.get(data.get("category") or "")
        if kind is None:
            return data
        amount = data.get("amount")
        if kind.fee and (amount is None or amount <= 0):
            self.add_error("amount", gettext("Give the amount missing, more than 0 CHF."))
        if not kind.fee and amount is not None:
            self.add_error("amount", gettext("Only a fee irregularity has an amount missing."))
        if kind.on_lapse == rule14.ON_LAPSE_DESIGNATION and not data.get("parties"):
            self.add_error(
                "parties",
                gettext(
                    "Name the designated Contracting Party that requires this: its designation "
                    "is what lapses if it is not remedied (Article 5(2))."
                ),
            )
        if not kind.template and not (data.get("message") or "").strip():
            self.add_error("message", gettext("Say what is irregular: this kind has no template."))
        return data


class ConfirmForm(forms.Form):
    irregularity = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("Kind"))
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty: the check's own message."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = kind_choices()


class IrregularityForm(forms.Form):
    irregularity = forms.IntegerField(widget=forms.HiddenInput)


class InviteForm(forms.Form):
    note = forms.CharField(
        label=_("Covering note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcceptForm(forms.Form):
    irregularities = forms.TypedMultipleChoiceField(
        label=_("Remedied by the response"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one irregularity the response remedies.")},
    )

    def __init__(self, *args, irregularities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["irregularities"].choices = [
            (row.pk, f"{rule14.kind_of(row.category).label}: {Truncator(row.message).chars(90)}")
            for row in irregularities
        ]


class ReassignForm(forms.Form):
    examiner = forms.ModelChoiceField(
        label=_("Examiner"),
        queryset=examiners(),
        empty_label=_("Nobody (back to the queue)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["examiner"].queryset = examiners()
