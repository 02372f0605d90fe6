"""Examination in the admin: submissions are read-only; jobs can be retried; irregularities are
confirmed or dismissed."""

from django.contrib import admin, messages

from . import services
from .models import Irregularity, IrregularityStatus, Job, JobStatus, OutgoingEmail, Submission


class ReadOnlyMixin:
    """What was filed is never edited, not even by staff."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JobInline(ReadOnlyMixin, admin.TabularInline):
    model = Job
    fields = ["kind", "status", "attempts", "last_error", "enqueued_at", "finished_at"]
    readonly_fields = fields
    extra = 0


class IrregularityInline(ReadOnlyMixin, admin.TabularInline):
    model = Irregularity
    fields = ["kind", "code", "item", "message", "status"]
    readonly_fields = fields
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "received_at", "created_by", "client", "fees_total", "currency"]
    search_fields = ["number", "created_by__email", "correspondence_email"]
    date_hierarchy = "received_at"
    inlines = [JobInline, IrregularityInline]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["submission", "kind", "status", "attempts", "enqueued_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["submission__number"]
    readonly_fields = [f.name for f in Job._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the selected failed jobs")
    def retry(self, request, queryset):
        retried = sum(
            services.job_requeue(job=job) for job in queryset.filter(status=JobStatus.FAILED)
        )
        self.message_user(request, f"{retried} job(s) queued again.", messages.SUCCESS)


@admin.register(Irregularity)
class IrregularityAdmin(admin.ModelAdmin):
    list_display = ["submission", "kind", "code", "item", "status", "reviewed_by", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["submission__number", "code", "message"]
    readonly_fields = [f.name for f in Irregularity._meta.fields]
    actions = ["confirm", "dismiss"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Confirm irregularity")
    def confirm(self, request, queryset):
        self._review(request, queryset, IrregularityStatus.CONFIRMED)

    @admin.action(description="Dismiss")
    def dismiss(self, request, queryset):
        self._review(request, queryset, IrregularityStatus.DISMISSED)

    def _review(self, request, queryset, status):
        ids = list(queryset.values_list("pk", flat=True))
        changed = services.irregularity_review(
            irregularity_ids=ids, user=request.user, status=status
        )
        self.message_user(
            request, f"{changed} irregularity(ies) marked {status}.", messages.SUCCESS
        )


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "to", "status", "attempts", "sent_at", "message_id"]
    list_filter = ["status", "name"]
    search_fields = ["to", "message_id", "submission__number"]
