"""Renewing several registrations with one payment (issue 23), from the workbench: the
registrations selected there, or all those due in a period (its renewal filter). One itemised
total, one payment, a renewal recorded on each registration
(register.services.renewals_bulk)."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from hague_portal.hague.clock import geneva_today
from hague_portal.payments.models import Payment, PaymentPurpose
from hague_portal.payments.selectors import current_accounts_for
from hague_portal.register.forms import SecondPartPayForm
from hague_portal.register.models import Registration, Renewal
from hague_portal.register.selectors_renewals import registrations_fileable_by
from hague_portal.register.services import RegisterError
from hague_portal.register.services.renewals_bulk import renewals_pay_bulk, renewals_quote_bulk

from .selectors import RENEWAL_FILTER_KEYS, RENEWAL_FILTERS, applications_visible_to, renewal_due_q

# The registrations on one bulk renewal: a page (and one payment) stays readable.
BULK_MAX = 1000


@login_required
def renewals(request):
    """GET: the quote of the registrations chosen (?application=<draft id>... or ?due=<key>);
    POST: pay it (the registrations by number, the total the user saw)."""
    if request.method == "POST":
        return _pay(request)
    chosen, excluded = _chosen(request)
    return _page(request, chosen, excluded, form=_form(request.user))


def _chosen(request) -> tuple[list[Registration], list[tuple[str, str]]]:
    """The registrations the GET names, those the user may renew; the others (visible, but not
    registered or not the user's to renew) as (what, why). A forged id is a 404."""
    due = request.GET.get("due", "")
    if due in RENEWAL_FILTER_KEYS:
        rows = registrations_fileable_by(user=request.user).filter(
            renewal_due_q(due, today=geneva_today(),
                          prefix="examination__submission__draft__protection__")
        )  # fmt: skip
        return list(rows.order_by("expiry", "number")[:BULK_MAX]), []
    try:
        ids = {uuid.UUID(value) for value in request.GET.getlist("application")[:BULK_MAX]}
    except ValueError:
        raise Http404(_("No such application.")) from None
    drafts = list(
        applications_visible_to(user=request.user)
        .filter(pk__in=ids)
        .values_list("title", "submission__pk", "submission__number")
        .order_by("submission__number")
    )
    if len(drafts) != len(ids):
        raise Http404(_("No such application."))
    # A registration's key is its application's (Registration.examination, Examination.submission).
    registered = {r.pk: r for r in Registration.objects.filter(pk__in=[d[1] for d in drafts])}
    fileable = set(
        registrations_fileable_by(user=request.user)
        .filter(pk__in=list(registered))
        .values_list("pk", flat=True)
    )
    chosen, excluded = [], []
    for title, submission_pk, number in drafts:
        registration = registered.get(submission_pk)
        if registration is None:
            excluded.append((number or title or _("Draft"), _("Not registered.")))
        elif registration.pk not in fileable:
            excluded.append((registration.number, MAY_NOT_RENEW))
        else:
            chosen.append(registration)
    return chosen, excluded


MAY_NOT_RENEW = _lazy(
    "You may read it, not renew it: only the holder's account, or an administrator or editor "
    "of the holder's firm, may."
)


def _form(user, data=None) -> SecondPartPayForm:
    accounts = list(current_accounts_for(user=user).order_by("number"))
    return SecondPartPayForm(data, accounts=accounts)


def _page(request, chosen, excluded, *, form, status=200):
    quote = renewals_quote_bulk(registrations=chosen) if chosen else None
    context = {
        "quote": quote,
        "excluded": excluded
        + (
            [(i.registration.number, i.reason) for i in quote.excluded] if quote else []
        ),  # fmt: skip
        "form": form,
        "due": request.GET.get("due", ""),
        "due_label": dict(RENEWAL_FILTERS).get(request.GET.get("due", ""), ""),
    }
    return render(request, "portfolio/renewals.html", context, status=status)


def _pay(request):
    numbers = request.POST.getlist("registration")[:BULK_MAX]
    registrations = list(registrations_fileable_by(user=request.user).filter(number__in=numbers))
    if not numbers or len(registrations) != len(set(numbers)):
        raise Http404(_("No such registration."))  # not the user's to renew: as if none
    form = _form(request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            renewed = renewals_pay_bulk(
                registrations=registrations,
                user=request.user,
                method=data["method"],
                account=data.get("account"),
                card_number=data.get("card_number", ""),
                seen_total=_seen_total(request.POST.get("seen_total")),
            )
        except RegisterError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _renewed_words(len(renewed)))
            return redirect("portfolio:renewals_paid", reference=renewed[0].payment.reference)
    return _page(request, registrations, [], form=form, status=400)


def _seen_total(value) -> Decimal:
    """The total the page showed; one that is not an amount never matches a total."""
    try:
        return Decimal(value or "")
    except InvalidOperation:
        return Decimal("-1")


def _errors_to(form, error: RegisterError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


def _renewed_words(n: int) -> str:
    return ngettext(
        "%(count)d registration renewed with one payment.",
        "%(count)d registrations renewed with one payment.",
        n,
    ) % {"count": n}


@login_required
@require_GET
def renewals_paid(request, reference):
    """What one bulk payment renewed: only its payer sees it."""
    payment = Payment.objects.filter(
        reference=reference, purpose=PaymentPurpose.RENEWAL, created_by=request.user
    ).first()
    if payment is None:
        raise Http404(_("No such payment."))
    renewed = list(
        Renewal.objects.filter(payment=payment)
        .select_related("registration__examination__submission")
        .order_by("registration__number")
    )
    back = reverse("workbench") + "?tab=registered"
    return render(
        request,
        "portfolio/renewals_paid.html",
        {"payment": payment, "renewals": renewed, "back": back},
    )
