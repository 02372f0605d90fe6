"""The acknowledgement page (live job status by htmx polling) and the PDF downloads."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hague_portal.hague.clock import geneva_today

from .selectors import (
    fee_lines_worded,
    former_holder_until,
    submission_get_for_user,
    submission_is_settled,
    submission_jobs,
    submission_may_file,
    submission_summary,
)

DOWNLOADS = {"dm1": ("dm1_pdf", "DM1"), "acknowledgement": ("receipt_pdf", "acknowledgement")}


def _status_context(submission):
    jobs = submission_jobs(submission)
    return {"submission": submission, "jobs": jobs, "settled": submission_is_settled(jobs)}


@login_required
@require_GET
@never_cache
def detail(request, number):
    submission = submission_get_for_user(number=number, user=request.user)
    from hague_portal.correspondence.selectors import thread_messages
    from hague_portal.correspondence.services import thread_mark_read_by_applicant
    from hague_portal.examination.selectors import examination_page
    from hague_portal.notifications.selectors import notifications_of_application
    from hague_portal.payments.selectors import payment_state

    may_file = submission_may_file(user=request.user, submission=submission)
    letters = notifications_of_application(submission=submission)
    context = _status_context(submission)
    context.update(
        letters=letters,
        certificate=_certificate(letters),
        summary=submission_summary(submission),
        fee_lines=fee_lines_worded(submission),
        payment=payment_state(submission),
        may_pay=may_file,
        **examination_page(submission=submission, user=request.user, may_file=may_file),
        **_protection(submission, request.user, may_file),
        thread=thread_messages(submission=submission),
        **_changes(submission, may_file),
    )
    context["register"] = _register(context["protection"])
    until = former_holder_until(submission=submission, user=request.user)
    if until is not None:
        _up_to(context, until)
    # Seen here, the International Bureau's answers are read (the staff's list shows it).
    thread_mark_read_by_applicant(submission=submission, user=request.user)
    return render(request, "submissions/detail.html", context)


def _protection(submission, user, may_file) -> dict:
    """Once registered: each designated party's protection, and a form to pay each second
    part of a fee that is due, for those who may pay (issue 22)."""
    from hague_portal.register.selectors import protection_of, second_part_payable
    from hague_portal.register.views import pay_forms

    protection = protection_of(submission)
    if protection and may_file:
        due = [d for d in protection["designations"] if d.part and second_part_payable(d.part)]
        forms = pay_forms(user=user, parties=[d.party for d in due])
        for designation, form in zip(due, forms, strict=True):
            designation.pay_form = form
    return {"protection": protection, "today": geneva_today()}


def _changes(submission, may_file) -> dict:
    """Once registered: the changes it may request (issue 23) and those requested."""
    from hague_portal.changes.selectors import change_requests_of

    return {"change_requests": change_requests_of(submission=submission), "may_change": may_file}


def _up_to(context: dict, until) -> None:
    """The former holder after a change in ownership (issue 23): the history up to the change,
    nothing of what happened to the registration since, and nothing it may act on."""
    context["letters"] = [n for n in context["letters"] if n.created_at <= until]
    context["certificate"] = _certificate(context["letters"])
    if context.get("history") is not None:
        context["history"] = [e for e in context["history"] if e.at <= until]
    context.update(
        protection=None, register=None, change_requests=[], may_change=False, transferred_on=until
    )


def _register(protection) -> dict | None:
    """Once registered: the Register's current state, renewal and history (issue 23)."""
    from hague_portal.register.selectors import register_view

    return register_view(protection["registration"]) if protection else None


def _certificate(letters):
    """The certificate of registration: the PDF of the (last) registration notice."""
    from hague_portal.notifications.models import NotificationKind

    registered = [n for n in letters if n.kind == NotificationKind.REGISTERED and n.pdf]
    return registered[-1] if registered else None


@login_required
@require_GET
@never_cache
def status(request, number):
    """The job panel alone: polled by htmx every 2 s until every job has an outcome."""
    submission = submission_get_for_user(number=number, user=request.user)
    return render(request, "submissions/_status.html", _status_context(submission))


@login_required
@require_GET
def download(request, number, document):
    submission = submission_get_for_user(number=number, user=request.user)
    if document not in DOWNLOADS:
        raise Http404("No such document.")
    field, label = DOWNLOADS[document]
    file = getattr(submission, field)
    if not file:
        raise Http404("This document is not ready yet.")
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"{submission.number}-{label}.pdf",
        content_type="application/pdf",
    )
