from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Client, Firm, FirmMembership, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["full_name", "first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Important dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


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
    list_display = ["name", "kind", "city", "country", "firm"]
    list_filter = ["kind"]
    search_fields = ["name", "firm__name"]
