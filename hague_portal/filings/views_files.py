"""The file steps of the wizard: Reproductions (item 10) and Attachments (Annexes I-V, power of
attorney), and `file`, the only way a stored file leaves the server.

Every view reads the draft through `draft_get_for_user` (Http404 for anyone else); changes ask for
`for_edit=True`, so viewers and submitted drafts are read-only. Every page works without
JavaScript (plain forms, redirect after POST); with JavaScript, uploads show per-file progress
and the actions answer htmx requests with the `_reproduction_list.html` fragment only.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from hague_portal.hague.clock import geneva_today
from hague_portal.reference.selectors import reference_data

from . import uploads
from .annexes import ANNEX_KINDS, annex_help
from .context import WizardState, step_url, wizard_context
from .images import MAX_PX, MIN_PX, format_megabytes
from .models import Attachment, Reproduction
from .selectors import draft_get_for_user, draft_is_editable

# --- reproductions ----------------------------------------------------------------------------


@login_required
def reproductions(request, draft_id):
    if request.method != "POST":
        draft = draft_get_for_user(user=request.user, draft_id=draft_id)
        return _render_reproductions(request, draft)
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    files = request.FILES.getlist("files")
    if not files:
        return _render_reproductions(
            request, draft, error=gettext("Choose one or more image files to upload."), status=400
        )
    try:
        accepted, rejected = uploads.reproductions_upload(
            draft=draft,
            user=request.user,
            files=files,
            design_number=_design_number(request.POST.get("design")),
        )
    except ValidationError as exc:
        return _render_reproductions(request, draft, error=_message(exc), status=400)
    results = [{"name": r.original_name, "accepted": True} for r in accepted]
    results += [{"name": name, "accepted": False, "reason": reason} for name, reason in rejected]
    # Rendered rather than redirected: the reasons belong to this one request. A repeated POST
    # (page reload) is harmless: an image already in the draft is refused as a duplicate.
    return _render_reproductions(request, draft, results=results)


@login_required
@require_POST
def reproductions_continue(request, draft_id):
    """Save and continue: uploads, order and legends are saved as they are made (reproductions.js
    saves legends typed but not yet saved first), so this goes on to the next section."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    following = WizardState.load(draft).next_step("reproductions")
    url = step_url(draft, following) if following else None
    return redirect(url or reverse("filings:overview", args=[draft.id]))


@login_required
@require_POST
def reproduction_assign(request, draft_id, pk):
    draft, reproduction = _reproduction_for_edit(request, draft_id, pk)
    design = _design_number(request.POST.get("design"))
    return _act(request, draft, pk, uploads.reproduction_assign, reproduction, design_number=design)


