"""Reference data tables: one model per CSV file in fixtures/reference/ (same field names).

Rows are facts about the Hague System, each with its confidence and source, so that staff can
correct a shaky fact in the admin without a code change. The pure rules core reads them through
`selectors.reference_data()` as a `hague.reference.ReferenceData` snapshot.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language

from hague_portal.hague import reference as ref


class Confidence(models.TextChoices):
    CONFIRMED = "C", "Confirmed"
    SECONDARY = "S", "Secondary source"
    UNCONFIRMED = "U", "Unconfirmed"


class ReferenceRow(models.Model):
    table: str = ""  # the CSV table name in hague.reference.TABLES

    confidence = models.CharField(
        max_length=1, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )
    source = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True

    def as_row(self) -> dict:
        return {name: getattr(self, name) for name in columns(self.table)}

    def clean(self):
        # The same checks as the CSV loader, so that the admin cannot store a row it would reject.
        try:
            ref.parse_row(self.table, self.as_row())
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        party = getattr(self, "party", None)
        if party and party != ref.ANY_PARTY and not Party.objects.filter(code=party).exists():
            raise ValidationError({"party": f"Unknown Contracting Party {party!r}."})


class Act(ReferenceRow):
    table = "acts"
    act = models.CharField(max_length=4, unique=True, choices=[(a, a) for a in ref.ACTS])
    name = models.CharField(max_length=100)
    entry_into_force = models.DateField()
    new_designations_until = models.DateField(
        null=True, blank=True, help_text="Blank: still open to new designations."
    )

    def __str__(self):
        return self.name


class Party(ReferenceRow):
    table = "parties"
    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=200)
    name_fr = models.CharField("name in French", max_length=200)
    name_es = models.CharField("name in Spanish", max_length=200)
    is_igo = models.BooleanField(default=False)
    members = models.TextField(blank=True, help_text='Member State codes separated by ";".')

    class Meta:
        verbose_name_plural = "parties"
        ordering = ["name"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def name_in(self, language: str | None) -> str:
        return ref.in_language(self, "name", language)

    @property
    def display_name(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language())


class PartyAct(ReferenceRow):
    table = "party_acts"
    party = models.CharField(max_length=3)
    act = models.CharField(max_length=4, choices=[(a, a) for a in ref.ACTS])
    bound_from = models.DateField()
    date_confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["party", "act"]

    def __str__(self):
        return f"{self.party} {self.act} Act"


class FeeType(ReferenceRow):
    table = "party_fee_types"
    party = models.CharField(max_length=3)
    fee_type = models.CharField(max_length=10, choices=[(t, t) for t in ref.FEE_TYPES])
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    locarno_classes = models.TextField(blank=True, help_text='Classes separated by ";".')
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["party", "valid_from"]

    def __str__(self):
        return f"{self.party} {self.fee_type} {self.level or ''}".strip()


class LdcEntry(ReferenceRow):
    table = "ldc"
    code = models.CharField(max_length=2)
    name = models.CharField(max_length=200)
    ldc_from = models.DateField(null=True, blank=True)
    ldc_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "LDC entry"
        verbose_name_plural = "LDC entries"
        ordering = ["name"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Declaration(ReferenceRow):
    table = "declarations"
    party = models.CharField(max_length=3, help_text='"*" for the default of every party.')
    kind = models.CharField(max_length=64)
    value = models.TextField(blank=True)
    provision = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "party"]

    def __str__(self):
        return f"{self.party} {self.kind}"


class Fee(ReferenceRow):
    table = "fees"
    item = models.CharField(max_length=40, choices=[(i, i) for i in ref.FEE_ITEMS])
    party = models.CharField(max_length=3, help_text='"*" for the Schedule of Fees.')
    variant = models.CharField(
        max_length=10, choices=[(v, v) for v in ref.FEE_VARIANTS], default="default"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    locarno_classes = models.TextField(blank=True, help_text='Classes separated by ";".')
    amount = models.DecimalField(max_digits=10, decimal_places=2, help_text="Swiss francs.")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["party", "item", "variant", "valid_from"]

    def __str__(self):
        return f"{self.item} {self.party} {self.variant}"

    def clean(self):
        super().clean()
        # History: a new amount is a new row from its own date (the snapshot refuses two rows
        # of one fee starting on the same day, which would leave the amount ambiguous).
        same = Fee.objects.filter(
            item=self.item,
            party=self.party,
            variant=self.variant,
            level=self.level,
            locarno_classes=self.locarno_classes,
            valid_from=self.valid_from,
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                {
                    "valid_from": "Another row of this fee starts on the same day: give the new "
                    "amount its own valid from date, and keep the old row for earlier filings."
                }
            )


class LocarnoClass(ReferenceRow):
    table = "locarno"
    code = models.CharField(max_length=5, unique=True)
    level = models.CharField(max_length=8, choices=[(v, v) for v in ref.LOCARNO_LEVELS])
    title = models.TextField()
    title_fr = models.TextField("title in French")
    title_es = models.TextField("title in Spanish")
    edition = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name_plural = "Locarno classes"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def title_in(self, language: str | None) -> str:
        return ref.in_language(self, "title", language)

    @property
    def display_title(self) -> str:
        """The title in the active language."""
        return self.title_in(get_language())


class LegendCode(ReferenceRow):
    table = "legend_codes"
    code = models.CharField(max_length=4, unique=True)
    legend = models.CharField(max_length=200)
    legend_fr = models.CharField("legend in French", max_length=200)
    legend_es = models.CharField("legend in Spanish", max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.legend}"

    def legend_in(self, language: str | None) -> str:
        return ref.in_language(self, "legend", language)

    @property
    def display_legend(self) -> str:
        """The legend in the active language."""
        return self.legend_in(get_language())


class ClosedDay(ReferenceRow):
    """A weekday the International Bureau is closed: periods ending on it extend (Art 4C(3))."""

    table = "ib_closed_days"
    day = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        verbose_name = "IB closed day"
        ordering = ["day"]

    def __str__(self):
        return f"{self.day} {self.reason}"


MODELS: dict[str, type[ReferenceRow]] = {
    m.table: m
    for m in (
        Act,
        Party,
        PartyAct,
        FeeType,
        LdcEntry,
        Declaration,
        Fee,
        LocarnoClass,
        LegendCode,
        ClosedDay,
    )
}


def columns(table: str) -> tuple[str, ...]:
    """The CSV columns of a table, which are also its model's field names."""
    return ref.columns(table)
