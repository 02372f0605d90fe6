"""The inbox: the list, one notification, its PDF (also through the signed e-mail link), mark all
read, and the e-mail preference. Function views: authorize, bind a form, call one function."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .forms import InboxFilterForm, PreferenceForm
from .links import LinkExpired, link_read
from .models import NotificationKind
from .selectors import (
    inbox_for_user,
    notification_of_application,
    preference_for,
    recipient_get_for_user,
)
from .services import (
    link_days,
    notification_mark_read,
    notifications_mark_all_read,
    pdf_filename,
    preference_update,
)

PAGE_SIZE = 50


@login_required
@require_GET
@never_cache
def inbox(request):
    form = InboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = inbox_for_user(
        user=request.user,
        unread_only=filters.get("unread", False),
        application=filters.get("application", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = bool(filters.get("unread") or filters.get("application"))
    return render(
        request, "notifications/inbox.html", {"form": form, "page": page, "filtered": filtered}
    )


@login_required
@require_GET
@never_cache
def detail(request, pk):
    recipient = recipient_get_for_user(user=request.user, notification_id=pk)
    notification_mark_read(recipient=recipient)
    notification = recipient.notification
    return render(
        request,
        "notifications/detail.html",
        {
            "notification": notification,
            "submission": notification.submission,
            "is_invitation": notification.kind
            in (NotificationKind.INVITATION, NotificationKind.CHANGE_INVITATION),
        },
    )


@login_required
@require_GET
@never_cache
def pdf(request, pk):
    return _pdf_response(recipient_get_for_user(user=request.user, notification_id=pk))


@login_required
@require_GET
@never_cache
def link(request, token):
    """The signed link of an e-mail: its own recipient only (another account: 404, as for a
    tampered token); expired: a page saying so, with the way to the inbox entry."""
    try:
        target = link_read(token)
    except LinkExpired as expired:
        recipient = _recipient_of(request, expired.target)
        context = {"notification": recipient.notification}
        return render(request, "notifications/link_expired.html", context, status=410)
    except signing.BadSignature:
        raise Http404("No such notification.") from None
    return _pdf_response(_recipient_of(request, target))


def _recipient_of(request, target):
    if target.user_id != request.user.pk:
        raise Http404("No such notification.")
    return recipient_get_for_user(user=request.user, notification_id=target.notification_id)


def _pdf_response(recipient):
    notification_mark_read(recipient=recipient)
    return _pdf_file(recipient.notification)


def _pdf_file(notification):
    if not notification.pdf:
        raise Http404("This notification has no PDF.")
    return FileResponse(
        notification.pdf.open("rb"),
        as_attachment=True,
        filename=pdf_filename(notification),
        content_type="application/pdf",
    )


# --- the application's letters (its page lists them for whoever may see the application) -------


@login_required
@require_GET
@never_cache
def application_letter(request, number, pk):
    """A letter or notice the International Bureau sent about the application, for anyone who
    may see the application (404 otherwise), after registration or abandonment too."""
    from hague_portal.submissions.selectors import submission_get_for_user

    submission = submission_get_for_user(number=number, user=request.user)
    notification = notification_of_application(submission=submission, notification_id=pk)
    context = {"notification": notification, "submission": submission}
    return render(request, "notifications/application_letter.html", context)


@login_required
@require_GET
@never_cache
def application_letter_pdf(request, number, pk):
    from hague_portal.submissions.selectors import submission_get_for_user

    submission = submission_get_for_user(number=number, user=request.user)
    return _pdf_file(notification_of_application(submission=submission, notification_id=pk))


@login_required
@require_POST
def read_all(request):
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing was unread."))
    return redirect("inbox:list")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def preferences(request):
    data = request.POST if request.method == "POST" else None  # unticked: an empty POST
    form = PreferenceForm(data, instance=preference_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        preference_update(
            user=request.user, email_attachments=form.cleaned_data["email_attachments"]
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("inbox:settings")
    context = {"form": form, "link_days": link_days()}
    return render(request, "notifications/settings.html", context)
