"""The examination queue and the examination page, in the admin (MFA, staff only).

Examiners and supervisors are groups with declared permissions (migration 0003), not
superusers. The queue reads one indexed table (Examination, with the submission's number and
first applicant joined as annotations), so a page costs the same few queries at 100,000 rows.
Every change goes through examination.services; the admin only binds forms and shows results.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hague_portal.events.models import Event
from hague_portal.filings.listing import WORD
from hague_portal.hague.clock import GENEVA, geneva_today
from hague_portal.submissions.admin import ReadOnlyMixin
from hague_portal.submissions.models import Submission
from hague_portal.submissions.services import NUMBER_DIGITS

from . import admin_forms, admin_page, services
from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Examination,
    ExaminationStatus,
    Invitation,
    Response,
)

URGENT_DAYS = 14  # the time limit column turns red below this


# --- filters ----------------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """By default the queue shows what is waiting (every open status), oldest first."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ExaminationStatus.choices, ("all", gettext("All, closed included"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": gettext("Waiting (open)"),
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() is None and request.GET.get(SEARCH_VAR, "").strip():
            return queryset  # a number or a name is looked for whatever its status
        if self.value() is None:
            return queryset.filter(status__in=OPEN_STATUSES)
        if self.value() in ExaminationStatus.values:
            return queryset.filter(status=self.value())
        return queryset


class PartyFilter(admin.SimpleListFilter):
    title = _("designated party")
    parameter_name = "party"

    def lookups(self, request, model_admin):
        from hague_portal.reference.models import Party

        return [(p.code, f"{p.display_name} ({p.code})") for p in Party.objects.all()]

    def queryset(self, request, queryset):
        code = (self.value() or "").strip().upper()
        if code:
            return queryset.filter(parties__contains=f" {code} ")
        return queryset


