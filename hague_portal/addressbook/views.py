"""The address book pages: list (search, filter, pages), add, change, delete, CSV export and
import. Function views: authorize, bind a form, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET

from . import services
from .csv_io import MAX_ROWS, export_lines, import_csv
from .forms import BookForm, ImportForm, entry_form
from .models import EntryKind
from .selectors import (
    book_owner,
    books_of,
    entries_page,
    entries_search,
    entry_get_for_user,
)


class _Pager:
    """A Paginator page as _pager.html reads it (number, pages, has_next)."""

    def __init__(self, page):
        self.number, self.pages = page.number, page.paginator.num_pages
        self.has_next = page.has_next()


def _filters(request, books) -> dict:
    kind = request.GET.get("kind", "")
    book = request.GET.get("book", "")
    return {
        "q": request.GET.get("q", "")[:200],
        "kind": kind if kind in EntryKind.values else "",
        "book": book if book in dict(books) else "",
    }


@login_required
@require_GET
def entry_list(request):
    books = books_of(user=request.user)
    filters = _filters(request, books)
    listed = entries_page(user=request.user, page=request.GET.get("page") or 1, **filters)
    editable = {key for key, _name in books_of(user=request.user, editable=True)}
    for entry in listed:
        key = "me" if entry.owner_user_id else f"firm-{entry.owner_firm_id}"
        entry.may_edit = key in editable
        entry.book_name = dict(books).get(key, "")
    query = urlencode({k: v for k, v in filters.items() if v})
    context = {
        "entries": listed,
        "page": _Pager(listed),
        "total": listed.paginator.count,
        "page_link": f"?{query}&page=" if query else "?page=",
        "filters": filters,
        "books": books,
        "kinds": EntryKind.choices,
        "may_add": bool(editable),
        "export_query": query,
    }
    return render(request, "addressbook/list.html", context)


@login_required
def entry_new(request, kind):
    if kind not in EntryKind.values:
        raise Http404("No such kind.")
    books = books_of(user=request.user, editable=True)
    book_form = BookForm(request.POST or None, books=books, initial={"book": books[0][0]})
    form = entry_form(kind, request.POST or None)
    if request.method == "POST" and book_form.is_valid() and form.is_valid():
        owner = book_owner(user=request.user, book=book_form.cleaned_data["book"])
        entry = services.entry_create(owner=owner, kind=kind, cleaned=form.cleaned_data)
        messages.success(request, gettext("Added %(name)s to the address book.") % {"name": entry})
        return redirect("addressbook:list")
    return _form_page(request, form, kind=kind, book_form=book_form)


@login_required
def entry_edit(request, entry_id):
    entry, _editable = entry_get_for_user(user=request.user, entry_id=entry_id, for_edit=True)
    initial = services.entry_fields(entry)
    form = entry_form(entry.kind, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.entry_update(entry=entry, cleaned=form.cleaned_data)
        messages.success(request, gettext("Saved %(name)s.") % {"name": entry})
        return redirect("addressbook:list")
    return _form_page(request, form, kind=entry.kind, entry=entry)


def _form_page(request, form, *, kind, entry=None, book_form=None):
    context = {
        "form": form,
        "book_form": book_form,
        "entry": entry,
        "kind_label": EntryKind(kind).label,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "addressbook/form.html", context, status=status)


@login_required
def entry_delete(request, entry_id):
    entry, _editable = entry_get_for_user(user=request.user, entry_id=entry_id, for_edit=True)
    if request.method == "POST":
        services.entry_delete(entry=entry)
        messages.success(
            request, gettext("Deleted %(name)s from the address book.") % {"name": entry}
        )
        return redirect("addressbook:list")
    return render(request, "addressbook/delete.html", {"entry": entry})


@login_required
@require_GET
def entry_export(request):
    books = books_of(user=request.user)
    entries = entries_search(user=request.user, **_filters(request, books))
    response = StreamingHttpResponse(export_lines(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="address-book.csv"'
    return response


@login_required
def entry_import(request):
    books = books_of(user=request.user, editable=True)
    form = ImportForm(request.POST or None, request.FILES or None, books=books)
    errors = []
    if request.method == "POST" and form.is_valid():
        owner = book_owner(user=request.user, book=form.cleaned_data["book"])
        upload = form.cleaned_data["file"]
        if upload.size > MAX_ROWS * 1000:
            form.add_error("file", gettext("The file is larger than 10 MB: split it."))
        else:
            result = import_csv(owner=owner, content=upload.read())
            if not result.errors:
                count = result.imported
                messages.success(
                    request,
                    ngettext("Imported %(count)s entry.", "Imported %(count)s entries.", count)
                    % {"count": count},
                )
                return redirect("addressbook:list")
            errors = result.errors
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "errors": errors}
    return render(request, "addressbook/import.html", context, status=status)
