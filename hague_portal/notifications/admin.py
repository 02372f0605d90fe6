"""What was sent, for staff: notifications are read-only (a letter sent stays as sent)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification, Recipient


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecipientInline(ReadOnlyMixin, admin.TabularInline):
    model = Recipient
    fields = ["user", "read_at", "email_status", "email_sent_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "email")

    @admin.display(description=_("E-mail"))
    def email_status(self, obj):
        return obj.email.get_status_display() if obj.email else "-"

    @admin.display(description=_("E-mail sent"))
    def email_sent_at(self, obj):
        return obj.email.sent_at if obj.email else None


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "submission", "kind", "title"]
    list_filter = ["kind"]
    search_fields = ["submission__number", "title"]
    date_hierarchy = "created_at"
    list_select_related = ["submission"]
    fields = ["created_at", "submission", "kind", "title", "body", "pdf_file"]
    readonly_fields = fields
    inlines = [RecipientInline]

    @admin.display(description="PDF")
    def pdf_file(self, obj):
        # The name only: files are served through permission-checking views, not MEDIA_URL.
        return obj.pdf.name.rsplit("/", 1)[-1] if obj.pdf else "-"
