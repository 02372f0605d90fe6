"""The International Designs Bulletin's public pages (Rule 26): no sign-in, only what is
published (selectors), 404 for anything else."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import SearchForm
from .models import BulletinIssue

THUMBNAIL_PX = 240
PUBLIC_CACHE = "public, max-age=3600"


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


@require_GET
def index(request):
    """The issues, newest first, and the search: results once something is asked."""
    form = SearchForm(request.GET or None)
    context = {"form": form}
    if form.is_searching() and form.is_valid():
        query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
        context |= {
            "results": selectors.entries_page(search=form.search(), page=_page_number(request)),
            "page_link": f"?{query}&page=",
        }
    else:
        context |= {
            "issues": selectors.issues_page(page=_page_number(request)),
            "page_link": "?page=",
        }
    return render(request, "bulletin/index.html", context)


@require_GET
def issue(request, year: int, number: int):
    try:
        found = selectors.issue_get(year=year, number=number)
    except BulletinIssue.DoesNotExist as exc:
        raise Http404("No such issue.") from exc
    kinds = selectors.issue_kinds(issue=found)
    chosen = request.GET.get("kind")
    kind = chosen if chosen in {k for k, _label, _n in kinds} else kinds[0][0]
    context = {
        "issue": found,
        "kinds": kinds,
        "kind": kind,
        "entries": selectors.issue_page(issue=found, kind=kind, page=_page_number(request)),
        "page_link": f"?{urlencode({'kind': kind})}&page=",
    }
    return render(request, "bulletin/issue.html", context)


@require_GET
def registration(request, ref: str):
    number = selectors.number_from_slug(ref)
    entries = selectors.registration_entries(number=number) if number else []
    if not entries:
        raise Http404("No such published registration.")
    context = {"entry": entries[0], "decisions": entries[1:], "ref": ref}
    return render(request, "bulletin/registration.html", context)


@require_GET
def reproduction(request, ref: str, sha256: str, size: str = "full"):
    """A reproduction of a published registration (or its thumbnail), from storage; 404 for
    any file that is not one of them."""
    number = selectors.number_from_slug(ref)
    try:
        view = selectors.published_reproduction(number=number or "", sha256=sha256)
    except LookupError as exc:
        raise Http404("No such reproduction.") from exc
    if size == "thumbnail":
        response = HttpResponse(_thumbnail(view), content_type="image/jpeg")
    else:
        response = _file(view["path"])
    response["Cache-Control"] = PUBLIC_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file(path: str) -> FileResponse:
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError as exc:
        raise Http404("No such reproduction.") from exc
    content_type = "image/tiff" if path.endswith((".tif", ".tiff")) else "image/jpeg"
    return FileResponse(handle, content_type=content_type)


def _thumbnail(view: dict) -> bytes:
    """The wizard's stored thumbnail, else one made now from the reproduction."""
    from PIL import Image

    stored = view.get("thumbnail")
    if stored and default_storage.exists(stored):
        with default_storage.open(stored, "rb") as handle:
            return handle.read()
    try:
        with default_storage.open(view["path"], "rb") as handle, Image.open(handle) as image:
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except (FileNotFoundError, OSError) as exc:
        raise Http404("No such reproduction.") from exc
