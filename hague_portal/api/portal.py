"""The portal's pages for API tokens: list (own, and the members' for a firm admin), create (the
token shown once), revoke. Representatives reach them only with a second factor enrolled
(accounts.middleware.RequireMFAMiddleware sends them to TOTP enrolment first)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .models import Scope
from .tokens import EXPIRY_DAYS_MAX, token_create, token_revoke, tokens_visible_to


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("E.g. the docketing system that will use it."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
    )
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=EXPIRY_DAYS_MAX, initial=90
    )


@login_required
@never_cache
def tokens(request):
    form = TokenForm(request.POST or None)
    # The `office` scope is an Office user's (issue 22), and the only one it has a use for.
    is_office = request.user.office_id is not None
    form.fields["scopes"].choices = [
        (value, label) for value, label in Scope.choices if (value == Scope.OFFICE) == is_office
    ]
    if is_office:
        form.fields["scopes"].initial = [Scope.OFFICE]
    if request.method == "POST" and form.is_valid():
        try:
            row, secret = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # Shown on this response only: never stored, never shown again.
            return render(request, "api/token_created.html", {"token": row, "secret": secret})
    rows = tokens_visible_to(user=request.user)
    context = {"form": form, "tokens": rows, "now": timezone.now()}
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke_view(request, token_id):
    row = tokens_visible_to(user=request.user).filter(pk=token_id).first()
    if row is None:
        raise Http404(_("No such token."))
    token_revoke(token=row, by=request.user)
    messages.success(
        request, _("The token “%(name)s” was revoked; it no longer works.") % {"name": row.name}
    )
    return redirect("api-tokens")
