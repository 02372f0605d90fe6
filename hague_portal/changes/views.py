"""The holder's pages of a change in the Register (issue 23): request a change of a registered
application, answer an invitation, and the appointed firm's acceptance. Healthchecks-style:
authorize (404 for who may not file for the application), bind, call one service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hague_portal.accounts.models import Firm
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.selectors import current_accounts_for
from hague_portal.register.models import Registration
from hague_portal.register.services.common import RegisterError
from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from . import services
from .forms import FORMS, FirmAnswerForm, ResponseForm
from .models import ChangeKind, ChangeStatus
from .selectors import appointment_for_firm, appointments_for_firm, change_request_of

# Where a rule's finding goes when the form has no field of its name.
FIELD_OF = {"entitlement": "nationality"}


def _holder_registration(request, number) -> tuple:
    """The application (404 for who may not see it), its registration (404 before
    registration), and 404 again for a reader who may not file for it: only the holder asks."""
    submission = submission_get_for_user(number=number, user=request.user)
    registration = Registration.objects.filter(pk=submission.pk).first()
    if registration is None or not submission_may_file(user=request.user, submission=submission):
        raise Http404("No registration you may change.")
    return submission, registration


@login_required
def change_new(request, number, kind):
    if kind not in ChangeKind.values:
        raise Http404("No such change.")
    submission, registration = _holder_registration(request, number)
    scope = services.registration_scope(registration)
    extra = {}
    if kind in (ChangeKind.REPRESENTATIVE, ChangeKind.OWNERSHIP):
        extra["firms"] = Firm.objects.order_by("name")
    if kind in (ChangeKind.NAME_ADDRESS, ChangeKind.RENUNCIATION):
        extra["others"] = list(services.registrations_of_same_holder(registration))
    form = FORMS[kind](
        request.POST or None,
        scope=scope,
        accounts=list(current_accounts_for(user=request.user).order_by("number")),
        **extra,
    )
    data = form.request_data() if request.method == "POST" and form.is_valid() else None
    quote = services.change_fees(
        registration=registration, kind=kind, data=data or {}, count=1, today=geneva_today()
    )
    if data is not None and _filed(request, registration, kind, form, data):
        return redirect(reverse("submissions:detail", args=[number]) + "#changes")
    context = {"submission": submission, "registration": registration, "form": form,
               "kind": kind, "kind_label": ChangeKind(kind).label, "quote": quote,
               "holder": services.holder_of(registration)}  # fmt: skip
    if kind == ChangeKind.OWNERSHIP:
        context["deferred"] = services.ownership_deferred_note(
            parties=scope.parties, today=geneva_today()
        )
    return render(request, "changes/new.html", context)


def _filed(request, registration, kind, form, data) -> bool:
    try:
        also = form.also() if hasattr(form, "also") else []
        change = services.change_file(
            registration=registration, kind=kind, user=request.user, data=data, also=also,
            **form.payment(),
        )  # fmt: skip
    except RegisterError as error:
        for name, errors in error.message_dict.items():
            name = FIELD_OF.get(name, name)
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
        return False
    if change.total is None:
        messages.info(
            request,
            _(
                "Request filed. The fee is not in the schedule: the International Bureau will "
                "tell you the amount."
            ),  # fmt: skip
        )
    else:
        messages.success(request, _("Request filed: the International Bureau will examine it."))
    return True


@login_required
def change_detail(request, number, pk):
    submission = submission_get_for_user(number=number, user=request.user)
    change = change_request_of(submission=submission, pk=pk)
    may_respond = change.status == ChangeStatus.IRREGULAR and submission_may_file(
        user=request.user, submission=submission
    )
    form = ResponseForm(request.POST or None) if may_respond else None
    if request.method == "POST":
        if form is None:
            raise Http404("Nothing to answer.")
        if form.is_valid() and _responded(request, change, form):
            return redirect("submissions:change", number=number, pk=pk)
    deferred = ""
    if change.kind == ChangeKind.OWNERSHIP and change.status != ChangeStatus.REFUSED:
        deferred = services.ownership_deferred_note(
            parties=change.data.get("parties") or [], today=geneva_today()
        )
    return render(request, "changes/detail.html",
                  {"submission": submission, "change": change, "form": form,
                   "deferred": deferred})  # fmt: skip


def _responded(request, change, form) -> bool:
    try:
        services.change_respond(
            request=change, user=request.user, response=form.cleaned_data["response"]
        )
    except RegisterError as error:
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
        return False
    messages.success(request, _("Response sent: the International Bureau will examine it."))
    return True


@login_required
def firm_appointments(request):
    """The firm administrator's list of appointments awaiting the firm's answer."""
    rows = appointments_for_firm(user=request.user).filter(firm_accepted__isnull=True)
    return render(request, "changes/appointments.html", {"appointments": rows})


@login_required
def firm_appointment(request, pk):
    change = appointment_for_firm(user=request.user, pk=pk)
    form = FirmAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.representative_answer(
            request=change, user=request.user, accept=form.cleaned_data["accept"]
        )
        messages.success(request, _("Your answer was recorded."))
        return redirect("changes:appointments")
    return render(request, "changes/appointment.html", {"change": change, "form": form})
