from django.contrib import admin

from .models import BulletinEntry, BulletinIssue


class ReadOnly(admin.ModelAdmin):
    """Read-only: the Bulletin is written by the event stream from the Register's events."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BulletinIssue)
class BulletinIssueAdmin(ReadOnly):
    list_display = ["label", "dated"]
    date_hierarchy = "dated"


@admin.register(BulletinEntry)
class BulletinEntryAdmin(ReadOnly):
    list_display = ["number", "kind", "party", "date", "issue", "holder_name"]
    list_filter = ["kind"]
    search_fields = ["number", "holder_name"]
    list_select_related = ["issue"]
    raw_id_fields = ["registration", "event"]
