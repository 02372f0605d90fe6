from django.contrib import admin

from .models import Decision, Designation, Registration, SecondPart


class DesignationInline(admin.TabularInline):
    model = Designation
    extra = 0
    can_delete = False
    readonly_fields = [
        "party",
        "status",
        "status_since",
        "refusal_period_months",
        "refusal_period_end",
        "refused_designs",
        "review_time_limit",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: the Register changes through its services (the Offices' pages, beat)."""

    list_display = [
        "number",
        "holder_name",
        "registration_date",
        "publication_date",
        "published_on",
    ]
    search_fields = ["number", "holder_name"]
    list_filter = ["published_on"]
    readonly_fields = [
        "examination",
        "number",
        "registration_date",
        "publication_date",
        "published_on",
        "holder_name",
    ]
    inlines = [DesignationInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["designation", "kind", "received_at", "by"]
    list_filter = ["kind"]
    search_fields = ["designation__registration__number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SecondPart)
class SecondPartAdmin(admin.ModelAdmin):
    list_display = ["designation", "status", "amount", "time_limit", "paid_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
