"""Staff edit every reference row; unconfirmed facts (S/U) carry a visible badge and a filter."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import (
    Act,
    ClosedDay,
    Confidence,
    Declaration,
    Fee,
    FeeType,
    LdcEntry,
    LegendCode,
    LocarnoClass,
    Party,
    PartyAct,
)

BADGE_COLOURS = {
    Confidence.CONFIRMED: "#2e7d32",
    Confidence.SECONDARY: "#ef6c00",
    Confidence.UNCONFIRMED: "#c62828",
}


SEARCHABLE = {
    "reason",
    "code",
    "name",
    "party",
    "kind",
    "value",
    "item",
    "name_fr",
    "name_es",
    "title",
    "title_fr",
    "title_es",
    "legend",
    "legend_fr",
    "legend_es",
    "provision",
}


class UnconfirmedFilter(admin.SimpleListFilter):
    title = _("unconfirmed")
    parameter_name = "unconfirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Unconfirmed (S or U)")), ("no", _("Confirmed (C)"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(confidence=Confidence.CONFIRMED)
        if self.value() == "no":
            return queryset.filter(confidence=Confidence.CONFIRMED)
        return queryset


class ReferenceAdmin(admin.ModelAdmin):
    """Common list behaviour: the confidence badge first, filters and search on source/notes."""

    columns: tuple[str, ...] = ()
    list_filter = (UnconfirmedFilter, "confidence")
    search_fields = ("source", "notes")
    list_per_page = 100

    def get_list_display(self, request):
        return ("confidence_badge", *self.columns)

    def get_search_fields(self, request):
        return (*self.search_fields, *(c for c in self.columns if c in SEARCHABLE))

    @admin.display(description=_("confidence"), ordering="confidence")
    def confidence_badge(self, obj):
        confirmed = obj.confidence == Confidence.CONFIRMED
        label = gettext("confirmed") if confirmed else gettext("unconfirmed")
        return format_html(
            '<span class="confidence-badge confidence-{}" title="{}" style="background:{};'
            'color:#fff;border-radius:3px;padding:1px 6px;font-weight:bold">{} {}</span>',
            obj.confidence,
            obj.get_confidence_display(),
            BADGE_COLOURS.get(obj.confidence, "#555"),
            obj.confidence,
            label,
        )


@admin.register(Act)
class ActAdmin(ReferenceAdmin):
    columns = ("act", "name", "entry_into_force", "new_designations_until")


@admin.register(Party)
class PartyAdmin(ReferenceAdmin):
    columns = ("code", "name", "name_fr", "name_es", "is_igo", "members")
    list_filter = (UnconfirmedFilter, "confidence", "is_igo")


@admin.register(PartyAct)
class PartyActAdmin(ReferenceAdmin):
    columns = ("party", "act", "bound_from", "date_confirmed")
    list_filter = (UnconfirmedFilter, "confidence", "act", "date_confirmed")


@admin.register(FeeType)
class FeeTypeAdmin(ReferenceAdmin):
    columns = ("party", "fee_type", "level", "locarno_classes", "valid_from", "valid_to")
    list_filter = (UnconfirmedFilter, "confidence", "fee_type", "level")


@admin.register(LdcEntry)
class LdcEntryAdmin(ReferenceAdmin):
    columns = ("code", "name", "ldc_from", "ldc_to")


@admin.register(Declaration)
class DeclarationAdmin(ReferenceAdmin):
    columns = ("party", "kind", "value", "provision", "valid_from", "valid_to")
    list_filter = (UnconfirmedFilter, "confidence", "kind")


@admin.register(Fee)
class FeeAdmin(ReferenceAdmin):
    columns = ("item", "party", "variant", "level", "amount", "valid_from", "valid_to")
    # A new amount is a new row with its valid_from ("Save as new"), so filings dated before it
    # are still priced with the old one.
    save_as = True
    list_filter = (UnconfirmedFilter, "confidence", "item", "variant", "party")


@admin.register(LocarnoClass)
class LocarnoClassAdmin(ReferenceAdmin):
    columns = ("code", "level", "title", "title_fr", "title_es", "edition")
    list_filter = (UnconfirmedFilter, "confidence", "level")


@admin.register(LegendCode)
class LegendCodeAdmin(ReferenceAdmin):
    columns = ("code", "legend", "legend_fr", "legend_es")


@admin.register(ClosedDay)
class ClosedDayAdmin(ReferenceAdmin):
    columns = ("day", "reason")
    date_hierarchy = "day"
