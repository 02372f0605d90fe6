"""Paying the fees of a submission, and payment receipts (healthchecks-style function views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from hague_portal.submissions.selectors import submission_get_for_user

from . import services
from .forms import PaymentForm
from .models import Payment
from .selectors import current_accounts_for, payment_state


@login_required
def pay(request, number):
    submission = submission_get_for_user(number=number, user=request.user)
    current = services.fees_current(submission)
    differences = services.fees_changed(submission.fees, current)
    form = PaymentForm(request.POST or None, accounts=current_accounts_for(user=request.user))
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
            messages.info(request, f"Payment {payment.reference}: {payment.get_status_display()}.")
            return redirect("submissions:payment_receipt", number, payment.reference)
    context = {
        "submission": submission,
        "form": form,
        "differences": differences,
        "payment": payment_state(submission),
    }
    return render(request, "payments/pay.html", context)


@login_required
def receipt(request, number, reference):
    submission = submission_get_for_user(number=number, user=request.user)
    payment = Payment.objects.filter(submission=submission, reference=reference).first()
    if payment is None:
        raise Http404("No such payment.")
    return render(request, "payments/receipt.html", {"submission": submission, "payment": payment})
