"""Wizard views: authorize (draft_get_for_user), bind a form, call one service, redirect."""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from hague_portal.accounts.selectors import user_can_file_for_client
from hague_portal.addressbook.wizard import book_apply, book_request, wizard_book
from hague_portal.payments.submit import draft_submit
from hague_portal.reference.selectors import reference_data

from . import services
from .context import (
    WizardState,
    optional_url,
    panel_context,
    preview_state,
    step_url,
    wizard_context,
)
from .deletion import draft_may_delete
from .import_errors import import_problems
from .selectors import clients_fileable_by, draft_get_for_user, draft_is_editable
from .sharing import draft_may_submit
from .steps import STEPS_BY_KEY

NOT_AUTOSAVED = {"csrfmiddlewaretoken", "seen_version", "action", "confirm"}
MAX_AUTOSAVE_BYTES = 200_000


class NewDraftForm(forms.Form):
    client = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Client"),
        help_text=_("Representatives file on behalf of a client of their firm."),
        empty_label=_("Choose a client…"),
    )

    # The workbench's client box: the name typed (without JavaScript, or before a suggestion
    # was chosen) when no client id came with it; a firm may have a thousand clients.
    client_name = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients_fileable_by(user=user)

    def clean(self):
        data = super().clean()
        name = " ".join((data.get("client_name") or "").split())
        if data.get("client") is None and name and "client" not in self.errors:
            data["client"] = self._client_named(name)
        return data

    def _client_named(self, name: str):
        """The one client of the user's firms with this name, else with a name containing it;
        an error at the client field when none or several do."""
        clients = self.fields["client"].queryset
        for found in (clients.filter(name__iexact=name), clients.filter(name__icontains=name)):
            matches = list(found.order_by("name")[:6])
            if len(matches) == 1:
                return matches[0]
            if matches:
                names = ", ".join(c.name for c in matches[:5]) + (" …" if len(matches) > 5 else "")
                self.add_error(
                    "client",
                    _("Several clients match “%(name)s” (%(names)s): type more of the name.")
                    % {"name": name, "names": names},
                )
                return None
        self.add_error("client", _("No client of your firm matches “%(name)s”.") % {"name": name})
        return None


class ImportForm(NewDraftForm):
    document = forms.FileField(
        label=_("Application document (JSON)"),
        help_text=_(
            "A document exported from Hague Portal or written to the "
            "hague-portal/application@1 format."
        ),
    )


def _seen_version(request) -> int:
    try:
        return int(request.POST.get("seen_version", ""))
    except ValueError:
        raise PermissionDenied(
            gettext("The form is missing the version it was based on.")
        ) from None


def _form_client(form, user):
    client = form.cleaned_data.get("client")
    if client is not None and not user_can_file_for_client(user=user, client=client):
        form.add_error(
            "client", gettext("You may only file for clients of your firm as an editor.")
        )
        return None, False
    return client, True


# --- workbench actions ------------------------------------------------------------------------


@login_required
@require_POST
def draft_new(request):
    form = NewDraftForm(request.POST, user=request.user)
    if form.is_valid():
        client, ok = _form_client(form, request.user)
        if ok:
            try:
                draft = services.draft_create(
                    user=request.user, client=client, language=get_language()
                )
            except services.DraftError as exc:
                messages.error(request, str(exc))
                return redirect("workbench")
            return redirect("filings:overview", draft.id)
    messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("workbench")


@login_required
def draft_import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors = ()
    if request.method == "POST" and form.is_valid():
        client, ok = _form_client(form, request.user)
        if ok:
            content = form.cleaned_data["document"].read()
            try:
                result = services.draft_import(
                    user=request.user, client=client, content=content, ref=reference_data()
                )
            except services.DraftError as exc:
                form.add_error("client", str(exc))
            else:
                if result.draft is not None:
                    messages.success(
                        request, gettext("Imported. Upload the reproductions and annexes.")
                    )
                    return redirect("filings:overview", result.draft.id)
                errors = result.errors
                if result.file_error:
                    form.add_error("document", result.file_error)
    failed = request.method == "POST"  # a successful import has redirected
    context = {"form": form, "document_errors": import_problems(errors)}
    return render(request, "filings/import.html", context, status=400 if failed else 200)


