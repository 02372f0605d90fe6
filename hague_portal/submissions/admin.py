"""Submissions in the admin: read-only; jobs can be retried; the check job's findings are
confirmed (as a Rule 14 kind) or dismissed through the examination services. The examination
itself happens on the examination page (examination/admin.py)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hague_portal.examination import services as examination
from hague_portal.mail.models import OutgoingEmail

from . import services
from .models import Irregularity, IrregularityStatus, Job, JobStatus, Submission


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
    exclude = ["document", "fees", "files", "findings"]  # read in words on the examination page
    readonly_fields = ["examination_page"]

    @admin.display(description=_("Examination"))
    def examination_page(self, obj):
        return _examination_link(obj.pk, gettext("Examine %(number)s") % {"number": obj.number})


def _examination_link(pk, text):
    url = reverse("admin:examination_examination_change", args=[pk])
    return format_html('<a href="{}">{}</a>', url, text)


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

    @admin.action(description=_("Retry the selected failed jobs"))
    def retry(self, request, queryset):
        retried = sum(
            services.job_requeue(job=job) for job in queryset.filter(status=JobStatus.FAILED)
        )
        self.message_user(
            request,
            ngettext("%(count)d job queued again.", "%(count)d jobs queued again.", retried)
            % {"count": retried},
            messages.SUCCESS,
        )


@admin.register(Irregularity)
class IrregularityAdmin(admin.ModelAdmin):
    list_display = ["submission", "category", "code", "item", "status", "examination", "created_at"]
    list_filter = ["status", "kind", "category"]
    list_select_related = ["submission"]
    search_fields = ["submission__number", "code", "message"]
    readonly_fields = [f.name for f in Irregularity._meta.fields]
    actions = ["confirm", "dismiss"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_examine_permission(self, request):
        return request.user.has_perm("examination.examine")

    @admin.display(description=_("Examination page"))
    def examination(self, obj):
        return _examination_link(obj.submission_id, gettext("Open"))

    @admin.action(description=_("Confirm (as the kind its item suggests)"), permissions=["examine"])
    def confirm(self, request, queryset):
        from hague_portal.examination.admin_page import kind_guess

        self._each(
            request,
            queryset.filter(status=IrregularityStatus.AWAITING_REVIEW),
            lambda row: examination.irregularity_confirm(
                irregularity=row, by=request.user, category=kind_guess(row)
            ),
            lambda done: ngettext(
                "%(count)d irregularity confirmed (choose another kind on the examination page).",
                "%(count)d irregularities confirmed (choose another kind on the examination page).",
                done,
            ),
        )

    @admin.action(description=_("Dismiss"), permissions=["examine"])
    def dismiss(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda row: examination.irregularity_dismiss(irregularity=row, by=request.user),
            lambda done: ngettext(
                "%(count)d irregularity dismissed.", "%(count)d irregularities dismissed.", done
            ),
        )

    def _each(self, request, queryset, service, done_message):
        done = 0
        for row in queryset.select_related("submission"):
            try:
                service(row)
                done += 1
            except examination.ExaminationError as exc:
                self.message_user(request, f"{row.submission.number}: {exc}", messages.ERROR)
        self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "to", "status", "attempts", "sent_at", "message_id"]
    list_filter = ["status", "name"]
    search_fields = ["to", "message_id", "submission__number"]
