"""Paying the fees of a submission, and payment receipts (healthchecks-style function views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from . import services
from .forms import PaymentForm
from .models import Payment, PaymentStatus
from .selectors import current_accounts_for, payment_method_chosen, payment_state


@login_required
def pay(request, number):
    submission = submission_get_for_user(number=number, user=request.user)
    # Seeing an application (firm viewer, staff examiner) is not leave to pay for it: only those
    # who may file for it may, or a stray payment would block the owner's (issue 8).
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only those who may file for this application may pay its fees."))
    current = services.fees_current(submission)
    accounts = current_accounts_for(user=request.user)
    form = PaymentForm(
        request.POST or None, accounts=accounts, initial=_initial(submission, accounts)
    )
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.payment_create(
                submission=submission,
                user=request.user,
                method=form.cleaned_data["method"],
                account=form.cleaned_data.get("account"),
                card_number=form.cleaned_data.get("card_number", ""),
                fees_seen=form.cleaned_data.get("fees_seen", False),
                current_fees=current,
            )
        except services.PaymentError as exc:
            form.add_error(None, str(exc))
        else:
            if payment.status == PaymentStatus.DECLINED:
                # Back on the pay page with what was typed, not on a "receipt" for nothing.
                form.add_error("card_number", _declined(payment))
                return _pay_page(request, submission, form, current, declined=payment)
            messages.info(
                request,
                _("Payment %(reference)s: %(status)s.")
                % {"reference": payment.reference, "status": payment.get_status_display()},
            )
            return redirect("submissions:payment_receipt", number, payment.reference)
    return _pay_page(request, submission, form, current)


def _pay_page(request, submission, form, current, declined=None):
    context = {
        "submission": submission,
        "form": form,
        "differences": services.fees_changed(submission.fees, current),
        "payment": payment_state(submission),
        "declined": declined,
    }
    return render(request, "payments/pay.html", context)


def _declined(payment) -> str:
    reason = _(payment.message) if payment.message else _("The card was declined.")
    return " ".join([reason, _("Check the card number, or use another card.")])


def _initial(submission, accounts) -> dict:
    """The method chosen in the wizard and, if there is only one, the account."""
    only = list(accounts[:2])
    return {
        "method": payment_method_chosen(submission),
        "account": only[0].pk if len(only) == 1 else None,
    }


@login_required
def receipt(request, number, reference):
    submission = submission_get_for_user(number=number, user=request.user)
    payment = Payment.objects.filter(submission=submission, reference=reference).first()
    if payment is None:
        raise Http404(_("No such payment."))
    return render(request, "payments/receipt.html", {"submission": submission, "payment": payment})
