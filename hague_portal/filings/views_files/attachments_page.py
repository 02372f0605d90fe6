"""The Documents step: Annexes I to V and the power of attorney, uploaded as PDFs with the
details each kind asks for."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hague_portal.hague.clock import geneva_today
from hague_portal.reference.selectors import reference_data

from .. import uploads
from ..annexes import ANNEX_KINDS, annex_help
from ..images import format_megabytes
from ..models import Attachment
from ..selectors import draft_get_for_user
from .common import _can_edit, _document_designs, _frame, _message, _setting

# Which details each kind of document asks for (the rest of the form is hidden for that kind).
ATTACHMENT_FIELDS = {
    Attachment.Kind.ANNEX_I: ("creator", "declaration_kind", "signatory"),
    Attachment.Kind.ANNEX_II: ("designs", "parties"),
    Attachment.Kind.ANNEX_III: ("designs",),
    Attachment.Kind.ANNEX_IV: ("signatory",),
    Attachment.Kind.ANNEX_V: ("priority",),
    Attachment.Kind.POWER_OF_ATTORNEY: (),
}
POWER_OF_ATTORNEY_HELP = _("Appointment of the representative (item 5).")


def _attachment_help(draft) -> dict[str, str]:
    # An annex names only the designated parties it is for (Guide, Annexes I-V).
    designations = (draft.document or {}).get("designations") or ()
    by_annex = annex_help(reference_data(), geneva_today(), designations)
    help_texts = {ANNEX_KINDS[annex]: text for annex, text in by_annex.items()}
    return {**help_texts, Attachment.Kind.POWER_OF_ATTORNEY: POWER_OF_ATTORNEY_HELP}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    creator = forms.CharField(label=_("Creator"), max_length=200, required=False)
    declaration_kind = forms.ChoiceField(
        label=_("Document"),
        choices=list(uploads.ANNEX_I_KINDS.items()),
        widget=forms.RadioSelect,
        required=False,
    )
    signatory = forms.CharField(
        label=_("Signature"),
        max_length=200,
        required=False,
        help_text=_("Your name between slashes, e.g. /Jane Doe/."),
    )
    designs = forms.MultipleChoiceField(
        label=_("Designs concerned"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every design."),
    )
    parties = forms.CharField(
        label=_("Contracting Parties"), required=False, help_text=_("Codes, e.g. CN, JP, KR.")
    )
    priority = forms.ChoiceField(label=_("Priority claim supported"), required=False)

    def __init__(self, *args, draft, kind, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        for name in list(self.fields):
            if name != "file" and name not in ATTACHMENT_FIELDS[kind]:
                del self.fields[name]
        if "designs" in self.fields:
            self.fields["designs"].choices = [
                (
                    d["number"],
                    gettext("Design %(number)s: %(product)s")
                    % {
                        "number": d["number"],
                        "product": d["product"] or gettext("(no product yet)"),
                    },
                )
                for d in _document_designs(draft)
            ]
        if "priority" in self.fields:
            self.fields["priority"].choices = [("", gettext("Choose…")), *_priority_choices(draft)]
        if "parties" in self.fields:
            self.fields["parties"].help_text = _annex_ii_parties_help(draft)

    def details(self) -> dict:
        data = self.cleaned_data
        details = {k: v for k, v in data.items() if k not in ("file", "declaration_kind")}
        if "declaration_kind" in data:
            details["kind"] = data["declaration_kind"]
        if "parties" in data:
            details["parties"] = [p for p in data["parties"].replace(",", " ").split() if p]
        return details


def _annex_ii_parties_help(draft) -> str:
    # Annex II (item 15): only the designated parties that allow the exception are offered.
    ref, on = reference_data(), geneva_today()
    designations = (draft.document or {}).get("designations") or ()
    codes = [p for p in designations if ref.declaration(p, "novelty_exception", on)]
    if not codes:
        return gettext("None of the designated parties takes Annex II.")
    return gettext("Codes of the designated parties it is for: %(codes)s.") % {
        "codes": ", ".join(codes)
    }


def _priority_choices(draft) -> list[tuple[str, str]]:
    priorities = (draft.document or {}).get("priorities") or []
    return [
        (
            str(i),
            gettext("%(index)s. %(office)s %(number)s of %(date)s")
            % {
                "index": i + 1,
                "office": p.get("office", ""),
                "number": p.get("number", ""),
                "date": p.get("date", ""),
            },
        )
        for i, p in enumerate(priorities)
        if isinstance(p, dict)
    ]


@login_required
def attachments(request, draft_id):
    if request.method != "POST":
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        return _render_attachments(request, draft)
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    kind = request.POST.get("kind")
    if kind not in ATTACHMENT_FIELDS:
        raise Http404("Unknown kind of document.")
    form = AttachmentForm(request.POST, request.FILES, draft=draft, kind=kind)
    if form.is_valid():
        try:
            attachment = uploads.attachment_upload(
                draft=draft,
                user=request.user,
                kind=kind,
                file=form.cleaned_data["file"],
                details=form.details(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, gettext("%(file)s was added.") % {"file": attachment.original_name}
            )
            return redirect(reverse("filings:attachments", args=[draft.id]))
    return _render_attachments(request, draft, bound=form, bound_kind=kind, status=400)


@login_required
@require_POST
def attachment_delete(request, draft_id, pk):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    attachment = get_object_or_404(Attachment.objects.select_related("draft"), draft=draft, pk=pk)
    try:
        uploads.attachment_delete(attachment=attachment, user=request.user)
    except ValidationError as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(
            request, gettext("%(file)s was removed.") % {"file": attachment.original_name}
        )
    return redirect(reverse("filings:attachments", args=[draft.id]))


def _render_attachments(request, draft, *, bound=None, bound_kind=None, status=200):
    can_edit = _can_edit(draft)
    by_kind = {}
    for attachment in draft.attachments.order_by("uploaded_at", "id"):
        by_kind.setdefault(attachment.kind, []).append(attachment)
    priorities = dict(_priority_choices(draft))
    help_texts = _attachment_help(draft)
    sections = [
        {
            "kind": kind,
            "label": kind.label,
            "help": help_texts[kind],
            "items": [_attachment_item(a, priorities) for a in by_kind.get(kind, [])],
            "form": (bound if kind == bound_kind else AttachmentForm(draft=draft, kind=kind))
            if can_edit
            else None,
        }
        for kind in Attachment.Kind
    ]
    context = {
        **_frame(request, draft, "annexes"),
        "step_title": gettext("Documents"),
        "draft": draft,
        "can_edit": can_edit,
        "sections": sections,
        "max_size": format_megabytes(_setting("ATTACHMENT_MAX_BYTES")),
    }
    return render(request, "filings/attachments.html", context, status=status)


def _attachment_item(attachment, priorities) -> dict:
    details = attachment.details or {}
    facts = []
    if details.get("kind") in uploads.ANNEX_I_KINDS:
        facts.append(uploads.ANNEX_I_KINDS[details["kind"]])
    if details.get("creator"):
        facts.append(f"creator {details['creator']}")
    if details.get("signatory"):
        facts.append(f"signed {details['signatory']}")
    if details.get("designs"):
        facts.append("designs " + ", ".join(str(d) for d in details["designs"]))
    if details.get("parties"):
        facts.append("for " + ", ".join(details["parties"]))
    if details.get("priority") is not None and "priority" in details:
        facts.append("priority claim " + priorities.get(str(details["priority"]), "(removed)"))
    return {"a": attachment, "facts": facts}


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
