"""The International Bureau's examination of change requests (Rule 21), in the admin: the list
of requests, recording them, inviting the requester to correct an irregularity (three months,
Rule 4(4) applied) or refusing. Each action calls one service; the Register is never edited by
hand here."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.register.services.common import RegisterError

from . import services
from .models import ChangeRequest


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5, "cols": 80}))


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["registration", "kind", "status", "filed_at", "time_limit", "total",
                    "recorded_on"]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["registration__number", "registration__holder_name"]
    actions = ["record", "invite", "refuse"]
    readonly_fields = [
        "kind", "registration", "status", "data", "fees", "total", "payment", "filed_by",
        "filed_at", "new_owner_user", "representative_firm", "firm_accepted", "invitation",
        "invited_at", "time_limit", "response", "responded_at", "recorded_on", "examined_by",
        "reason",
    ]  # fmt: skip
    exclude = ["also"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Record in the Register"), permissions=["change"])
    def record(self, request, queryset):
        done = 0
        for change in queryset.select_related("registration"):
            try:
                services.change_record(request=change, by=request.user)
                done += 1
            except RegisterError as error:
                self._error(request, change, error)
        self.message_user(
            request, gettext("%(count)d request(s) recorded.") % {"count": done}, messages.SUCCESS
        )

    @admin.action(description=_("Invite to correct an irregularity…"), permissions=["change"])
    def invite(self, request, queryset):
        return self._with_text(request, queryset, "invite", gettext("Invitation to correct"),
                               services.change_invite, "text")  # fmt: skip

    @admin.action(description=_("Refuse…"), permissions=["change"])
    def refuse(self, request, queryset):
        return self._with_text(request, queryset, "refuse", gettext("Refusal"),
                               services.change_refuse, "reason")  # fmt: skip

    def _with_text(self, request, queryset, action, title, service, argument):
        form = TextForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for change in queryset:
                try:
                    service(request=change, by=request.user,
                            **{argument: form.cleaned_data["text"]})  # fmt: skip
                except RegisterError as error:
                    self._error(request, change, error)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            "changes": queryset.select_related("registration"),
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/changes/changerequest/text.html", context)

    def _error(self, request, change, error):
        text = " ".join(m for ms in error.message_dict.values() for m in ms)
        self.message_user(request, f"{change.registration.number}: {text}", messages.ERROR)
