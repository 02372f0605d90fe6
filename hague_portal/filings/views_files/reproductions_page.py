"""The Reproductions step (item 10): the page, its uploads and the actions on each reproduction
(assign to a design, move, legend, delete, reorder). With JavaScript the actions answer htmx
requests with the `_reproduction_list.html` fragment only."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.http import require_POST

from hague_portal.reference.selectors import reference_data

from .. import uploads
from ..context import WizardState, step_url
from ..images import MAX_PX, MIN_PX, format_megabytes
from ..models import Reproduction
from ..selectors import draft_get_for_user
from .common import _can_edit, _document_designs, _frame, _message, _setting


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
            design_number=_upload_design(draft, request.POST.get("design")),
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
    numbers = [d["number"] for d in _document_designs(draft)]
    unassigned = _counts_by_design(draft, numbers)[None]
    if unassigned and numbers:  # said here, not only on the review (issue 20)
        error = ngettext(
            "%(count)s image is not assigned to a design yet: choose its design below "
            "(or delete it), then save and continue.",
            "%(count)s images are not assigned to a design yet: choose the design of each "
            "below (or delete them), then save and continue.",
            unassigned,
        ) % {"count": unassigned}
        return _render_reproductions(request, draft, error=error, status=400)
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


def _upload_design(draft, value) -> int | None:
    """The design chosen for an upload; with only one design, that one (nothing to choose)."""
    chosen = _design_number(value)
    if chosen is None:
        numbers = [d["number"] for d in _document_designs(draft)]
        chosen = numbers[0] if len(numbers) == 1 else None
    return chosen


def _design_number(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError as exc:
        raise Http404("Bad design number.") from exc
