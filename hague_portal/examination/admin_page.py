"""The examination page of the admin: the application read back in words (items 1-19, annexes,
reproductions), what the checks found, fees, invitations, responses, the audit trail, and one
form per step of the loop; each form calls ONE service and comes back here."""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hague_portal.events.models import Event
from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA, geneva_today
from hague_portal.hague.periods import period_end
from hague_portal.lib.numbers import amount_text
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import IRREGULARITY_OPEN, IrregularityStatus

from . import admin_forms as f
from . import services
from .models import CLOSED_STATUSES, Examination, ExaminationStatus, Response
from .selectors import worded
from .services.common import long_date

I = IrregularityStatus  # noqa: E741
CLOSED = CLOSED_STATUSES
THUMBNAIL_PX = 240


# --- the application in words -----------------------------------------------------------------


@dataclass
class Section:
    title: str
    items: str
    lines: list[str] = field(default_factory=list)


def application_sections(document: dict, filed_on) -> list[Section]:
    """Every applicable step of the wizard, in DM/1 order, read back as the review step reads
    it (names, not codes). Reproductions are shown as thumbnails, not as lines."""
    from hague_portal.filings.review import _Words  # the wizard's reader: one way of saying it
    from hague_portal.filings.steps import STEPS

    ref = reference_data()
    words = _Words(ref)
    sections = []
    for step in STEPS:
        if step.key == "reproductions" or not step.is_applicable(document, ref, filed_on):
            continue
        numbers = [item for item in step.items if str(item).isdigit()]
        label = (
            ngettext("item %(items)s", "items %(items)s", len(numbers))
            % {"items": ", ".join(numbers)}
            if numbers
            else ""
        )
        section = Section(step.title, label)
        for key in step.owns:
            section.lines += words.lines(key, document.get(key))
        sections.append(section)
    return sections


def designs_with_views(examination, document: dict) -> list[dict]:
    """Each design with its product and its views, each view with the staff URL of its file."""
    out = []
    for design in document.get("designs") or []:
        views = [
            {
                "number": view.get("number") or f"{design.get('number')}.{i}",
                "legend": view.get("legend_text") or view.get("legend_code") or "",
                "url": file_url(examination, view.get("sha256")) if view.get("sha256") else "",
            }
            for i, view in enumerate(design.get("reproductions") or [], start=1)
        ]
        out.append({**design, "views": views})
    return out


def file_url(examination, sha256: str, *, thumbnail: bool = True) -> str:
    url = reverse("admin:examination_examination_file", args=[examination.pk, sha256])
    return f"{url}?thumbnail=1" if thumbnail else url


# --- the page ---------------------------------------------------------------------------------


def page_context(request, examination: Examination, **bound) -> dict:
    submission = examination.submission
    user = request.user
    document = services.document_now(examination)
    filed_on = submission.received_at.astimezone(GENEVA).date()
    rows = list(submission.irregularities.select_related("invitation").order_by("id"))
    responses = list(
        Response.objects.filter(invitation__examination=examination)
        .select_related("invitation", "submitted_by")
        .order_by("revision")
    )
    answered = [row for row in rows if row.status in (I.ANSWERED, I.INVITED)]
    examine = user.has_perm("examination.examine") and examination.status not in CLOSED
    return {
        "examination": examination,
        "submission": submission,
        "document": document,
        "filed_on": filed_on,
        "sections": application_sections(document, filed_on),
        "designs": designs_with_views(examination, document),
        "attachments": _attachments(examination, submission.files),
        "findings": (submission.findings or {}).get("findings") or [],
        "payment": _payment(submission),
        "irregularities": [_irregularity(row) for row in rows],
        "awaiting_review": [row for row in rows if row.status == I.AWAITING_REVIEW],
        "raised": [row for row in rows if row.status == I.CONFIRMED],
        "answered": answered,
        "invitations": list(examination.invitations.select_related("sent_by")),
        "responses": [_response(examination, r) for r in responses],
        "events": _events(submission),
        "may_examine": examine,
        "may_assign_self": user.has_perm("examination.assign_self")
        and examination.examiner_id != user.pk,
        "may_reassign": user.has_perm("examination.reassign"),
        "register": _register_preview(examination, user, rows, document, filed_on),
        "invitation_preview": _invitation_preview(rows),
        "raise_form": bound.get("raise_form") or _raise_form(examination, document),
        "confirm_forms": [
            (row, f.ConfirmForm(initial={"irregularity": row.pk, "category": kind_guess(row)}))
            for row in rows
            if row.status == I.AWAITING_REVIEW
        ],
        "invite_form": bound.get("invite_form") or f.InviteForm(),
        "accept_form": bound.get("accept_form") or f.AcceptForm(irregularities=answered),
        "reassign_form": bound.get("reassign_form")
        or f.ReassignForm(initial={"examiner": examination.examiner_id}),
        "kinds": rule14.KINDS,
    }


