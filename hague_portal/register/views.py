"""The holder's side of the Register: paying the second part of an individual fee (Rule 12(3))
from the application's page or the workbench (healthchecks-style: authorize, bind, call one
service, redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hague_portal.lib.numbers import amount_text
from hague_portal.payments.models import PaymentMethod
from hague_portal.payments.selectors import current_accounts_for
from hague_portal.payments.services import InsufficientFunds, PaymentError
from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from . import services
from .forms import SecondPartPayForm
from .models import SecondPart
from .selectors import second_part_of, second_part_payable


def pay_forms(*, user, parties, data=None) -> list[SecondPartPayForm]:
    """A form per party's second part, prefixed by the party so that a page may hold several;
    the accounts the user may debit are read once for all of them."""
    if not parties:
        return []
    accounts = list(current_accounts_for(user=user).order_by("number"))
    return [SecondPartPayForm(data, accounts=accounts, prefix=p.lower()) for p in parties]


@login_required
def second_part_pay(request, number, party):
    submission = submission_get_for_user(number=number, user=request.user)  # 404 for others
    try:
        part = second_part_of(submission=submission, party=party)
    except SecondPart.DoesNotExist:
        raise Http404(_("No second part of a fee is due for this party.")) from None
    # As the fees' pay page: seeing an application is not leave to pay for it (issue 8).
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only those who may file for this application may pay its fees."))
    [form] = pay_forms(
        user=request.user, parties=[part.designation.party], data=request.POST or None
    )
    if request.method == "POST" and form.is_valid() and _paid(request, part, form):
        return redirect(reverse("submissions:detail", args=[number]) + "#protection")
    context = {"submission": submission, "part": part, "form": form,
               "payable": second_part_payable(part)}  # fmt: skip
    return render(request, "register/second_part_pay.html", context)


def _paid(request, part, form) -> bool:
    """Pay; a refusal goes to the field it concerns, and nothing was charged."""
    data = form.cleaned_data
    try:
        services.second_part_pay(
            second_part=part,
            user=request.user,
            method=data["method"],
            account=data.get("account"),
            card_number=data.get("card_number", ""),
        )
    except services.RegisterError as exc:
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    except PaymentError as exc:
        form.add_error(_field_of(exc, data["method"]), _refused(exc, data["method"]))
        return False
    messages.success(
        request,
        _("Second part of the fee for %(party)s paid: %(amount)s.")
        % {"party": part.designation.party, "amount": amount_text(part.amount, part.currency)},
    )
    return True


def _field_of(exc, method) -> str | None:
    if isinstance(exc, InsufficientFunds):
        return "account"
    return "card_number" if method == PaymentMethod.CARD else None


def _refused(exc, method) -> str:
    if method != PaymentMethod.CARD:
        return str(exc)
    # The card provider's messages are marked for translation where they are written.
    return " ".join([_(str(exc)), _("Nothing was charged: check the number, or use another card.")])
