from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Client, Firm, FirmInvitation, FirmMembership, Office, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "office", "is_active", "last_login"]
    list_filter = ["is_staff", "office"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "first_name", "last_name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        # A user of a designated party's Office (issue 22): TOTP required at its first sign-in.
        (_("Office of a Contracting Party"), {"fields": ["office"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    """Staff create the Office of a designated party, then give its users `office` above."""

    list_display = ["party", "name", "email"]
    search_fields = ["party", "name"]


class MembershipInline(admin.TabularInline):
    model = FirmMembership
    extra = 0
    autocomplete_fields = ["user"]


class ClientInline(admin.TabularInline):
    model = Client
    extra = 0


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "email"]
    search_fields = ["name"]
    inlines = [MembershipInline, ClientInline]


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "country", "reference", "firm"]
    list_filter = ["kind"]
    search_fields = ["name", "firm__name"]


@admin.register(FirmInvitation)
class FirmInvitationAdmin(admin.ModelAdmin):
    """Read-only: firms' admins invite from /firm/; staff look up who let whom in, and when."""

    list_display = ["email", "firm", "role", "invited_by", "created_at", "expires_at"]
    list_display += ["accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "firm__name"]
    exclude = ["token"]  # the secret link is the invitee's, not staff's

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
