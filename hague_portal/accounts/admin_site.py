"""The Django admin, for staff only, and only in a session verified with a second factor."""

from urllib.parse import urlencode

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .selectors import session_used_second_factor


class PortalAdminSite(admin.AdminSite):
    site_header = _("Hague Portal: International Bureau")
    site_title = _("Hague Portal admin")
    index_title = _("Examination and reference data")

    def has_permission(self, request):
        return super().has_permission(request) and session_used_second_factor(request=request)

    def login(self, request, extra_context=None):
        # Staff who signed in without their second factor (e.g. just after enrolling) confirm it
        # with allauth's MFA re-authentication, which records the "mfa" method in the session.
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not session_used_second_factor(request=request)
        ):
            next_url = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return secure_admin_login(super().login)(request, extra_context)
