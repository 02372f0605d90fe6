"""The firm pages: members (admins manage), invitations, clients. Function views that
authorize (firm_get_for_member: 404 for non-members), bind a form, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hague_portal.notifications.services import firm_member_remove

from . import services_firm as services
from .forms_firm import ClientForm, InviteForm, RoleForm
from .models import Client, FirmInvitation, FirmMembership, FirmRole
from .selectors import EDITING_ROLES
from .selectors_firm import (
    client_deletion_refusal,
    firm_admin_count,
    firm_clients,
    firm_get_for_member,
    firm_members,
    firm_pending_invitations,
    firms_of,
    invitation_state,
)


@login_required
@require_GET
def home(request):
    """The user's firm; with several, the list to choose from."""
    firms = list(firms_of(user=request.user))
    if len(firms) == 1:
        return redirect("firm:detail", firms[0].pk)
    return render(request, "accounts/firm/choose.html", {"firms": firms})


@login_required
@require_GET
def detail(request, firm_id):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    return render(request, "accounts/firm/detail.html", _detail_context(firm, role))


def _detail_context(firm, role, **extra) -> dict:
    is_admin = role == FirmRole.ADMIN
    return {
        "firm": firm,
        "role": role,
        "role_label": FirmRole(role).label,
        "is_admin": is_admin,
        "members": firm_members(firm=firm),
        "admin_count": firm_admin_count(firm=firm),
        "invitations": firm_pending_invitations(firm=firm) if is_admin else (),
        "invite_form": extra.get("invite_form") or InviteForm(),
        "roles": FirmRole.choices,
    }


@login_required
@require_POST
def invite(request, firm_id):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    if role != FirmRole.ADMIN:
        raise PermissionDenied(_("Only the firm's administrators invite members."))
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(firm=firm, by=request.user, **form.cleaned_data)
        except services.FirmError as exc:
            form.add_error("email", str(exc))
        else:
            text = _("Invitation sent to %(email)s as %(role)s; the link works for %(days)s days.")
            role = invitation.get_role_display().lower()
            messages.success(
                request,
                text % {"email": invitation.email, "role": role, "days": services.INVITATION_DAYS},
            )
            return redirect("firm:detail", firm.pk)
    context = _detail_context(firm, role, invite_form=form)
    return render(request, "accounts/firm/detail.html", context, status=400)


@login_required
@require_POST
def invitation_revoke(request, firm_id, pk):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    invitation = get_object_or_404(FirmInvitation, pk=pk, firm=firm)
    if role != FirmRole.ADMIN:
        raise PermissionDenied(_("Only the firm's administrators withdraw invitations."))
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("firm:detail", firm.pk)


@login_required
@require_POST
def member_role(request, firm_id, pk):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    membership = get_object_or_404(FirmMembership.objects.select_related("user"), pk=pk, firm=firm)
    if role != FirmRole.ADMIN:
        raise PermissionDenied(_("Only the firm's administrators change roles."))
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role: administrator, editor or viewer."))
        return redirect("firm:detail", firm.pk)
    try:
        services.member_set_role(membership=membership, by=request.user, **form.cleaned_data)
    except services.FirmError as exc:
        messages.error(request, str(exc))
    else:
        role = membership.get_role_display().lower()
        text = _("%(member)s is now %(role)s.") % {"member": membership.user, "role": role}
        messages.success(request, text)
    return redirect("firm:detail", firm.pk)


@login_required
@require_POST
def member_remove(request, firm_id, pk):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    membership = get_object_or_404(FirmMembership.objects.select_related("user"), pk=pk, firm=firm)
    if role != FirmRole.ADMIN:
        raise PermissionDenied(_("Only the firm's administrators remove members."))
    try:
        firm_member_remove(membership=membership, by=request.user)
    except services.FirmError as exc:
        messages.error(request, str(exc))
        return redirect("firm:detail", firm.pk)
    text = _("%(member)s was removed from %(firm)s; their access ended.")
    messages.success(request, text % {"member": membership.user, "firm": firm})
    if membership.user_id == request.user.pk:
        return redirect("workbench")
    return redirect("firm:detail", firm.pk)


# --- joining ---------------------------------------------------------------------------------


def join(request, token):
    """The invitation link. Signed out: sign in or create an account, with this page as `next`
    (allauth keeps it across sign-up, e-mail confirmation and the second factor). Signed in:
    accept with one click."""
    invitation = FirmInvitation.objects.select_related("firm", "invited_by").filter(token=token)
    invitation = invitation.first()
    problem = invitation_state(invitation=invitation)
    if request.method == "POST" and request.user.is_authenticated and not problem:
        try:
            services.invitation_accept(token=token, user=request.user)
        except services.FirmError as exc:
            problem = str(exc)
        else:
            text = _("Welcome to %(firm)s: you are %(role)s.")
            role = invitation.get_role_display()
            messages.success(request, text % {"firm": invitation.firm, "role": role})
            return redirect("firm:detail", invitation.firm_id)
    context = {"invitation": invitation, "problem": problem, "next": request.path}
    return render(request, "accounts/firm/join.html", context, status=400 if problem else 200)


# --- clients ---------------------------------------------------------------------------------


@login_required
@require_GET
def clients(request, firm_id):
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    listed = firm_clients(firm=firm, page=request.GET.get("page") or 1)
    context = {
        "firm": firm,
        "role": role,
        "clients": listed,
        "page": _Pager(listed),
        "page_link": "?page=",
        "may_edit": role in EDITING_ROLES,
        "may_delete": role == FirmRole.ADMIN,
    }
    return render(request, "accounts/firm/clients.html", context)


class _Pager:
    """A Paginator page as _pager.html reads it (number, pages, has_next)."""

    def __init__(self, page):
        self.number, self.pages = page.number, page.paginator.num_pages
        self.has_next = page.has_next()


@login_required
def client_edit(request, firm_id, pk=None):
    """Add (pk None) or change a client: the firm's admins and editors."""
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    client = get_object_or_404(Client, pk=pk, firm=firm) if pk else None
    if role not in EDITING_ROLES:
        raise PermissionDenied(_("Only the firm's administrators and editors change clients."))
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.client_save(
                firm=firm, by=request.user, client=client, **form.cleaned_data
            )
        except services.FirmError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("Saved %(client)s.") % {"client": saved})
            return redirect("firm:clients", firm.pk)
    status = 400 if form.errors else 200
    context = {"firm": firm, "form": form, "client": client}
    return render(request, "accounts/firm/client_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def client_delete(request, firm_id, pk):
    """A confirmation page (GET), saying why not when an application names the client; the
    deletion (POST)."""
    firm, role = firm_get_for_member(user=request.user, firm_id=firm_id)
    client = get_object_or_404(Client, pk=pk, firm=firm)
    if role != FirmRole.ADMIN:
        raise PermissionDenied(_("Only the firm's administrators delete clients."))
    if request.method == "GET":
        context = {
            "firm": firm,
            "client": client,
            "refusal": client_deletion_refusal(client=client),
        }
        return render(request, "accounts/firm/client_delete.html", context)
    try:
        services.client_delete(client=client, by=request.user)
    except services.FirmError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Deleted %(client)s.") % {"client": client})
    return redirect(reverse("firm:clients", args=[firm.pk]))
