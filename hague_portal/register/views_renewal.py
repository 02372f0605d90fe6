"""Renewal pages (issue 23; Article 17, Rules 23-25): the holder's, from the application's
page, and the public one, by registration number, where anyone may pay a renewal (as WIPO's
E-Renewal). Healthchecks-style: authorize, bind, call `renewal_quote`/`renewal_pay`, redirect.

The fees follow the choice of parties and designs: htmx swaps the quote in as they change,
and without JavaScript the "Recalculate" button posts the same form. The total shown is sent
back (`seen_total`): if the fees changed since, nothing is charged and the new ones are shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hague_portal.hague import renewal as rules
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.models import PaymentMethod
from hague_portal.payments.selectors import current_accounts_for
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.selectors import submission_get_for_user, submission_may_file

from .forms_renewal import RenewalForm, RenewalLookupForm
from .models import Renewal
from .selectors import registration_of, registrations_published
from .services.common import RegisterError
from .services.renewals import renewal_offers, renewal_pay, renewal_quote, renewal_window

RECEIPT_SALT = "register.renewal.receipt"
RECEIPT_MAX_AGE = 7 * 24 * 3600  # the confirmation link works for a week


# --- the holder's page --------------------------------------------------------------------------


@login_required
def renewal(request, number):
    submission = submission_get_for_user(number=number, user=request.user)  # 404 for others
    # As every payment of the application: seeing it is not leave to pay for it (issue 8).
    if not submission_may_file(user=request.user, submission=submission):
        raise PermissionDenied(_("Only those who may file for this application may renew it."))
    registration = registration_of(submission)
    if registration is None:
        raise Http404(_("This application is not registered."))
    accounts = list(current_accounts_for(user=request.user).order_by("number"))
    page = _page(request, registration, accounts=accounts, user=request.user, payer=False)
    if page.renewal is not None:
        messages.success(request, _paid_message(page.renewal))
        return redirect(reverse("submissions:detail", args=[number]) + "#protection")
    context = {"submission": submission, **page.context}
    return render(request, "register/renewal.html", context)


# --- the public page ----------------------------------------------------------------------------


def renewal_public(request):
    """Anyone, with or without an account: the registration by its number (published ones
    only: an unpublished one is not found, as a number that does not exist)."""
    number = request.POST.get("number") or request.GET.get("number")
    lookup = RenewalLookupForm({"number": number} if number else None)
    registration = None
    if lookup.is_valid():
        registration = (
            registrations_published()
            .select_related("examination__submission")
            .filter(number=lookup.cleaned_data["number"])
            .first()
        )
        if registration is None:
            lookup.add_error(
                "number", _("No published international registration has this number.")
            )
    context = {"lookup": lookup, "registration": registration}
    if registration is not None:
        user = request.user if request.user.is_authenticated else None
        accounts = list(current_accounts_for(user=user).order_by("number")) if user else []
        page = _page(request, registration, accounts=accounts, user=user, payer=True)
        if page.renewal is not None:
            _receipt_email(page.renewal)
            token = signing.dumps(page.renewal.pk, salt=RECEIPT_SALT)
            return redirect("renewal_public_paid", token=token)
        context.update(page.context)
    return render(request, "register/renewal_public.html", context)


def renewal_public_paid(request, token):
    """The confirmation, for whoever holds the signed link the payment redirected to."""
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404(_("This confirmation link is not valid or has expired.")) from None
    renewal = Renewal.objects.select_related("registration", "payment").filter(pk=pk).first()
    if renewal is None:
        raise Http404(_("This confirmation link is not valid or has expired."))
    return render(request, "register/renewal_paid.html", {"renewal": renewal})


# --- shared ---------------------------------------------------------------------------------------


class _Page:
    def __init__(self, context: dict, renewal: Renewal | None = None):
        self.context, self.renewal = context, renewal


def _page(request, registration, *, accounts, user, payer: bool) -> _Page:
    """The renewal form and its quote for `registration`; `renewal` set once paid."""
    today = geneva_today()
    window = renewal_window(registration, today)
    dates = rules.renewal_dates(reference_data(), registration.registration_date, registration.term)
    context = {"registration": registration, "window": window, "dates": dates,
               "opens": rules.add_months(dates.expiry, -rules.REMINDER_MONTHS)}  # fmt: skip
    if window not in ("open", "grace"):
        return _Page(context)
    offers = renewal_offers(registration, today)
    designs = sorted({n for o in offers for n in o.designs})
    data = request.POST if request.method == "POST" else None
    form = RenewalForm(data, parties=[o.party for o in offers], designs=designs,
                       accounts=accounts, payer=payer)  # fmt: skip
    parties_chosen, designs_chosen = form.chosen()
    quote, refused = _quote(registration, parties_chosen, designs_chosen, today)
    if refused is not None and form.is_bound:
        form.is_valid()  # add_error needs the form cleaned
        _errors_to(form, refused, method=None)
    elif refused is not None:  # nothing can be renewed as it stands (every party refused...)
        context["refused"] = [t for texts in refused.message_dict.values() for t in texts]
    if not form.is_bound and quote is not None:
        form.initial.update(parties=quote.parties, designs=[str(n) for n in quote.designs])
    context.update(form=form, quote=quote, offers=offers, design_numbers=designs,
                   chosen_parties=_ticked(form, "parties"), chosen_designs=_ticked(form, "designs"))  # fmt: skip
    if data is not None and data.get("action") == "pay" and quote is not None:
        renewal = _pay(form, registration, user, parties_chosen, designs_chosen)
        if renewal is not None:
            return _Page(context, renewal)
    return _Page(context)


def _ticked(form, name) -> set[str]:
    values = form.data.getlist(name) if form.is_bound else form.initial.get(name) or []
    return {str(v) for v in values}


def _quote(registration, parties, designs, today):
    """The quote of the choice, or why it cannot be (no fees are shown then)."""
    try:
        quote = renewal_quote(
            registration=registration, parties=parties, designs=designs, today=today
        )
    except RegisterError as error:
        return None, error
    return quote, None


def _pay(form, registration, user, parties, designs) -> Renewal | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data.get("seen_total") is None:
        form.add_error(None, _("The fees shown were not sent back: check them and pay again."))
        return None
    try:
        return renewal_pay(
            registration=registration,
            user=user,
            method=data["method"],
            parties=parties,
            designs=designs,
            seen_total=data["seen_total"],
            account=data.get("account"),
            card_number=data.get("card_number", "").replace(" ", ""),
            payer_name=data.get("payer_name", "").strip(),
            payer_email=data.get("payer_email", ""),
        )
    except RegisterError as error:
        _errors_to(form, error, method=data["method"])
        return None


def _errors_to(form, error: RegisterError, *, method) -> None:
    """The service's refusal at the form's fields (parties, designs, the payment); a refusal
    of the payment is at the card number or the account, and nothing was charged."""
    for field, texts in error.message_dict.items():
        for text in texts:
            if field == "method" and method == PaymentMethod.CARD:
                field_name = "card_number"
                text = " ".join([_(text), _("Nothing was charged: check the number, or use another card.")])  # fmt: skip
            elif field == "method" and method == PaymentMethod.CURRENT_ACCOUNT:
                field_name = "account"
            else:  # a hidden field's error (the total shown) is the whole form's
                shown = field in form.fields and not form.fields[field].widget.is_hidden
                field_name = field if shown else None
            form.add_error(field_name, text)


def _paid_message(renewal: Renewal) -> str:
    from hague_portal.examination.services.common import long_date

    return _(
        "International registration %(number)s is renewed: it now expires on %(date)s for "
        "%(parties)s."
    ) % {
        "number": renewal.registration.number,
        "date": long_date(renewal.new_expiry),
        "parties": ", ".join(renewal.parties),
    }


def _receipt_email(renewal: Renewal) -> None:
    """The payer's receipt, in the language of the page it paid on."""
    from hague_portal.mail.services import email_send_after_commit

    if not renewal.payer_email:
        return
    email_send_after_commit(
        name="renewal_receipt",
        to=renewal.payer_email,
        key=f"renewal-receipt:{renewal.pk}",
        context={"renewal": renewal, "registration": renewal.registration,
                 "payment": renewal.payment, "language": get_language()},
    )  # fmt: skip