# --- one draft --------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    state = WizardState.load(draft)
    context = wizard_context(request, draft=draft, current="overview", state=state)
    first = state.first_unfinished()
    context["continue_url"] = step_url(draft, first) if first else None
    context["step_title"] = gettext("Overview")
    context["may_delete"] = draft_may_delete(user=request.user, draft=draft)
    return render(request, "filings/overview.html", context)


@login_required
def step(request, draft_id, step_key):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    current = STEPS_BY_KEY.get(step_key)
    if current is None:
        raise Http404("No such section.")
    if current.url_name:
        return redirect(step_url(draft, current) or reverse("filings:overview", args=[draft.id]))
    can_edit = draft_is_editable(draft=draft, role=draft.user_role)
    state = WizardState.load(draft)
    seen_version, conflict, restored = draft.version, None, None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(gettext("You may read this application but not change it."))
        seen_version = _seen_version(request)
        book = book_request(request, current)
        if book is not None:  # the address book's buttons: fill, search or save a block
            bundle = book_apply(request, current, state, book)
            return _step_page(request, draft, current, state, bundle, seen_version, book=book)
        bundle = current.build(state, request.POST)
        if bundle.is_valid():
            data, renumber = current.to_document(bundle, state)
            try:
                draft = services.draft_save_step(
                    draft=draft,
                    user=request.user,
                    step=current.key,
                    seen_version=seen_version,
                    data=data,
                    renumber=renumber,
                )
            except services.DraftConflict as exc:
                conflict, seen_version = exc, exc.current_version
            except services.DraftError as exc:
                messages.error(request, str(exc))
                return redirect("filings:overview", draft.id)
            else:
                following = state.next_step_after_save(current.key, data)
                return _after_save(request, draft, current, following)
    else:
        bundle, restored = _bundle_for_get(current, state, draft, can_edit)
        if bundle.formset is not None and "add" in request.GET and not bundle.formset.is_bound:
            bundle.formset.extra = max(bundle.formset.extra, 1)  # the row asked for
    return _step_page(
        request, draft, current, state, bundle, seen_version, conflict=conflict, restored=restored
    )


def _step_page(request, draft, current, state, bundle, seen_version, **page):
    """Render a step; `page`: conflict, restored, refused_submit (the review's context with
    the bound confirmation form of a refused submit), book (the address book button pressed)."""
    conflict, refused_submit = page.get("conflict"), page.get("refused_submit")
    context = wizard_context(request, draft=draft, current=current.key, state=state)
    previous = state.previous_step(current.key)
    context.update(
        step=current,
        step_title=current.title,
        bundle=bundle,
        form=bundle.form,
        formset=bundle.formset,
        error_summary=bundle.error_summary() if request.method == "POST" else [],
        seen_version=seen_version,
        conflict=conflict,
        restored=page.get("restored"),
        applicable=current in state.steps,
        back_url=(step_url(draft, previous) if previous else None)
        or reverse("filings:overview", args=[draft.id]),
        autosave_url=reverse("filings:autosave", args=[draft.id, current.key]),
        preview_url=reverse("filings:preview", args=[draft.id, current.key]),
        attachments_url=optional_url("filings:attachments", draft.id),
        **current.extra_context(state, bundle),
        book=wizard_book(request, current, bundle, draft=draft, asked=page.get("book")),
        addressbook_url=reverse("addressbook:list"),
        **(refused_submit or current.request_context(request, state, accounts=_accounts(request))),
    )
    refused = context["error_summary"] or refused_submit
    status = 409 if conflict else (400 if refused else 200)
    return render(request, current.template, context, status=status)