class OpenIrregularitiesFilter(admin.SimpleListFilter):
    title = _("open irregularities")
    parameter_name = "irregular"

    def lookups(self, request, model_admin):
        return [("yes", gettext("Has open irregularities")), ("no", gettext("None open"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_irregularities__gt=0)
        if self.value() == "no":
            return queryset.filter(open_irregularities=0)
        return queryset


class ExaminerFilter(admin.SimpleListFilter):
    title = _("examiner")
    parameter_name = "examiner"

    def lookups(self, request, model_admin):
        others = [(str(u.pk), str(u)) for u in admin_forms.examiners() if u.pk != request.user.pk]
        return [("me", gettext("Me")), ("none", gettext("Unassigned")), *others]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(examiner=request.user)
        if value == "none":
            return queryset.filter(examiner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(examiner_id=int(value))
        return queryset


class TimeLimitFilter(admin.SimpleListFilter):
    title = _("time limit")
    parameter_name = "limit"

    def lookups(self, request, model_admin):
        return [
            ("passed", gettext("Passed")),
            ("7", gettext("Within 7 days")),
            ("30", gettext("Within 30 days")),
        ]

    def queryset(self, request, queryset):
        today = geneva_today()
        if self.value() == "passed":
            return queryset.filter(time_limit__lt=today)
        if self.value() in ("7", "30"):
            days = int(self.value())
            return queryset.filter(time_limit__range=(today, today + timedelta(days=days)))
        return queryset


# --- the queue --------------------------------------------------------------------------------

APPLICATION_NUMBER = re.compile(r"^(?:WIPO)?(\d{1,12})$")
REGISTRATION_NUMBER = re.compile(r"^DM/?(\d{6})$")


def queue_search(queryset, term: str):
    """A number goes to its unique column (application "WIPO000123" or "123", registration
    "DM/123456"); words are looked up in the filed draft's full-text column (applicant names,
    products, reference; the GIN index of filings migration 0005), as the workbench does."""
    compact = term.strip().upper().replace(" ", "")
    if not compact:
        return queryset
    if match := APPLICATION_NUMBER.match(compact):
        return queryset.filter(submission__number=f"WIPO{int(match[1]):0{NUMBER_DIGITS}d}")
    if match := REGISTRATION_NUMBER.match(compact):
        return queryset.filter(registration_number=f"DM/{match[1]}")
    words = WORD.findall(term)
    if not words:
        return queryset.none()
    if connection.vendor != "postgresql":
        for word in words:
            queryset = queryset.filter(submission__draft__search_text__icontains=word)
        return queryset
    # Words are letters and digits only, so the raw tsquery cannot be malformed.
    query = SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")
    vector = SearchVector("submission__draft__search_text", config="simple")
    return queryset.alias(found=vector).filter(found=query)


FIRST_APPLICANT = KeyTextTransform(
    "name", KeyTransform("0", KeyTransform("applicants", "submission__document"))
)


class QueueChangeList(ChangeList):
    """The page's application numbers and first applicants are read in one query for the rows
    shown, so the COUNT behind the pagination stays on the examination table alone (a join to
    the submissions there doubled its cost at 100,000 rows) and no document JSON is loaded."""

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)
        labels = {
            pk: (number, applicant)
            for pk, number, applicant in Submission.objects.filter(
                pk__in=[row.pk for row in rows]
            ).values_list(
                "pk",
                "number",
                KeyTextTransform("name", KeyTransform("0", KeyTransform("applicants", "document"))),
            )
        }
        for row in rows:
            row.number, row.applicant = labels.get(row.pk, ("", ""))
        self.result_list = rows


@admin.register(Examination)
class ExaminationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    # The columns an examiner works by come first, so that a laptop (1280 px) shows them
    # without scrolling sideways (issue 20); what identifies the application follows.
    list_display = [
        "number",
        "time_limit_left",
        "open_irregularities",
        "status",
        "examiner",
        "received",
        "applicant",
        "designated",
    ]
    list_display_links = ["number"]
    list_filter = [
        StatusFilter,
        ("received_at", admin.DateFieldListFilter),
        PartyFilter,
        OpenIrregularitiesFilter,
        ExaminerFilter,
        TimeLimitFilter,
    ]
    list_select_related = ["examiner"]
    search_fields = ["submission__number"]
    search_help_text = _(
        "An application number (WIPO000123 or 123), a registration number (DM/000001), or "
        "words of the applicant's name, the product or the reference; any status."
    )
    show_full_result_count = False  # one COUNT less per page
    list_per_page = 50
    actions = ["assign_to_me", "assign_to"]
    change_list_template = "admin/examination/examination/change_list.html"

    class Media:
        css = {"all": ["examination/admin.css"]}
        js = ["examination/irregularity.js"]

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def get_ordering(self, request):
        status = request.GET.get("status")
        if status in (*CLOSED_STATUSES, "all"):
            return ["-received_at", "-pk"]
        return ["received_at", "pk"]  # the queue: oldest received first

    def get_search_results(self, request, queryset, search_term):
        return queue_search(queryset, search_term), False

    # permissions: read for staff with view_examination; changes only through the services

    def has_assign_self_permission(self, request):
        return request.user.has_perm("examination.assign_self")

    def has_reassign_permission(self, request):
        return request.user.has_perm("examination.reassign")

    # columns

    @admin.display(description=_("Application"), ordering="submission__number")
    def number(self, obj):
        return obj.number

    @admin.display(description=_("Received (Geneva)"), ordering="received_at")
    def received(self, obj):
        return f"{obj.received_at.astimezone(GENEVA):%Y-%m-%d %H:%M}"

    @admin.display(description=_("Applicant"))
    def applicant(self, obj):
        return obj.applicant or "—"

    @admin.display(description=_("Parties"))
    def designated(self, obj):
        return ", ".join(obj.parties.split()) or "—"

    @admin.display(description=_("Open irregularities"), ordering="open_irregularities")
    def open_irregularities(self, obj):
        return obj.open_irregularities

    @admin.display(description=_("Time limit"), ordering="time_limit")
    def time_limit_left(self, obj):
        if obj.time_limit is None:
            return "—"
        days = (obj.time_limit - geneva_today()).days
        if days >= 0:
            left = ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
        else:
            left = ngettext("passed %(days)d day ago", "passed %(days)d days ago", -days) % {
                "days": -days
            }
        css = "limit-urgent" if days < URGENT_DAYS else "limit-ok"
        return format_html('<span class="{}">{} ({})</span>', css, obj.time_limit, left)

    def changelist_view(self, request, extra_context=None):
        # Counts of the waiting applications only: they are bounded by the work in hand, while
        # registered and abandoned ones grow for ever (a GROUP BY over them cost 50 ms at
        # 100,000 rows); those statuses are one click away, with the list's own count.
        counts = (
            Examination.objects.filter(status__in=OPEN_STATUSES)
            .values("status")
            .annotate(
                n=Count("status"), mine=Count("status", filter=Q(examiner_id=request.user.pk))
            )
        )
        by_status = {row["status"]: row for row in counts}
        extra = {
            "title": gettext("Examination queue"),
            "status_counts": [
                (
                    value,
                    label,
                    by_status.get(value, {}).get("n", 0) if value in OPEN_STATUSES else None,
                )
                for value, label in ExaminationStatus.choices
            ],
            "waiting": sum(row["n"] for row in by_status.values()),
            "mine": sum(row["mine"] for row in by_status.values()),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    # actions

    @admin.action(description=_("Assign to me"), permissions=["assign_self"])
    def assign_to_me(self, request, queryset):
        self._assign(request, queryset, request.user)

    @admin.action(description=_("Assign to…"), permissions=["reassign"])
    def assign_to(self, request, queryset):
        form = admin_forms.ReassignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            return self._assign(request, queryset, form.cleaned_data["examiner"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Assign to an examiner"),
            "form": form,
            "examinations": queryset.select_related("submission"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/examination/examination/assign_to.html", context)

    def _assign(self, request, queryset, examiner):
        done = 0
        for examination in queryset.select_related("submission"):
            try:
                services.examination_assign(
                    examination=examination, examiner=examiner, by=request.user
                )
                done += 1
            except services.ExaminationError as exc:
                self.message_user(
                    request, f"{examination.submission.number}: {exc}", messages.ERROR
                )
        if examiner == request.user:
            text = ngettext(
                "%(count)d application assigned to you.",
                "%(count)d applications assigned to you.",
                done,
            )
        elif examiner is None:
            text = ngettext(
                "%(count)d application assigned to nobody.",
                "%(count)d applications assigned to nobody.",
                done,
            )
        else:
            text = ngettext(
                "%(count)d application assigned to %(user)s.",
                "%(count)d applications assigned to %(user)s.",
                done,
            )
        self.message_user(request, text % {"count": done, "user": examiner}, messages.SUCCESS)

    # the examination page

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/act/<slug:action>/",
                wrap(self.act_view),
                name="examination_examination_act",
            ),
            path(
                "<path:object_id>/file/<str:sha256>/",
                wrap(self.file_view),
                name="examination_examination_file",
            ),
            path(
                "<path:object_id>/letter/<int:sequence>/",
                wrap(self.letter_view),
                name="examination_examination_letter",
            ),
            *super().get_urls(),
        ]

    def _examination(self, request, object_id) -> Examination:
        if not self.has_view_permission(request):
            raise PermissionDenied
        examination = (
            Examination.objects.select_related("submission", "examiner")
            .filter(pk=unquote(object_id))
            .first()
            if str(unquote(object_id)).isdigit()
            else None
        )
        if examination is None:
            raise Http404("No such application.")
        return examination

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin_page.page_render(request, self, self._examination(request, object_id))

    def act_view(self, request, object_id, action):
        if request.method != "POST":
            return redirect("admin:examination_examination_change", object_id)
        return admin_page.act(request, self, self._examination(request, object_id), action)

    def file_view(self, request, object_id, sha256):
        return admin_page.file_response(request, self._examination(request, object_id), sha256)

    def letter_view(self, request, object_id, sequence):
        return admin_page.letter_response(self._examination(request, object_id), sequence)


# --- the rest of the loop, read-only ----------------------------------------------------------


class ReadOnly(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(Invitation)
class InvitationAdmin(ReadOnly):
    list_display = ["examination", "sequence", "status", "sent_at", "time_limit", "sent_by"]
    list_filter = ["status"]
    list_select_related = ["sent_by"]
    search_fields = ["examination__submission__number"]


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ["invitation", "revision", "submitted_by", "submitted_at", "document_sha256"]
    list_select_related = ["submitted_by"]
    search_fields = ["invitation__examination__submission__number"]
    exclude = ["document"]


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ["at", "submission", "actor", "kind", "summary", "applicant_visible"]
    list_filter = ["kind", "applicant_visible"]
    list_select_related = ["submission", "actor"]
    search_fields = ["submission__number", "summary"]

    def view_on_site(self, obj):
        return reverse("admin:examination_examination_change", args=[obj.submission_id])
