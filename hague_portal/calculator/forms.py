"""The public fee calculator's form: what an applicant knows before drafting an application."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

MAX_DESIGNS = 100  # Rule 7(3)(v): at most 100 designs in one application
MAX_REPRODUCTIONS = 10_000
MAX_WORDS = 100_000
MAX_DEFERMENT_MONTHS = 30  # 99 Art 11(2): the default maximum; some parties declared less
SETS = ("A", "B", "C")

# Numbers written as the reader's language writes them (10,000 / 10 000 / 10.000), when shown.
_grouped = lazy(lambda value: number_format(value, force_grouping=True), str)

DESIGNS_ERROR = format_lazy(
    gettext_lazy("Enter a number of designs between 1 and {max}"), max=MAX_DESIGNS
)
REPRODUCTIONS_ERROR = format_lazy(
    gettext_lazy("Enter a number of reproductions between 1 and {max}"),
    max=_grouped(MAX_REPRODUCTIONS),
)
WORDS_ERROR = format_lazy(
    gettext_lazy("Enter a number of words between 0 and {max} (0 if no description)"),
    max=_grouped(MAX_WORDS),
)
MONTHS_ERROR = format_lazy(
    gettext_lazy("Enter a deferment period between 1 and {max} months"),
    max=MAX_DEFERMENT_MONTHS,
)

REDUCTION_PREFIX = "reduction_"
# How a declared fee_reduction value reads in the form (item 18).
REDUCTION_LABELS = {
    "small": gettext_noop("Small entity"),
    "micro": gettext_noop("Micro entity"),
    "reduced": gettext_noop("Reduced fee"),
}
PUBLICATION_CHOICES = [
    ("standard", gettext_lazy("Standard: 12 months after registration")),
    ("immediate", gettext_lazy("Immediate, after registration")),
    ("deferred", gettext_lazy("Deferred")),
]

# Values a shared link may leave out: the form falls back to them rather than failing.
DEFAULTS = {
    "designs": "1",
    "reproductions": "1",
    "description_words": "0",
    "locarno_class": "06",
    "publication": "standard",
}


class CheckboxList(forms.CheckboxSelectMultiple):
    """The parties of a designation set as checkboxes, built in one pass of string formatting.

    The same markup as rendering each option through Django's widget templates, which cost 64 %
    of the page's 164 ms for the 240 checkboxes of three sets (issue 11, bench/calculator.py).
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        prefix = escape(attrs.pop("id", f"id_{name}"))
        # data-filter-item: static/filings/choices.js filters the list (issue 20).
        start = (
            '<div class="form-check" data-filter-item>'
            f'<input type="checkbox" name="{escape(name)}" value="'
        )
        middle = f'" class="{escape(attrs.pop("class", ""))}" id="{prefix}_'
        extra = flatatt(attrs)  # aria-invalid="true" when the set has an error
        return mark_safe(
            "\n".join(
                f'{start}{escape(code)}{middle}{index}"{extra}{_checked(code, chosen)}>'
                f'<label class="form-check-label small" for="{prefix}_{index}">{escape(label)}'
                "</label></div>"
                for index, (code, label) in enumerate(self.choices)
            )
        )