def _raise_form(examination, document, data=None) -> f.RaiseForm:
    from hague_portal.reference.models import Party

    names = {party.code: party.display_name for party in Party.objects.all()}
    parties = [(c, f"{names.get(c, c)} ({c})") for c in document.get("designations") or []]
    designs = [d.get("number") for d in document.get("designs") or [] if d.get("number")]
    from hague_portal.submissions.selectors import application_language

    return f.RaiseForm(
        data,
        designs=designs,
        parties=parties,
        prefix="raise",
        template_language=application_language(examination.submission),
    )


def kind_guess(row) -> str:
    """The kind a check finding most likely is: fee findings are fees; a Locarno finding of
    item 8 is a Locarno one, an annex's a document; else the first kind of the item."""
    if row.kind == row.Kind.FEE:
        return "fees"
    if row.item == "8" and "locarno" in row.code:
        return "locarno_unity"
    if row.item.startswith("annex_"):
        return "document"
    by_item = {}
    for kind in rule14.KINDS:
        by_item.setdefault(kind.item, kind.code)
    return by_item.get(row.item, "other") if row.item else "other"


def _irregularity(row) -> dict:
    kind = rule14.kind_of(row.category) if row.category else None
    return {
        "row": row,
        "label": kind.label if kind else _("Check finding %(code)s") % {"code": row.code},
        "parties": ", ".join((row.details or {}).get("parties") or []),
        "designs": ", ".join(str(d) for d in (row.details or {}).get("designs") or []),
    }


def _events(submission) -> list[dict]:
    """The whole audit trail, each event worded in the examiner's language (`text`; the
    English record stays in the database), before/after said as "key: value"."""
    rows = Event.objects.filter(submission=submission).select_related("actor", "submission")
    return [
        {"event": e, "text": e.text, "before": _pairs(e.before), "after": _pairs(e.after)}
        for e in worded(rows.order_by("at", "id"))
    ]


def _pairs(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key.replace('_', ' ')}: {_said(v)}" for key, v in value.items())
    return "" if value is None else _said(value)


