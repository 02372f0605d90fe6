"""Sharing a draft with a client's user, revoking it, and the client's approval.

Every view reads the draft via `draft_get_for_user` (404 for anyone who may not see it), then
asks `filings.sharing` who may do what."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import sharing
from .context import wizard_context
from .models import DraftShare, ShareRole
from .selectors import draft_get_for_user


class ShareForm(forms.Form):
    email = forms.EmailField(
        label=_("Client's e-mail address"),
        help_text=_("They open the application by signing in (or creating an account) with it."),
    )
    role = forms.ChoiceField(
        label=_("Right"),
        choices=ShareRole.choices,
        initial=ShareRole.VIEWER,
        widget=forms.RadioSelect,
    )


class ApproveForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I approve this application as it stands at this version."),
        error_messages={"required": _("Tick the box to confirm your approval.")},
    )


@login_required
def page(request, draft_id):
    """The sharing page: firm admins and editors share; the shared client approves."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    may_share = sharing.draft_may_share(user=request.user, draft=draft)
    form = ShareForm(request.POST or None)
    if request.method == "POST":
        if not may_share:
            raise PermissionDenied(gettext("Only the firm's administrators and editors share it."))
        if form.is_valid():
            try:
                share = sharing.share_create(draft=draft, by=request.user, **form.cleaned_data)
            except sharing.SharingError as exc:
                form.add_error("email", str(exc))
            else:
                messages.success(
                    request,
                    gettext("Shared with %(email)s; they were sent a link.")
                    % {"email": share.email},
                )
                return redirect("filings:sharing", draft.id)
    context = _page_context(request, draft, may_share=may_share, share_form=form)
    return render(request, "filings/sharing.html", context, status=400 if form.errors else 200)


def _page_context(request, draft, *, may_share, **forms_) -> dict:
    share = sharing.draft_share_for(user=request.user, draft=draft)
    context = wizard_context(request, draft=draft, current="sharing")
    context.update(
        step_title=gettext("Sharing and approval"),
        may_share=may_share,
        my_share=share,
        shares=DraftShare.objects.filter(draft=draft).select_related("shared_by")
        if may_share
        else (),
        approvals=sharing.draft_approvals(draft=draft),
        submitters=sharing.draft_submitters(draft=draft),
        may_submit=sharing.draft_may_submit(user=request.user, draft=draft),
        events=sharing.draft_events(draft=draft) if may_share else (),
        approve_form=forms_.get("approve_form")
        or ApproveForm(initial={"seen_version": draft.version}),
        **{k: v for k, v in forms_.items() if k != "approve_form"},
    )
    return context


@login_required
@require_POST
def revoke(request, draft_id, pk):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    share = get_object_or_404(DraftShare, pk=pk, draft=draft)
    try:
        sharing.share_revoke(share=share, by=request.user)
    except sharing.SharingError as exc:
        raise PermissionDenied(str(exc)) from None
    messages.success(request, f"{share.email} can no longer open this application.")
    return redirect("filings:sharing", draft.id)


@login_required
@require_POST
def approve(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if sharing.draft_share_for(user=request.user, draft=draft) is None:
        raise PermissionDenied(
            gettext("Only the client it is shared with approves this application.")
        )
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            approval = sharing.draft_approve(
                draft=draft, user=request.user, seen_version=form.cleaned_data["seen_version"]
            )
        except sharing.SharingError as exc:
            messages.error(request, str(exc))
            return redirect("filings:sharing", draft.id)
        messages.success(
            request,
            gettext("You approved the application at version %(version)s.")
            % {"version": approval.version},
        )
        return redirect("filings:sharing", draft.id)
    context = _page_context(request, draft, may_share=False, approve_form=form)
    return render(request, "filings/sharing.html", context, status=400)