def _bundle_for_get(current, state, draft, can_edit):
    saved = draft.autosave.get(current.key) if can_edit else None
    if not saved or not isinstance(saved.get("data"), dict):
        return current.build(state), None
    data = QueryDict(mutable=True)
    for name, values in saved["data"].items():
        data.setlist(name, values if isinstance(values, list) else [values])
    bundle = current.build(state, data)
    bundle.silence_errors()
    try:
        at = timezone.localtime(datetime.fromisoformat(saved["at"]))
    except (KeyError, ValueError, TypeError):
        at = None
    return bundle, {"at": at, "same_day": at is not None and at.date() == timezone.localdate()}


def _after_save(request, draft, current, following):
    action = request.POST.get("action", "continue")
    if action == "exit":
        messages.success(request, gettext("Saved. You can come back to it from your workbench."))
        return redirect("workbench")
    if action == "stay":  # "add another row": show the step again with a fresh blank row
        return redirect(reverse("filings:step", args=[draft.id, current.key]) + "?add=1")
    if following is None:  # the last step (review): stay, so that the user can submit
        return redirect("filings:step", draft.id, current.key)
    return redirect(step_url(draft, following) or reverse("filings:overview", args=[draft.id]))


@login_required
@require_POST
def autosave(request, draft_id, step_key):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    if step_key not in STEPS_BY_KEY:
        raise Http404("No such section.")
    # The size from the header, not request.body: the CSRF check has already read the
    # multipart stream by now, and reading body after it raises (the 500 of issue 8).
    if _content_length(request) > MAX_AUTOSAVE_BYTES:
        return JsonResponse(
            {"saved": False, "reason": gettext("Your input is too large to keep.")}, status=413
        )
    data = {k: v for k, v in request.POST.lists() if k not in NOT_AUTOSAVED}
    try:
        saved = services.draft_autosave(
            draft=draft, step=step_key, seen_version=_seen_version(request), data=data
        )
    except services.UnstorableInput as exc:
        return JsonResponse({"saved": False, "reason": str(exc), "errors": exc.errors}, status=400)
    return JsonResponse({"saved": saved, "at": timezone.localtime().strftime("%H:%M")})


@login_required
@require_POST
def autosave_discard(request, draft_id, step_key):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    if step_key not in STEPS_BY_KEY:
        raise Http404("No such section.")
    services.draft_autosave_discard(draft=draft, step=step_key)
    messages.info(
        request, gettext("Discarded the unsaved input; the page shows what was last saved.")
    )
    return redirect("filings:step", draft.id, step_key)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
