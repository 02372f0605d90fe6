"""Correspondence in the admin (staff with their second factor): the threads awaiting an answer,
unread first, then the longest waiting; a thread's page shows its messages with their
attachments and the answer form. Opening it marks the applicant side's messages read; answering
goes through services.message_answer (its event tells the applicant: inbox and e-mail)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import MessageForm
from .models import Thread
from .selectors import message_file_get_for_staff, thread_messages
from .services import message_answer, thread_mark_read_by_bureau


class AwaitingFilter(admin.SimpleListFilter):
    """By default the list shows the threads awaiting an answer."""

    title = _("answer")
    parameter_name = "awaiting"

    def lookups(self, request, model_admin):
        return [("all", gettext("All, answered included"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": gettext("Awaiting an answer"),
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": gettext("All, answered included"),
        }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(awaiting_answer=True)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "unread", "awaiting_answer", "last_message_at"]
    list_display_links = ["number", "subject"]
    list_filter = [AwaitingFilter]
    list_select_related = ["submission"]
    search_fields = ["submission__number", "subject"]
    ordering = ["-unread", "last_message_at"]  # unread first, then the longest waiting
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Application"), ordering="submission__number")
    def number(self, obj):
        return obj.submission.number

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/file/<int:file_id>/",
                wrap(self.file_view),
                name="correspondence_thread_file",
            ),
            *super().get_urls(),
        ]

    def _thread(self, request, object_id) -> Thread:
        if not self.has_view_permission(request):
            raise PermissionDenied
        key = str(unquote(object_id))
        thread = (
            Thread.objects.select_related("submission").filter(pk=key).first()
            if key.isdigit()
            else None
        )
        if thread is None:
            raise Http404("No such thread.")
        return thread

    def change_view(self, request, object_id, form_url="", extra_context=None):
        thread = self._thread(request, object_id)
        may_answer = request.user.has_perm("correspondence.answer")
        form = MessageForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            initial={"subject": _reply_subject(thread.subject)},
        )
        if request.method == "POST":
            if not may_answer:
                raise PermissionDenied
            if form.is_valid() and self._answer(request, thread, form):
                return redirect("admin:correspondence_thread_change", thread.pk)
        else:
            thread_mark_read_by_bureau(submission=thread.submission)
        return TemplateResponse(request, "admin/correspondence/thread/page.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Correspondence: application %(number)s")
            % {"number": thread.submission.number},
            "thread": thread,
            "submission": thread.submission,
            "messages_": thread_messages(submission=thread.submission),
            "form": form,
            "may_answer": may_answer,
            "examination_url": reverse(
                "admin:examination_examination_change", args=[thread.submission_id]
            ),
        })  # fmt: skip

    def _answer(self, request, thread, form) -> bool:
        try:
            message_answer(
                submission=thread.submission,
                by=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
            return False
        self.message_user(
            request,
            gettext("Answer sent: it reaches the applicant's inbox, with an e-mail alert."),
            messages.SUCCESS,
        )
        return True

    def file_view(self, request, object_id, file_id):
        thread = self._thread(request, object_id)
        found = message_file_get_for_staff(submission_id=thread.pk, file_id=file_id)
        return FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.original_name,
            content_type=found.content_type,
        )


def _reply_subject(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"[:200]
