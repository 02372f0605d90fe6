"""The address book in the wizard (issue 20): on the Applicants, Creators and Representative
steps, each block can be filled from an entry or saved as one. The wizard's step view calls
`book_request` / `book_apply` when one of these buttons was pressed and `wizard_book` for the
page; nothing here saves the draft: a filled block is the user's unsaved input until they save
the step, so the rest of what they typed is kept and a filed application never changes when
the book does."""

import re

from django.contrib import messages
from django.forms.utils import ErrorDict
from django.utils.translation import gettext

from .forms import entry_form
from .selectors import book_owner, books_of, entries_for_block, entries_visible_to
from .services import entry_create, entry_fields

# The wizard's steps with party blocks, and the kind of entry each block takes.
BLOCK_KINDS = {"applicants": "applicant", "creators": "creator", "representative": "representative"}
ACTIONS = ("book_fill", "book_save", "book_search")


def book_request(request, step) -> tuple[str, str] | None:
    """(action, block) when an address book button was pressed on this step, else None. A
    block is a row's form prefix ("applicants-1") or "representative"."""
    if step.key not in BLOCK_KINDS:
        return None
    for action in ACTIONS:
        block = request.POST.get(action)
        if block is not None and _is_block(request.POST, step, block):
            return action, block
    return None


def _is_block(data, step, block: str) -> bool:
    if step.formset_prefix is None:
        return block == step.key
    match = re.fullmatch(rf"{step.formset_prefix}-(\d+)", block)
    try:
        total = int(data.get(f"{step.formset_prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return False
    return bool(match) and int(match[1]) < min(total, 1000)


def _field_prefix(step, block: str) -> str:
    return "" if step.formset_prefix is None else f"{block}-"


def _block_form(step, bundle, block: str):
    if step.formset_prefix is None:
        return bundle.form
    return bundle.formset.forms[int(block.rsplit("-", 1)[1])]


def book_apply(request, step, state, asked):
    """The step's bundle after an address book button: the posted input, with the block filled
    from the chosen entry (fill), or checked and saved as an entry (save)."""
    action, block = asked
    data = request.POST.copy()
    if action == "book_fill":
        _fill(request, step, data, block)
    bundle = step.build(state, data)
    bundle.silence_errors()  # the rest of the input is not judged before the user saves
    if action == "book_save":
        _save(request, step, bundle, data, block)
    return bundle


def _fill(request, step, data, block) -> None:
    kind = BLOCK_KINDS[step.key]
    entry_id = data.get(f"book_entry-{block}", "")
    entry = (
        entries_visible_to(user=request.user).filter(pk=entry_id, kind=kind).first()
        if entry_id.isdigit()
        else None
    )
    if entry is None:
        messages.error(request, gettext("Choose an entry of the address book to fill it from."))
        return
    prefix = _field_prefix(step, block)
    for name, value in entry_fields(entry).items():
        data[f"{prefix}{name}"] = value
    if step.key == "representative":
        data["appoint"] = "on"
    messages.success(
        request,
        gettext("Filled in from the address book: %(name)s. Save to keep it.")
        % {"name": entry.name},
    )


def _save(request, step, bundle, data, block) -> None:
    kind, prefix = BLOCK_KINDS[step.key], _field_prefix(step, block)
    fields = {k[len(prefix) :]: data.get(k) for k in data if k.startswith(prefix)}
    form = entry_form(kind, fields)
    owner = book_owner(user=request.user, book=data.get(f"book_owner-{block}", ""))
    if owner is None:
        messages.error(request, gettext("Choose an address book you may add to."))
        return
    if not form.is_valid():
        shown = _block_form(step, bundle, block)
        shown._errors = ErrorDict(
            {name: errors for name, errors in form.errors.items() if name in shown.fields}
        )
        messages.error(request, gettext("Not saved to the address book: correct the block."))
        return
    entry = entry_create(owner=owner, kind=kind, cleaned=form.cleaned_data)
    messages.success(
        request, gettext("Saved to the address book: %(name)s.") % {"name": entry.name}
    )


def wizard_book(request, step, bundle, *, draft, asked=None) -> dict | None:
    """What addressbook/_wizard.html shows for each block: the entries to fill it from (those
    found when that block was searched, else the most recently changed) and the books the
    block may be saved to."""
    if step.key not in BLOCK_KINDS:
        return None
    kind = BLOCK_KINDS[step.key]
    recent = entries_for_block(user=request.user, kind=kind)
    searched = asked[1] if asked and asked[0] == "book_search" else None
    books = books_of(user=request.user, editable=True)
    default = next(
        (key for key, _name in books if draft.client_id and key == f"firm-{draft.client.firm_id}"),
        "me",
    )
    blocks = []
    for block, label in _blocks(step, bundle):
        q = request.POST.get(f"book_q-{block}", "").strip()[:200] if block == searched else ""
        entries = entries_for_block(user=request.user, kind=kind, q=q) if q else recent
        chosen = request.POST.get(f"book_owner-{block}") or default
        blocks.append({"block": block, "label": label, "q": q, "entries": entries, "book": chosen})
    return {"blocks": blocks, "books": books, "searched": searched}


def _blocks(step, bundle):
    if step.formset_prefix is None:
        return [(step.key, gettext("Representative"))]
    # Not "Applicant 1": the step's own row is called that (and found by that name).
    names = {
        "applicants": gettext("Applicant no. %(n)s"),
        "creators": gettext("Creator no. %(n)s"),
    }
    return [(form.prefix, names[step.key] % {"n": n}) for n, form in enumerate(bundle.formset, 1)]
