"""The public fee calculator's form: what an applicant knows before drafting an application."""

from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_DESIGNS = 100  # Rule 7(3)(v): at most 100 designs in one application
MAX_REPRODUCTIONS = 10_000
MAX_WORDS = 100_000
MAX_DEFERMENT_MONTHS = 30  # 99 Art 11(2): the default maximum; some parties declared less
SETS = ("A", "B", "C")

DESIGNS_ERROR = f"Enter a number of designs between 1 and {MAX_DESIGNS}"
REPRODUCTIONS_ERROR = f"Enter a number of reproductions between 1 and {MAX_REPRODUCTIONS:,}"
WORDS_ERROR = f"Enter a number of words between 0 and {MAX_WORDS:,} (0 if no description)"
MONTHS_ERROR = f"Enter a deferment period between 1 and {MAX_DEFERMENT_MONTHS} months"

REDUCTION_PREFIX = "reduction_"
# How a declared fee_reduction value reads in the form (item 18).
REDUCTION_LABELS = {"small": "Small entity", "micro": "Micro entity", "reduced": "Reduced fee"}
PUBLICATION_CHOICES = [
    ("standard", "Standard: 12 months after registration"),
    ("immediate", "Immediate, after registration"),
    ("deferred", "Deferred"),
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
        start = f'<div class="form-check"><input type="checkbox" name="{escape(name)}" value="'
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
        label="Number of designs",
        initial=1,
        help_text=f"All designs of one application, 1 to {MAX_DESIGNS}.",
    )
    reproductions = _count(
        1,
        MAX_REPRODUCTIONS,
        REPRODUCTIONS_ERROR,
        label="Number of reproductions (total)",
        initial=1,
        help_text="Views of all designs together; each design needs at least one. "
        "The publication fee is charged per reproduction.",
    )
    description_words = _count(
        0,
        MAX_WORDS,
        WORDS_ERROR,
        label="Words in the description",
        initial=0,
        help_text="Item 9. The first 100 words are free; each further word is charged.",
    )
    # Guide, item 8: the class is not compulsory; without it Korea's fee cannot be computed.
    locarno_class = forms.ChoiceField(
        label="Locarno class of the designs",
        initial="06",
        required=False,
        widget=OptionList,
        help_text="Only the designation fee of the Republic of Korea depends on the class.",
    )
    filing_date = forms.DateField(
        label="Filing date (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Fees as in force on this date. Leave empty for today's fees.",
        error_messages={"invalid": "Enter the filing date as YYYY-MM-DD, or leave it empty"},
    )
    entitlement = forms.ChoiceField(
        label="Applicant's Contracting Party (entitlement)",
        required=False,
        widget=OptionList,
        help_text="Item 2: where the applicant is established, domiciled or a national. "
        "Applicants from least developed countries pay reduced fees.",
    )
    publication = forms.ChoiceField(
        label="Publication",
        choices=PUBLICATION_CHOICES,
        initial="standard",
        help_text="Item 17. Publication deferred beyond 12 months makes the publication fee "
        "payable later.",
    )
    deferment_months = forms.IntegerField(
        label="Deferment period in months",
        required=False,
        min_value=1,
        max_value=MAX_DEFERMENT_MONTHS,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), MONTHS_ERROR),
        help_text="Only with deferred publication; counted from the filing date.",
    )
    set_a = forms.MultipleChoiceField(
        label="Designation set A",
        help_text="The Contracting Parties to compare; the fee type is shown after each name.",
        error_messages={"required": "Choose at least one Contracting Party for set A"},
    )
    set_b = forms.MultipleChoiceField(
        label="Designation set B (optional)",
        required=False,
        help_text="Another set to compare with set A.",
    )
    set_c = forms.MultipleChoiceField(
        label="Designation set C (optional)",
        required=False,
        help_text="A third set to compare.",
    )

    def __init__(
        self, *args, parties, locarno_classes, reductions=(), priority_matters=(), **kwargs
    ):
        """`parties`: (code, label) sorted by name; `locarno_classes`: (code, label);
        `reductions`: (code, party name, declared values) of the parties offering a reduced
        designation fee (item 18), one field each: which parties and values is data;
        `priority_matters`: names of the parties whose reduction a priority claim excludes."""
        super().__init__(*args, **kwargs)
        self.fields["locarno_class"].choices = [("", "Not indicated"), *locarno_classes]
        for code, name, values in reductions:
            self.fields[f"{REDUCTION_PREFIX}{code}"] = _reduction_field(name, values)
        if priority_matters:
            self.fields["priority_claimed"] = _priority_field(priority_matters)
        self.fields["entitlement"].choices = [("", "Not indicated"), *parties]
        for key in SETS:
            field = self.fields[f"set_{key.lower()}"]
            field.choices = parties
            field.widget = CheckboxList(attrs={"class": "form-check-input"})
            field.widget.choices = parties
            field.error_messages["invalid_choice"] = "Choose Contracting Parties from the list"

    def clean(self):
        data = super().clean()
        designs, reproductions = data.get("designs"), data.get("reproductions")
        if designs and reproductions and reproductions < designs:
            self.add_error(
                "reproductions",
                f"Enter at least one reproduction for each design ({designs} or more)",
            )
        if data.get("publication") == "deferred" and data.get("deferment_months") is None:
            self.add_error("deferment_months", "Enter the deferment period in months")
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
        ("", "No reduction"),
        *((v, REDUCTION_LABELS.get(v, v.capitalize())) for v in values),
    ]
    return forms.ChoiceField(
        label=f"{party_name}: fee reduction",
        choices=choices,
        required=False,
        help_text="Item 18: applies only when this party is designated"
        + (" (a micro entity also files Annex IV)." if "micro" in values else "."),
    )


def _priority_field(names: str) -> forms.BooleanField:
    # Guide, items 13 and 18: some parties (Israel) grant no reduction when priority is claimed.
    return forms.BooleanField(
        label="The application claims priority (item 13)",
        required=False,
        help_text=f"{names} grants no fee reduction when priority is claimed.",
    )


def with_defaults(query) -> dict:
    """The query string as form data, with DEFAULTS for the keys a shared link left out."""
    data = query.copy()
    for key, value in DEFAULTS.items():
        data.setdefault(key, value)
    return data
