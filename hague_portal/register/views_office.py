"""The pages of the Office of a designated Contracting Party (issue 22): its registrations, one
registration, its reproductions, and the notifications it sends (Rules 18, 18bis, 12(3);
Article 12(4)). Every URL that names a registration reads it through
`designation_for_office`: a 404 for anyone but a user of a designated party's Office, and
before publication (what is unpublished is confidential, reproductions above all)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hague_portal.hague.clock import geneva_today

from . import forms_office as forms
from .actions import GRANT, REFUSAL, SECOND_PART, WITHDRAWAL, decision_make
from .models import Designation, DesignationStatus
from .selectors import designation_for_office
from .selectors_office import (
    office_designations,
    office_page,
    party_has_two_part_fee,
    registration_designs,
    reproduction_of,
)
from .services import RegisterError
from .services.second_parts import second_part_default_time_limit

# action in the URL: (form, title, what the Office is told once it is recorded)
ACTIONS = {
    REFUSAL: (
        forms.RefusalForm,
        gettext_lazy("Notify a refusal"),
        gettext_lazy("The refusal is recorded; the holder is told (Rule 18)."),
    ),
    WITHDRAWAL: (
        forms.WithdrawalForm,
        gettext_lazy("Withdraw a refusal"),
        gettext_lazy("The withdrawal of the refusal is recorded (Article 12(4))."),
    ),
    GRANT: (
        forms.GrantForm,
        gettext_lazy("Statement of grant of protection"),
        gettext_lazy("The statement of grant of protection is recorded (Rule 18bis)."),
    ),
    SECOND_PART: (
        forms.SecondPartForm,
        gettext_lazy("Second part of the individual fee due"),
        gettext_lazy("The holder is invited to pay the second part of the fee (Rule 12(3)(c))."),
    ),
}


def _office_of(request):
    if request.user.office_id is None:
        raise Http404("Not an Office user.")
    return request.user.office


def _designation(request, number) -> Designation:
    try:
        return designation_for_office(user=request.user, number=number)
    except Designation.DoesNotExist:
        raise Http404("No published registration designates your party with this number.") from None


class _Pager:
    """A Paginator page as _pager.html reads it (number, pages, has_next)."""

    def __init__(self, page):
        self.number, self.pages = page.number, page.paginator.num_pages
        self.has_next = page.has_next()


@login_required
@require_GET
@never_cache
def registrations(request):
    office = _office_of(request)
    status = request.GET.get("status", "")
    status = status if status in DesignationStatus.values else ""
    q = request.GET.get("q", "")[:100]
    rows = office_designations(user=request.user, status=status, q=q)
    page = office_page(rows, request.GET.get("page"))
    query = urlencode({k: v for k, v in (("status", status), ("q", q)) if v})
    context = {
        "office": office,
        "designations": page,
        "page": _Pager(page),
        "total": page.paginator.count,
        "page_link": f"?{query}&page=" if query else "?page=",
        "status": status,
        "q": q,
        "statuses": DesignationStatus.choices,
        "today": geneva_today(),
    }
    return render(request, "register/office/list.html", context)


def _page_context(request, designation) -> dict:
    registration = designation.registration
    return {
        "office": request.user.office,
        "designation": designation,
        "registration": registration,
        "designs": registration_designs(registration),
        "decisions": list(designation.decisions.order_by("received_at", "id")),
        "two_parts": party_has_two_part_fee(designation),
        "second_part": getattr(designation, "second_part", None),
        "parties": list(registration.designations.values_list("party", flat=True)),
        "today": geneva_today(),
    }


@login_required
@require_GET
@never_cache
def registration(request, number):
    designation = _designation(request, number)
    return render(request, "register/office/registration.html", _page_context(request, designation))


@login_required
@require_GET
def reproduction(request, number, sha256):
    """A reproduction (or with ?thumbnail=1 its thumbnail) of a published registration that
    designates the Office's party; never an annex nor anything of an unpublished one."""
    from hague_portal.examination.admin_page import file_response

    designation = _designation(request, number)
    if not reproduction_of(designation.registration, sha256):
        raise Http404("No such reproduction.")
    return file_response(request, designation.registration.examination, sha256)


@login_required
@never_cache
def decide(request, number, action):
    designation = _designation(request, number)
    if action not in ACTIONS or (action == SECOND_PART and not party_has_two_part_fee(designation)):
        raise Http404("No such notification.")
    form_class, title, done = ACTIONS[action]
    designs = registration_designs(designation.registration)
    initial = {"time_limit": second_part_default_time_limit(geneva_today())}
    form = form_class(request.POST or None, designs=designs, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _recorded(form, action, designation, request)
    ):
        messages.success(request, done)
        return redirect("office:registration", number=designation.registration.number)
    context = {**_page_context(request, designation), "form": form, "title": title}
    context["action"] = action
    return render(request, "register/office/decide.html", context)


def _recorded(form, action, designation, request) -> bool:
    """The notification recorded, or the service's reasons at their fields (nothing changed)."""
    data = {**form.cleaned_data, "designs": form.designs_concerned()}
    try:
        decision_make(action=action, designation=designation, by=request.user, data=data)
    except RegisterError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True
