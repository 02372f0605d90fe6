from django.contrib import admin

from .models import CurrentAccount, LedgerEntry, Payment


class LedgerInline(admin.TabularInline):
    model = LedgerEntry
    fields = ["created_at", "kind", "amount", "balance_after", "payment", "description"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CurrentAccount)
class CurrentAccountAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "owner_user", "owner_firm", "balance", "currency"]
    search_fields = ["number", "holder_name"]
    # The balance only moves with a ledger entry (payments.services), never by hand.
    readonly_fields = ["balance"]
    inlines = [LedgerInline]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "submission",
        "method",
        "status",
        "amount",
        "amount_received",
        "created_at",
    ]
    list_filter = ["status", "method"]
    search_fields = ["reference", "submission__number"]
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request):
        return False
