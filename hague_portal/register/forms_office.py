"""The Office's forms (issue 22): a refusal (Rule 18), its withdrawal (Article 12(4)), a statement
of grant (Rule 18bis), the second part of the fee due (Rule 12(3)(c)).

The forms only read the input (dates, design numbers); what makes a notification complete or
timely is the service's to say (register.services, Rule 19), at the field concerned."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

ALL, SOME = "all", "some"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DesignsForm(forms.Form):
    """The designs a notification concerns: all of them, or those ticked."""

    concerns = forms.ChoiceField(
        label=_("Designs concerned"),
        choices=[(ALL, _("All designs")), (SOME, _("Only the designs ticked below"))],
        widget=forms.RadioSelect,
        initial=ALL,
    )
    designs = forms.TypedMultipleChoiceField(
        label=_("Designs"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, designs: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["designs"].choices = [
            (d["number"], f"{d['number']}. {d['product']}".strip()) for d in designs
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("concerns") == SOME and not cleaned.get("designs"):
            self.add_error("designs", _("Tick the designs concerned, or choose all designs."))
        return cleaned

    def designs_concerned(self) -> list[int]:
        """[] for all designs, as the services read it."""
        if self.cleaned_data["concerns"] == ALL:
            return []
        return self.cleaned_data["designs"]


class RefusalForm(DesignsForm):
    # Rule 18(2)(b): what a notification of refusal contains. Left optional here: the service
    # says what is missing and why (Rule 19(1)(a)).
    grounds = forms.CharField(
        label=_("Grounds of the refusal"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("All the grounds on which the refusal is based (Article 12(2))."),
    )
    provisions = forms.CharField(
        label=_("Provisions of the law relied on"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    review_time_limit = forms.DateField(
        label=_("Time limit for a request for review or appeal"),
        widget=DateInput(),
        required=False,
    )
    review_authority = forms.CharField(
        label=_("Authority to which a request for review or appeal lies"),
        max_length=300,
        required=False,
    )


class WithdrawalForm(DesignsForm):
    note = forms.CharField(
        label=_("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class GrantForm(WithdrawalForm):
    pass


class SecondPartForm(forms.Form):
    time_limit = forms.DateField(
        label=_("Time limit to pay the second part"),
        widget=DateInput(),
        help_text=_("The date in your notice of allowance (Rule 12(3)(c))."),
    )

    def __init__(self, *args, designs=None, **kwargs):
        super().__init__(*args, **kwargs)

    def designs_concerned(self) -> list[int]:
        return []
