"""Reference data tables: one model per CSV file in fixtures/reference/ (same field names).

Rows are facts about the Hague System, each with its confidence and source, so that staff can
correct a shaky fact in the admin without a code change. The pure rules core reads them through
`selectors.reference_data()` as a `hague.reference.ReferenceData` snapshot.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hague_portal.hague import reference as ref


class Confidence(models.TextChoices):
    CONFIRMED = "C", _("Confirmed")
    SECONDARY = "S", _("Secondary source")
    UNCONFIRMED = "U", _("Unconfirmed")


class ReferenceRow(models.Model):
    table: str = ""  # the CSV table name in hague.reference.TABLES

    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence.choices, default=Confidence.UNCONFIRMED
    )
    source = models.TextField(_("source"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

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
            raise ValidationError(
                {"party": _("Unknown Contracting Party %(code)r.") % {"code": party}}
            )


class Act(ReferenceRow):
    table = "acts"
    act = models.CharField(_("act"), max_length=4, unique=True, choices=[(a, a) for a in ref.ACTS])
    name = models.CharField(_("name"), max_length=100)
    entry_into_force = models.DateField(_("entry into force"))
    new_designations_until = models.DateField(
        _("new designations until"),
        null=True,
        blank=True,
        help_text=_("Blank: still open to new designations."),
    )

    class Meta:
        verbose_name = _("Act")
        verbose_name_plural = _("Acts")

    def __str__(self):
        return self.name


class Party(ReferenceRow):
    table = "parties"
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200)
    is_igo = models.BooleanField(_("intergovernmental organization"), default=False)
    members = models.TextField(
        _("members"), blank=True, help_text=_('Member State codes separated by ";".')
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
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
    party = models.CharField(_("party"), max_length=3)
    act = models.CharField(_("act"), max_length=4, choices=[(a, a) for a in ref.ACTS])
    bound_from = models.DateField(_("bound from"))
    date_confirmed = models.BooleanField(_("date confirmed"), default=False)

    class Meta:
        verbose_name = _("party's Act")
        verbose_name_plural = _("parties' Acts")
        ordering = ["party", "act"]

    def __str__(self):
        return f"{self.party} {self.act} Act"


class FeeType(ReferenceRow):
    table = "party_fee_types"
    party = models.CharField(_("party"), max_length=3)
    fee_type = models.CharField(
        _("fee type"), max_length=10, choices=[(t, t) for t in ref.FEE_TYPES]
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    locarno_classes = models.TextField(
        _("Locarno classes"), blank=True, help_text=_('Classes separated by ";".')
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee type")
        verbose_name_plural = _("fee types")
        ordering = ["party", "valid_from"]

    def __str__(self):
        return f"{self.party} {self.fee_type} {self.level or ''}".strip()


class LdcEntry(ReferenceRow):
    table = "ldc"
    code = models.CharField(_("code"), max_length=2)
    name = models.CharField(_("name"), max_length=200)
    ldc_from = models.DateField(_("LDC from"), null=True, blank=True)
    ldc_to = models.DateField(_("LDC to"), null=True, blank=True)

    class Meta:
        verbose_name = _("LDC entry")
        verbose_name_plural = _("LDC entries")
        ordering = ["name"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Declaration(ReferenceRow):
    table = "declarations"
    party = models.CharField(
        _("party"), max_length=3, help_text=_('"*" for the default of every party.')
    )
    kind = models.CharField(_("kind"), max_length=64)
    value = models.TextField(_("value"), blank=True)
    provision = models.CharField(_("provision"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["kind", "party"]

    def __str__(self):
        return f"{self.party} {self.kind}"


class Fee(ReferenceRow):
    table = "fees"
    item = models.CharField(_("item"), max_length=40, choices=[(i, i) for i in ref.FEE_ITEMS])
    party = models.CharField(_("party"), max_length=3, help_text=_('"*" for the Schedule of Fees.'))
    variant = models.CharField(
        _("variant"), max_length=10, choices=[(v, v) for v in ref.FEE_VARIANTS], default="default"
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    locarno_classes = models.TextField(
        _("Locarno classes"), blank=True, help_text=_('Classes separated by ";".')
    )
    # Blank only for a recording fee not found (confidence U): staff enter it when known.
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Swiss francs."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
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
                    "valid_from": _(
                        "Another row of this fee starts on the same day: give the new amount its "
                        "own valid from date, and keep the old row for earlier filings."
                    )
                }
            )


class LocarnoClass(ReferenceRow):
    table = "locarno"
    code = models.CharField(_("code"), max_length=5, unique=True)
    level = models.CharField(_("level"), max_length=8, choices=[(v, v) for v in ref.LOCARNO_LEVELS])
    title = models.TextField(_("title"))
    title_fr = models.TextField(_("title in French"))
    title_es = models.TextField(_("title in Spanish"))
    edition = models.CharField(_("edition"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("Locarno class")
        verbose_name_plural = _("Locarno classes")
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
    code = models.CharField(_("code"), max_length=4, unique=True)
    legend = models.CharField(_("legend"), max_length=200)
    legend_fr = models.CharField(_("legend in French"), max_length=200)
    legend_es = models.CharField(_("legend in Spanish"), max_length=200)

    class Meta:
        verbose_name = _("legend code")
        verbose_name_plural = _("legend codes")
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
    day = models.DateField(_("day"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("IB closed day")
        verbose_name_plural = _("IB closed days")
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