class OptionList(forms.Select):
    """A select of many options (the parties), built in one pass like CheckboxList."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(code)}"{_selected(code, chosen)}>{escape(label)}</option>'
            for code, label in self.choices
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attrs}>{options}</select>')


def _checked(code, chosen: set[str]) -> str:
    return " checked" if str(code) in chosen else ""


def _selected(code, chosen: set[str]) -> str:
    return " selected" if str(code) in chosen else ""


def _count(minimum: int, maximum: int, message: str, **kwargs) -> forms.IntegerField:
    messages = dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)
    return forms.IntegerField(
        min_value=minimum, max_value=maximum, error_messages=messages, **kwargs
    )


class FeeCalculatorForm(forms.Form):
    designs = _count(
        1,
        MAX_DESIGNS,
        DESIGNS_ERROR,
        label=gettext_lazy("Number of designs"),
        initial=1,
        help_text=format_lazy(
            gettext_lazy("All designs of one application, 1 to {max}."), max=MAX_DESIGNS
        ),
    )
    reproductions = _count(
        1,
        MAX_REPRODUCTIONS,
        REPRODUCTIONS_ERROR,
        label=gettext_lazy("Number of reproductions (total)"),
        initial=1,
        help_text=gettext_lazy(
            "Views of all designs together; each design needs at least one. "
            "The publication fee is charged per reproduction."
        ),
    )
    description_words = _count(
        0,
        MAX_WORDS,
        WORDS_ERROR,
        label=gettext_lazy("Words in the description"),
        initial=0,
        help_text=gettext_lazy(
            "Item 9. The first 100 words are free; each further word is charged."
        ),
    )
    # Guide, item 8: the class is not compulsory; without it Korea's fee cannot be computed.
    locarno_class = forms.ChoiceField(
        label=gettext_lazy("Locarno class of the designs"),
        initial="06",
        required=False,
        widget=OptionList,
        help_text=gettext_lazy(
            "Only the designation fee of the Republic of Korea depends on the class."
        ),
    )
    filing_date = forms.DateField(
        label=gettext_lazy("Filing date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Fees as in force on this date. Leave empty for today's fees."),
        error_messages={
            "invalid": gettext_lazy("Enter the filing date as YYYY-MM-DD, or leave it empty")
        },
    )
    entitlement = forms.ChoiceField(
        label=gettext_lazy("Applicant's Contracting Party (entitlement)"),
        required=False,
        widget=OptionList,
        help_text=gettext_lazy(
            "Item 2: where the applicant is established, domiciled or a national. "
            "Applicants from least developed countries pay reduced fees."
        ),
    )
    publication = forms.ChoiceField(
        label=gettext_lazy("Publication"),
        choices=PUBLICATION_CHOICES,
        initial="standard",
        help_text=gettext_lazy(
            "Item 17. Publication deferred beyond 12 months makes the publication fee "
            "payable later."
        ),
    )
    deferment_months = forms.IntegerField(
        label=gettext_lazy("Deferment period in months"),
        required=False,
        min_value=1,
        max_value=MAX_DEFERMENT_MONTHS,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), MONTHS_ERROR),
        help_text=gettext_lazy("Only with deferred publication; counted from the filing date."),
    )
    set_a = forms.MultipleChoiceField(
        label=gettext_lazy("Designation set A"),
        help_text=gettext_lazy(
            "The Contracting Parties to compare; the fee type is shown after each name."
        ),
        error_messages={
            "required": gettext_lazy("Choose at least one Contracting Party for set A")
        },
    )
    set_b = forms.MultipleChoiceField(
        label=gettext_lazy("Designation set B (optional)"),
        required=False,
        help_text=gettext_lazy("Another set to compare with set A."),
    )
    set_c = forms.MultipleChoiceField(
        label=gettext_lazy("Designation set C (optional)"),
        required=False,
        help_text=gettext_lazy("A third set to compare."),
    )

    def __init__(
        self, *args, parties, locarno_classes, reductions=(), priority_matters=(), **kwargs
    ):
        """`parties`: (code, label) sorted by name; `locarno_classes`: (code, label);
        `reductions`: (code, party name, declared values) of the parties offering a reduced
        designation fee (item 18), one field each: which parties and values is data;
        `priority_matters`: names of the parties whose reduction a priority claim excludes."""
        super().__init__(*args, **kwargs)
        self.fields["locarno_class"].choices = [("", _("Not indicated")), *locarno_classes]
        for code, name, values in reductions:
            self.fields[f"{REDUCTION_PREFIX}{code}"] = _reduction_field(name, values)
        if priority_matters:
            self.fields["priority_claimed"] = _priority_field(priority_matters)
        self.fields["entitlement"].choices = [("", _("Not indicated")), *parties]
        for key in SETS:
            field = self.fields[f"set_{key.lower()}"]
            field.choices = parties
            field.widget = CheckboxList(attrs={"class": "form-check-input"})
            field.widget.choices = parties
            field.error_messages["invalid_choice"] = _("Choose Contracting Parties from the list")

    def clean(self):
        data = super().clean()
        designs, reproductions = data.get("designs"), data.get("reproductions")
        if designs and reproductions and reproductions < designs:
            self.add_error(
                "reproductions",
                _("Enter at least one reproduction for each design ({count} or more)").format(
                    count=designs
                ),
            )
        if data.get("publication") == "deferred" and data.get("deferment_months") is None:
            self.add_error("deferment_months", _("Enter the deferment period in months"))
        return data

    def reduction_fields(self):
        fields = [self[name] for name in self.fields if name.startswith(REDUCTION_PREFIX)]
        return fields + ([self["priority_claimed"]] if "priority_claimed" in self.fields else [])

    def fee_reductions(self) -> dict[str, str]:
        """Item 18 as claimed: {party: declared value}, e.g. {"US": "micro", "IL": "reduced"}."""
        return {
            name.removeprefix(REDUCTION_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(REDUCTION_PREFIX) and value
        }

    def designation_sets(self) -> dict[str, tuple[str, ...]]:
        """The sets chosen, by letter (empty optional sets left out)."""
        chosen = {key: tuple(self.cleaned_data[f"set_{key.lower()}"]) for key in SETS}
        return {key: parties for key, parties in chosen.items() if parties}

    @property
    def on(self) -> date | None:
        return self.cleaned_data.get("filing_date")


def _reduction_field(party_name: str, values: tuple[str, ...]) -> forms.ChoiceField:
    choices = [
        ("", _("No reduction")),
        *((v, _(REDUCTION_LABELS[v]) if v in REDUCTION_LABELS else v.capitalize()) for v in values),
    ]
    if "micro" in values:
        help_text = _(
            "Item 18: applies only when this party is designated (a micro entity also files "
            "Annex IV)."
        )
    else:
        help_text = _("Item 18: applies only when this party is designated.")
    return forms.ChoiceField(
        label=_("{party}: fee reduction").format(party=party_name),
        choices=choices,
        required=False,
        help_text=help_text,
    )


def _priority_field(names: str) -> forms.BooleanField:
    # Guide, items 13 and 18: some parties (Israel) grant no reduction when priority is claimed.
    return forms.BooleanField(
        label=_("The application claims priority (item 13)"),
        required=False,
        help_text=_("{names} grants no fee reduction when priority is claimed.").format(
            names=names
        ),
    )


def with_defaults(query) -> dict:
    """The query string as form data, with DEFAULTS for the keys a shared link left out."""
    data = query.copy()
    for key, value in DEFAULTS.items():
        data.setdefault(key, value)
    return data