@require_GET
def panel(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    state = WizardState.load(draft)
    return render(request, "filings/_panel.html", {"panel": panel_context(draft, state)})


@login_required
@require_POST
def panel_preview(request, draft_id, step_key):
    """The side panel for the unsaved input of a step: fees and checks as the user types."""
    draft = draft_get_for_user(user=request.user, draft_id=draft_id, for_edit=True)
    current = STEPS_BY_KEY.get(step_key)
    if current is None or current.url_name:
        raise Http404("No such section.")
    state, readable = preview_state(draft, current, request.POST)
    context = {"panel": panel_context(draft, state), "preview": True, "readable": readable}
    return render(request, "filings/_panel.html", context)


@login_required
@require_GET
def export(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    response = HttpResponse(services.draft_export(draft=draft), content_type="application/json")
    name = f"hague-application-{str(draft.id)[:8]}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def duplicate(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if draft.user_role != "edit":
        raise PermissionDenied(gettext("Only those who may edit an application may copy it."))
    try:
        copy = services.draft_duplicate(draft=draft, user=request.user)
    except PermissionDenied:
        messages.error(
            request, gettext("You may not file for this client, so you cannot copy its draft.")
        )
        return redirect("filings:overview", draft.id)
    messages.success(
        request, gettext("Copied (without reproductions and annexes). This is the new draft.")
    )
    return redirect("filings:overview", copy.id)


@login_required
@require_POST
def submit(request, draft_id):
    draft = draft_get_for_user(user=request.user, draft_id=draft_id)
    if draft.user_role != "edit":
        raise PermissionDenied(gettext("You may read this application but not submit it."))
    if not draft_may_submit(user=request.user, draft=draft):  # a shared client editor
        raise PermissionDenied(
            gettext("The firm's administrators and editors submit this application.")
        )
    state = WizardState.load(draft)
    review = STEPS_BY_KEY["review"]
    confirmation = review.request_context(
        request, state, submit_data=request.POST, accounts=_accounts(request)
    )
    # Signed and submitted in one go: the signature comes with the confirmation (a client
    # posting only the confirmation submits with the signature saved before).
    signing = "name" in request.POST
    bundle = review.build(state, request.POST if signing else None)
    signed_ok = bundle.is_valid() if signing else True
    if not (confirmation["submit_form"].is_valid() and signed_ok):  # each error at its field
        return _step_page(
            request,
            draft,
            review,
            state,
            bundle,
            _seen_version(request),
            refused_submit=confirmation,
        )
    try:
        seen_version = _seen_version(request)
        if signing:
            draft, seen_version = _sign(request, draft, review, bundle, state, seen_version)
        submitted = draft_submit(
            draft=draft,
            user=request.user,
            seen_version=seen_version,
            ref=reference_data(),
            account=confirmation["submit_form"].cleaned_data.get("account"),
        )
    except services.DraftConflict as exc:
        if signing:  # the signature and the tick kept, with what changed meanwhile
            return _step_page(
                request,
                draft,
                review,
                state,
                bundle,
                exc.current_version,
                conflict=exc,
                refused_submit=confirmation,
            )
        messages.error(
            request,
            gettext("%(problem)s Review the changes, then submit again.") % {"problem": exc},
        )
        for change in exc.changes[:10]:
            messages.info(request, change)
        return redirect("filings:step", draft.id, "review")
    except services.DraftNotReady as exc:
        # The signature is saved; the page says what still blocks, the tick kept.
        messages.error(request, str(exc))
        state = WizardState.load(draft)
        confirmation = review.request_context(
            request, state, submit_data=request.POST, accounts=_accounts(request)
        )
        bundle = review.build(state, request.POST if signing else None)
        return _step_page(
            request, draft, review, state, bundle, draft.version, refused_submit=confirmation
        )
    except services.DraftError as exc:
        messages.error(request, str(exc))
        return redirect("filings:step", draft.id, "review")
    return _after_submit(request, submitted.submission)


def _sign(request, draft, review, bundle, state, seen_version):
    """Save the signature typed on the review page, if it changed; the version to submit."""
    data, _renumber = review.to_document(bundle, state)
    if all(draft.document.get(key) == value for key, value in data.items()):
        return draft, seen_version
    draft = services.draft_save_step(
        draft=draft, user=request.user, step=review.key, seen_version=seen_version, data=data
    )
    return draft, draft.version


def _accounts(request):
    """The WIPO current accounts the user may debit (a lazy query: read by the review only)."""
    from hague_portal.payments.selectors import current_accounts_for

    return current_accounts_for(user=request.user)


def _after_submit(request, submission):
    """Card and bank transfer: on to the pay page, the method preselected."""
    from hague_portal.payments.selectors import payment_method_chosen, payment_state

    number, method = submission.number, payment_method_chosen(submission)
    messages.success(
        request,
        gettext("Your application was received by the International Bureau as %(number)s.")
        % {"number": number},
    )
    state = payment_state(submission)
    if method == "current_account" and state["settled"]:
        messages.success(
            request, gettext("The fees, %(amount)s CHF, were debited.") % {"amount": state["paid"]}
        )
    elif method == "current_account":
        messages.warning(
            request,
            gettext("The current account was not debited: the fees are due. Pay them below."),
        )
    elif method in ("card", "bank_transfer"):
        return redirect("submissions:pay", number)
    return redirect("submissions:detail", number)
