"""The Register extract's downloads (issue 23): for those who may see the application, from
its page, and for anyone once the registration is published, from its Bulletin page; 404 for
everyone else (before publication nothing of a registration is public: Rule 17)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hague_portal.submissions.selectors import former_holder_until, submission_get_for_user

from .extract import register_extract, register_extract_filename
from .models import Registration
from .selectors import registration_of, registrations_published

# The extract states the Register on the day: a public copy may be reused for a while, not for
# days (a renewal or a change recorded since would be missing from it).
PUBLIC_CACHE = "public, max-age=300"


def _pdf(registration: Registration) -> HttpResponse:
    response = HttpResponse(register_extract(registration=registration), "application/pdf")
    filename = register_extract_filename(registration)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
@never_cache
def extract_for_application(request, number):
    submission = submission_get_for_user(number=number, user=request.user)
    registration = registration_of(submission)
    if registration is None:
        raise Http404("Not registered.")
    if former_holder_until(submission=submission, user=request.user) is not None:
        # A former holder reads the history up to the change in ownership, not the Register's
        # state since (the public extract, once published, is everyone's).
        raise Http404("Transferred to another holder.")
    return _pdf(registration)


@require_GET
def extract_public(request, ref: str):
    number = ref.replace("-", "/", 1)
    registration = registrations_published().filter(number=number).first()
    if registration is None:
        raise Http404("No such published registration.")
    response = _pdf(registration)
    response["Cache-Control"] = PUBLIC_CACHE
    return response