def _said(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or _("none")
    return _("none") if value is None else str(value)


def _attachments(examination, files) -> list[dict]:
    return [
        {**entry, "url": file_url(examination, entry["sha256"], thumbnail=False)}
        for entry in files
        if entry.get("role") == "attachment"
    ]


def _payment(submission) -> dict:
    from hague_portal.payments.selectors import payment_state

    return payment_state(submission)


def _response(examination, response) -> dict:
    findings = (response.findings or {}).get("findings") or []
    files = [
        {
            **entry,
            "url": file_url(examination, entry["sha256"], thumbnail=False),
            "thumbnail": file_url(examination, entry["sha256"])
            if entry.get("role") == "reproduction"
            else "",
        }
        for entry in response.files or []
    ]
    return {"response": response, "findings": findings, "files": files}


def _invitation_preview(rows) -> dict:
    raised = [row for row in rows if row.status == I.CONFIRMED]
    answered = [row for row in rows if row.status == I.ANSWERED]
    today = geneva_today()
    limit = rule14.response_time_limit(reference_data(), today)
    three_months = period_end(today, months=rule14.RESPONSE_MONTHS)
    return {
        "raised": raised,
        "again": raised + answered,
        "time_limit": limit,
        "closed_on": three_months if limit > three_months else None,
        "date": today,
    }


def _register_preview(examination, user, rows, document, filed_on) -> dict:
    from hague_portal.payments.selectors import amount_paid

    reasons = []
    if examination.status == ExaminationStatus.RECEIVED:
        reasons.append(_("The formality checks have not run yet."))
    waiting = [r for r in rows if r.status in (*IRREGULARITY_OPEN, I.AWAITING_REVIEW)]
    if waiting:
        reasons.append(
            ngettext(
                "%(count)d irregularity still open or awaiting review.",
                "%(count)d irregularities still open or awaiting review.",
                len(waiting),
            )
            % {"count": len(waiting)}
        )
    due = examination.fees_expected - amount_paid(examination.submission)
    if due > 0:
        reasons.append(_("%(amount)s CHF of fees is still due.") % {"amount": amount_text(due)})
    registration = rule14.registration_date(filed_on, examination.date_postponed_to)
    return {
        "allowed": not reasons and examination.status not in CLOSED,
        "may": user.has_perm("examination.register"),
        "reasons": reasons,
        "registration_date": registration,
        "publication_date": rule14.publication_date(
            registration, filed_on, document.get("publication") or {}
        ),
    }


def page_render(request, admin, examination, **bound) -> TemplateResponse:
    context = {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": _("Application %(number)s") % {"number": examination.submission.number},
        "subtitle": examination.get_status_display(),
        "has_view_permission": True,
        **page_context(request, examination, **bound),
    }
    request.current_app = admin.admin_site.name
    return TemplateResponse(request, "admin/examination/examination/page.html", context)


# --- the forms' actions -----------------------------------------------------------------------


def act(request, admin, examination, action: str):
    """POST one form: call its service, say what happened, come back to the page."""
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("No such action.")
    try:
        outcome = handler(request, examination)
    except services.ExaminationError as exc:
        messages.error(request, str(exc))
        outcome = None
    if isinstance(outcome, dict):  # bad input: the page again, the typed text kept
        return page_render(request, admin, _reload(examination), **outcome)
    if isinstance(outcome, str):
        messages.success(request, outcome)
    return redirect("admin:examination_examination_change", examination.pk)


def _reload(examination) -> Examination:
    return Examination.objects.select_related("submission", "examiner").get(pk=examination.pk)


def _raise(request, examination):
    document = services.document_now(examination)
    form = _raise_form(examination, document, request.POST)
    if not form.is_valid():
        return {"raise_form": form}
    data = form.cleaned_data
    try:
        row = services.irregularity_raise(
            examination=examination,
            by=request.user,
            category=data["category"],
            message=data["message"],
            item=data["item"],
            designs=data["designs"],
            parties=data["parties"],
            amount=data["amount"],
        )
    except services.ExaminationError as exc:
        form.add_error(None, str(exc))
        return {"raise_form": form}
    return _("Raised: %(kind)s. It goes into the next invitation.") % {
        "kind": rule14.kind_of(row.category).label
    }


def _irregularity_of(examination, form):
    if not form.is_valid():
        raise services.ExaminationError(_("Choose an irregularity of this application."))
    row = examination.submission.irregularities.filter(pk=form.cleaned_data["irregularity"])
    if not row.exists():
        raise Http404("No such irregularity.")
    return row.get()


def _confirm(request, examination):
    form = f.ConfirmForm(request.POST)
    row = _irregularity_of(examination, f.IrregularityForm(request.POST))
    if not form.is_valid():
        raise services.ExaminationError(_("Choose the kind of irregularity to confirm it as."))
    services.irregularity_confirm(
        irregularity=row,
        by=request.user,
        category=form.cleaned_data["category"],
        message=form.cleaned_data["message"],
    )
    return _("Confirmed as %(kind)s.") % {
        "kind": rule14.kind_of(form.cleaned_data["category"]).label
    }


def _dismiss(request, examination):
    row = _irregularity_of(examination, f.IrregularityForm(request.POST))
    services.irregularity_dismiss(irregularity=row, by=request.user)
    return _("Dismissed: it will not be sent to the applicant.")


def _invite(request, examination, again=False):
    form = f.InviteForm(request.POST)
    form.is_valid()
    send = services.invitation_again if again else services.invitation_send
    invitation = send(examination=examination, by=request.user, note=form.cleaned_data["note"])
    return _("Invitation %(sequence)s sent; the time limit is %(date)s.") % {
        "sequence": invitation.sequence,
        "date": long_date(invitation.time_limit),
    }


def _accept(request, examination):
    answered = examination.submission.irregularities.filter(status__in=(I.ANSWERED, I.INVITED))
    form = f.AcceptForm(request.POST, irregularities=list(answered))
    if not form.is_valid():
        return {"accept_form": form}
    count = services.irregularities_accept(
        examination=examination,
        by=request.user,
        irregularity_ids=form.cleaned_data["irregularities"],
    )
    return ngettext(
        "%(count)d irregularity accepted as remedied.",
        "%(count)d irregularities accepted as remedied.",
        count,
    ) % {"count": count}


def _register(request, examination):
    done = services.examination_register(examination=examination, by=request.user)
    return _("Registered as %(registration)s.") % {"registration": done.registration_number}


def _assign_me(request, examination):
    services.examination_assign(examination=examination, examiner=request.user, by=request.user)
    return _("The application is yours.")


def _reassign(request, examination):
    if not request.user.has_perm("examination.reassign"):
        raise PermissionDenied
    form = f.ReassignForm(request.POST)
    if not form.is_valid():
        return {"reassign_form": form}
    examiner = form.cleaned_data["examiner"]
    services.examination_assign(examination=examination, examiner=examiner, by=request.user)
    if examiner:
        return _("Assigned to %(user)s.") % {"user": examiner}
    return _("Back in the queue, unassigned.")


ACTIONS = {
    "raise": _raise,
    "confirm": _confirm,
    "dismiss": _dismiss,
    "invite": _invite,
    "invite-again": lambda request, examination: _invite(request, examination, again=True),
    "accept": _accept,
    "register": _register,
    "assign-me": _assign_me,
    "reassign": _reassign,
}


# --- files, for staff -------------------------------------------------------------------------


def file_response(request, examination, sha256: str):
    """A file of the application or of a response (by its SHA-256), or its thumbnail."""
    entry = _file_entry(examination, sha256)
    if entry is None:
        raise Http404("No such file.")
    if request.GET.get("thumbnail") and entry.get("role") == "reproduction":
        return _thumbnail(entry)
    try:
        handle = default_storage.open(entry["path"], "rb")
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    content_type = mimetypes.guess_type(entry["path"])[0] or "application/octet-stream"
    name = entry.get("original_name") or entry["path"].rsplit("/", 1)[-1]
    response = FileResponse(handle, content_type=content_type, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file_entry(examination, sha256: str) -> dict | None:
    entries = list(examination.submission.files)
    for files in Response.objects.filter(invitation__examination=examination).values_list(
        "files", flat=True
    ):
        entries += files or []
    return next((e for e in entries if e.get("sha256") == sha256 and e.get("path")), None)


def _thumbnail(entry) -> HttpResponse:
    """The wizard's stored thumbnail when the file came from a draft, else one made now."""
    from PIL import Image

    from hague_portal.filings.models import Reproduction

    stored = Reproduction.objects.filter(sha256=entry["sha256"]).exclude(thumbnail="").first()
    if stored is not None and default_storage.exists(stored.thumbnail.name):
        data = stored.thumbnail.read()
    else:
        try:
            with default_storage.open(entry["path"], "rb") as handle, Image.open(handle) as image:
                image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=85)
                data = out.getvalue()
        except (FileNotFoundError, OSError) as exc:
            raise Http404("No such file.") from exc
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def letter_response(examination, sequence: int):
    invitation = examination.invitations.filter(sequence=sequence).first()
    if invitation is None or not invitation.letter_pdf:
        raise Http404("No such letter.")
    return FileResponse(
        invitation.letter_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{examination.submission.number}-invitation-{sequence}.pdf",
    )