@login_required
@require_POST
def reproduction_move(request, draft_id, pk):
    draft, reproduction = _reproduction_for_edit(request, draft_id, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404("Unknown direction.")
    return _act(request, draft, pk, uploads.reproduction_move, reproduction, direction=direction)


@login_required
@require_POST
def reproduction_legend(request, draft_id, pk):
    draft, reproduction = _reproduction_for_edit(request, draft_id, pk)
    code, text = request.POST.get("legend_code", ""), request.POST.get("legend_text", "")
    typed = {"pk": pk, "legend_code": code, "legend_text": text}
    service = uploads.reproduction_set_legend
    return _act(request, draft, pk, service, reproduction, typed=typed, code=code, text=text)


@login_required
@require_POST
def reproduction_delete(request, draft_id, pk):
    draft, reproduction = _reproduction_for_edit(request, draft_id, pk)
    return _act(request, draft, pk, uploads.reproduction_delete, reproduction)


@login_required
@require_POST
def reproductions_reorder(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    try:
        ordered = [int(pk) for pk in request.POST.getlist("order")]
        uploads.reproductions_reorder(
            draft=draft,
            user=request.user,
            design_number=_design_number(request.POST.get("design")),
            ordered_ids=ordered,
        )
    except ValueError as exc:
        raise Http404("Bad order.") from exc
    except ValidationError as exc:
        return _after_action(request, draft, error={"pk": None, "message": _message(exc)})
    return _after_action(request, draft)


def _reproduction_for_edit(request, draft_id, pk):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    reproduction = get_object_or_404(
        Reproduction.objects.select_related("draft"), draft=draft, pk=pk
    )
    return draft, reproduction


def _act(request, draft, pk, service, reproduction, typed=None, **kwargs):
    try:
        service(reproduction=reproduction, user=request.user, **kwargs)
    except ValidationError as exc:
        error = {"pk": pk, "message": _message(exc), "typed": typed}
        return _after_action(request, draft, error=error)
    return _after_action(request, draft)


def _after_action(request, draft, *, error=None):
    """htmx: the refreshed list. Without JavaScript: back to the page (or the page with the error
    and what was typed, so nothing is lost). Either way the design the user was looking at
    (`?design=` on the action's URL) stays selected."""
    if error and not request.htmx:
        return _render_reproductions(request, draft, action_error=error, status=400)
    if request.htmx:
        return _render_reproductions(request, draft, action_error=error)
    url = reverse("filings:reproductions", args=[draft.id])
    return redirect(url + _view_query(request.GET.get("design")))


def _render_reproductions(
    request, draft, *, results=None, error=None, action_error=None, status=200
):
    context = {
        **_reproductions_context(draft, can_edit=_can_edit(draft), view=request.GET.get("design")),
        "results": results,
        "error": error,
        "action_error": action_error,
    }
    if context["view_error"] and status == 200:
        status = 404
    typed = (action_error or {}).get("typed")
    if typed:  # the legend select of the card in error shows what was chosen, not what is saved
        options = context["legend_options"]
        context["typed_legend_options"] = options.get(typed["legend_code"], options[""])
    if request.htmx:
        context["partial"] = True
        response = render(request, "filings/_reproduction_list.html", context, status=status)
        response["HX-Trigger"] = "draft-saved"  # the side panel reloads its checks and fees
        return response
    context.update(_frame(request, draft, "reproductions"))
    context.update(
        step_title=gettext("Reproductions"),
        max_size=format_megabytes(_setting("REPRODUCTION_MAX_BYTES")),
        min_px=MIN_PX,
        max_px=MAX_PX,
    )
    return render(request, "filings/reproductions.html", context, status=status)


# Up to this many reproductions in all, every design is shown on one page. Past it the page
# shows one design (or the unassigned pool) at a time, chosen with `?design=N` or
# `?design=pool`: 500 cards with their forms made a 6 MB page that took seconds to render.
SHOW_ALL_UP_TO = 60
POOL = "pool"


def _reproductions_context(draft, *, can_edit, view=None) -> dict:
    """The design groups to show (from the document, in order) and the unassigned pool, each with
    its items, plus the design tabs. Two queries whatever the number of designs (reference data
    is cached): the count per design, then the reproductions shown."""
    designs = _document_designs(draft)
    numbers = [d["number"] for d in designs]
    counts = _counts_by_design(draft, numbers)
    total = sum(counts.values())
    selected, view_error = _selected_view(view, numbers, counts, total)
    if view is None and selected is None:
        shown = [*designs, {"number": None, "product": ""}]
    elif selected == POOL:
        shown = [{"number": None, "product": ""}]
    else:
        shown = [d for d in designs if d["number"] == selected]
    language = get_language()
    legends = {row.code: row.legend_in(language) for row in reference_data().rows("legend_codes")}
    options = _legend_options(legends)
    groups = _groups(draft, shown, numbers, legends, options) if not view_error else []
    view_query = _view_query(view)
    return {
        "draft": draft,
        "can_edit": can_edit,
        "groups": groups,
        "total": total,
        "designs": designs,
        "design_max": max(numbers, default=0),
        "tabs": _tabs(designs, counts, selected) if view is not None or selected else [],
        "selected": selected,
        "view_error": view_error,
        "view_query": view_query,
        # Built once per page: the cards append the reproduction's id (reverse() per card was
        # ~13 calls x 500 cards).
        "list_url": reverse("filings:reproductions", args=[draft.id]),
        "files_url": reverse("filings:file", args=[draft.id, "k", 0]).removesuffix("k/0/"),
        "reorder_url": reverse("filings:reproductions_reorder", args=[draft.id]) + view_query,
        "other_legend_code": uploads.OTHER_LEGEND_CODE,
        "legend_text_max": uploads.LEGEND_TEXT_MAX,
        "legend_options": options,
    }


def _counts_by_design(draft, numbers) -> dict:
    """{design number: count, None: count in the pool}; a number the document no longer has
    counts in the pool, as the list shows it there."""
    rows = draft.reproductions.order_by().values_list("design_number").annotate(n=Count("id"))
    known = set(numbers)
    counts = dict.fromkeys([*numbers, None], 0)
    for number, n in rows:
        counts[number if number in known else None] += n
    return counts


def _selected_view(view, numbers, counts, total):
    """(what to show, error message): a design number, POOL, or None for every design."""
    if view is None:
        if total <= SHOW_ALL_UP_TO:
            return None, ""
        return (POOL if counts[None] or not numbers else numbers[0]), ""
    if view == POOL:
        return POOL, ""
    try:
        number = int(view)
    except ValueError:
        number = None
    if number is not None and number in numbers:
        return number, ""
    if not numbers:
        return None, gettext("There is no design %(view)s yet: add the designs (item 6) first.") % {
            "view": view
        }
    return None, gettext(
        "There is no design %(view)s in this application: choose a design from "
        "%(first)s to %(last)s or the unassigned images."
    ) % {"view": view, "first": min(numbers), "last": max(numbers)}


def _groups(draft, shown, numbers, legends, options) -> list[dict]:
    groups = {d["number"]: {**d, "items": []} for d in shown}
    rows = draft.reproductions.order_by("design_number", "position", "id")
    if len(shown) == 1:
        number = shown[0]["number"]
        pool_filter = Q(design_number__isnull=True) | ~Q(design_number__in=numbers)
        rows = rows.filter(pool_filter if number is None else Q(design_number=number))
    for reproduction in rows:
        group = groups.get(reproduction.design_number, groups.get(None))
        number = f"{group['number']}.{len(group['items']) + 1}" if group["number"] else ""
        group["items"].append(
            {
                "r": reproduction,
                "number": number,
                "legend": reproduction.legend_text or legends.get(reproduction.legend_code, ""),
                "legend_options": options.get(reproduction.legend_code, options[""]),
            }
        )
    return list(groups.values())


def _tabs(designs, counts, selected) -> list[dict]:
    tabs = [{"query": f"?design={POOL}", "label": gettext("Not assigned"), "count": counts[None]}]
    tabs[0]["current"] = selected == POOL
    for design in designs:
        number = design["number"]
        tabs.append(
            {
                "query": f"?design={number}",
                "label": gettext("Design %(number)s") % {"number": number},
                "count": counts[number],
                "current": selected == number,
                "design": number,
            }
        )
    return tabs


def _view_query(view) -> str:
    return f"?{urlencode({'design': view})}" if view not in (None, "") else ""


def _legend_options(legends) -> dict:
    """{selected code: the <option>s of the legend select}: built once per page and shared by
    every card, rather than a template loop over the codes in each of them."""
    choices = sorted(legends.items(), key=lambda item: (item[0] == "00", item[0]))
    options = {}
    for selected in ["", *legends]:
        html = [
            format_html(
                '<option value=""{}>{}</option>', _sel(selected == ""), gettext("No legend")
            )
        ]
        html += [
            format_html(
                '<option value="{}"{}>{}: {}</option>', code, _sel(code == selected), code, legend
            )
            for code, legend in choices
        ]
        options[selected] = mark_safe("".join(html))  # every part escaped by format_html
    return options


def _sel(selected: bool) -> str:
    return " selected" if selected else ""


def _document_designs(draft) -> list[dict]:
    designs = (draft.document or {}).get("designs") or []
    numbers = uploads.draft_design_numbers(draft)
    products = [(d.get("product") or "").strip() for d in designs if isinstance(d, dict)]
    return [{"number": n, "product": p} for n, p in zip(numbers, products, strict=True)]


def _design_number(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError as exc:
        raise Http404("Bad design number.") from exc


# --- attachments ------------------------------------------------------------------------------

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


# --- serving files ----------------------------------------------------------------------------


@login_required
@require_GET
def file(request, draft_id, kind, pk):
    """A stored file, for whoever may read the draft (404 for anyone else; never MEDIA_URL)."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if kind == "attachment":
        attachment = get_object_or_404(Attachment, draft=draft, pk=pk)
        # Sent as a download: a PDF is the applicant's document, not ours to render inline.
        return _file_response(
            attachment.file, "application/pdf", attachment.original_name, download=True
        )
    if kind not in ("reproduction", "thumbnail"):
        raise Http404("No such file.")
    reproduction = get_object_or_404(Reproduction, draft=draft, pk=pk)
    if kind == "thumbnail":
        return _file_response(reproduction.thumbnail, "image/jpeg", None)
    content_type = "image/tiff" if reproduction.extension == "tif" else "image/jpeg"
    stem = reproduction.original_name.rsplit(".", 1)[0] or "reproduction"
    return _file_response(reproduction.file, content_type, f"{stem}.{reproduction.extension}")


def _file_response(field, content_type, filename, *, download=False):
    if not field:
        raise Http404("No such file.")
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("No such file.") from exc
    response = FileResponse(
        handle, content_type=content_type, as_attachment=download, filename=filename or ""
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- shared -----------------------------------------------------------------------------------


def _can_edit(draft) -> bool:
    return draft_is_editable(draft=draft, role=getattr(draft, "user_role", None))


def _frame(request, draft, current) -> dict:
    """The wizard frame of step_base.html (step navigation, side panel)."""
    return wizard_context(request, draft=draft, current=current)


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _setting(name) -> int:
    return getattr(settings, name)
