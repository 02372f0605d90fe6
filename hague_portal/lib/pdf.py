"""PDF rendering with WeasyPrint, fetching only what belongs to the document.

Templates reference resources by two schemes and nothing else:

    portal-static:css/dm1.css     one of our static files (found through the staticfiles finders)
    portal-file:<sha256>          a stored file of the application, whitelisted for this render

The stored files are read through Django's storage API (the filesystem or object storage alike:
`STORAGES["default"]`), never through a path, so any web or worker machine renders any file.

Everything else (file:///etc/passwd, http(s)://, large data: URIs) is refused, and a refusal stops
the render: WeasyPrint would otherwise log the failure and quietly leave the image out, and a
DM/1 missing a reproduction is not what was filed. An image that is fetched but cannot be decoded
is caught the same way, from WeasyPrint's error log of this thread.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC_SCHEME = "portal-static"
FILE_SCHEME = "portal-file"
MAX_DATA_URI = 4096  # small inline images (icons) only
IMAGE_FILE = re.compile(rf'src="{FILE_SCHEME}:([0-9a-f]{{64}})"')
# Print copies made ahead of a render at once: Pillow decodes and resamples outside the GIL.
COPY_WORKERS = min(4, os.cpu_count() or 1)

# WeasyPrint's step-by-step progress is noise in worker logs; its errors are what matter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PDFRenderError(Exception):
    """The PDF could not be rendered exactly as asked: nothing is returned."""


class URLRefused(ValueError):
    pass


class PortalURLFetcher(URLFetcher):
    """Serves our static files and the whitelisted files of one document; refuses the rest.

    `files` maps a SHA-256 to the name of the stored file in `storage` (the default storage
    unless given); the content is checked against the digest when served, so a PDF shows exactly
    the file that was filed. With `print_copies`, images are served as downscaled copies made
    from bytes that passed that check (and kept under the digest), so a copy always shows the
    file as filed.
    """

    def __init__(
        self,
        files: dict[str, str] | None = None,
        *,
        storage: Storage | None = None,
        print_copies: PrintCopies | None = None,
    ):
        super().__init__(fail_on_errors=True, allowed_protocols=())
        self.files = {sha: str(name) for sha, name in (files or {}).items()}
        self.storage = storage if storage is not None else default_storage
        self.print_copies = print_copies
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme, _, rest = url.partition(":")
        if scheme == STATIC_SCHEME:
            return self._static(url, rest)
        if scheme == FILE_SCHEME:
            return self._file(url, rest)
        if scheme == "data" and len(url) <= MAX_DATA_URI:
            return URLFetcherResponse(url, *_decode_data_uri(url))
        return self._refuse(url, "not one of the document's own resources")

    def _static(self, url: str, path: str):
        path = path.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        try:
            found = finders.find(path) if path and ".." not in Path(path).parts else None
        except SuspiciousFileOperation:
            found = None
        if not found:
            return self._refuse(url, "no such static file")
        return _response(url, found, Path(found).read_bytes())  # a static file: not media

    def _file(self, url: str, sha256: str):
        name = self.files.get(sha256)
        if name is None:
            return self._refuse(url, "not a file of this document")
        if self.print_copies is not None:
            copy = self.print_copies.get(sha256, name)
            if copy is not None:
                return _response(url, copy, self.print_copies.read(copy))
        content = stored_bytes(self.storage, name)
        if hashlib.sha256(content).hexdigest() != sha256:
            raise PDFRenderError(f"{name} no longer matches its SHA-256 {sha256}")
        return _response(url, name, content)

    def _refuse(self, url: str, why: str):
        self.refused.append(url)
        raise URLRefused(f"refused {url[:200]!r}: {why}")


class PrintCopies:
    """Copies of image files downscaled to print resolution, for a PDF that shows many of them.

    A 4000 px photograph printed 40 mm wide needs 480 px at 300 dpi: embedding the original
    makes the PDF tens of megabytes and its render slow. The filed originals are never changed;
    each copy is made once from bytes checked against the original's SHA-256, and kept in the
    folder `directory` of `storage` (where the originals are too) under that digest, so any
    later render of the same file, on any worker machine, reuses it.
    """

    FORMAT_VERSION = 1  # bump when the way copies are made changes: old copies are not reused

    def __init__(self, directory: str, *, max_px: int, storage: Storage | None = None):
        self.directory, self.max_px = str(directory), max_px
        self.storage = storage if storage is not None else default_storage

    def read(self, name: str) -> bytes:
        return stored_bytes(self.storage, name)

    def prepare(self, files: dict[str, str], sha256s: list[str], *, workers: int) -> None:
        """Make the missing copies of the files `sha256s`, `workers` at a time, before a render
        that shows them (WeasyPrint fetches its images one by one: 500 copies took ~3 s on one
        core). A file that no longer matches its digest raises PDFRenderError here already."""
        wanted = [(sha, str(files[sha])) for sha in dict.fromkeys(sha256s) if sha in files]
        if workers <= 1 or len(wanted) <= 1:
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda item: self.get(*item), wanted))

    def get(self, sha256: str, original: str) -> str | None:
        """The name of the copy of the stored file `original` (made now if missing), or None to
        embed the original as it is (already small enough, or not an image Pillow knows:
        WeasyPrint reports it)."""
        for suffix in (".jpg", ".png"):
            if self.storage.exists(copy := self._name(sha256, suffix)):
                return copy
        if self.storage.exists(self._name(sha256, ".orig")):
            return None
        return self._make(sha256, original)

    def _name(self, sha256: str, suffix: str) -> str:
        name = f"{sha256}-{self.max_px}px-v{self.FORMAT_VERSION}{suffix}"
        return str(PurePosixPath(self.directory, sha256[:2], name))

    def _make(self, sha256: str, original: str) -> str | None:
        content = stored_bytes(self.storage, original)
        if hashlib.sha256(content).hexdigest() != sha256:
            raise PDFRenderError(f"{original} no longer matches its SHA-256 {sha256}")
        made = downscale(content, max_px=self.max_px)
        if made is None:  # small enough: remember that, so the original is not decoded again
            store_whole(self.storage, self._name(sha256, ".orig"), b"")
            return None
        data, suffix = made
        copy = self._name(sha256, suffix)
        store_whole(self.storage, copy, data)
        return copy


SLACK = 1.3  # a copy may be this much larger than asked when that saves resampling it


def downscale(content: bytes, *, max_px: int) -> tuple[bytes, str] | None:
    """(image bytes, ".jpg" or ".png") about max_px x max_px (at most SLACK times larger), or
    None if the image is already that small or is not an image Pillow can read."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            if max(image.size) <= max_px * SLACK:
                return None
            # JPEG: decoded at 1/2, 1/4 or 1/8 of its size, the smallest still >= max_px; when
            # that is within SLACK of max_px it is kept as it is (resampling costs twice the
            # decoding; 600 px printed at 40 mm are 380 dpi, still print resolution).
            image.draft(image.mode if image.mode in ("L", "RGB") else "RGB", (max_px, max_px))
            image = ImageOps.exif_transpose(image)
            if max(image.size) > max_px * SLACK:
                image.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
            return _encode(image)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _encode(image) -> tuple[bytes, str]:
    out = io.BytesIO()
    # Transparency and palettes (drawings) stay lossless; photographs become JPEG.
    if image.mode in ("RGBA", "LA", "P", "1") or "transparency" in image.info:
        image.save(out, "PNG", optimize=False)
        return out.getvalue(), ".png"
    image.convert("L" if image.mode in ("L", "I;16") else "RGB").save(
        out, "JPEG", quality=88, dpi=(300, 300)
    )
    return out.getvalue(), ".jpg"


def stored_bytes(storage: Storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def store_whole(storage: Storage, name: str, data: bytes) -> None:
    """Store `data` as `name`, replacing nothing, so that no reader ever sees part of it.

    Renders of several workers may make the same copy at once. An object store writes an object
    whole (a PUT); on a file system the bytes are written to a temporary file of the same
    folder, then renamed into place. A copy made meanwhile by another render wins (it is the
    same bytes): ours is dropped."""
    if isinstance(storage, FileSystemStorage):
        temporary = storage.save(
            f"{name}.{os.getpid()}.{threading.get_ident()}.tmp", ContentFile(data)
        )
        # The rename is the file system's atomic "put": the only path taken from the storage.
        os.replace(storage.path(temporary), storage.path(name))
        return
    if not storage.exists(name):
        stored = storage.save(name, ContentFile(data))
        if stored != name:  # another render stored it between the two calls
            storage.delete(stored)


def _response(url: str, name: str, content: bytes) -> URLFetcherResponse:
    mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, content, {"Content-Type": mime_type})


def _decode_data_uri(url: str) -> tuple[bytes, dict]:
    import base64
    from urllib.parse import unquote_to_bytes

    header, _, data = url[5:].partition(",")
    mime_type = header.split(";", 1)[0] or "text/plain"
    body = base64.b64decode(data) if header.endswith(";base64") else unquote_to_bytes(data)
    return body, {"Content-Type": mime_type}


class _ErrorsOfThisThread(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors():
    handler = _ErrorsOfThisThread()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def render_pdf(
    html: str,
    *,
    files: dict[str, str] | None = None,
    fetcher=None,
    print_copies: PrintCopies | None = None,
    storage: Storage | None = None,
) -> bytes:
    """The PDF of `html`, or PDFRenderError if any resource was refused or failed to load;
    `files` maps SHA-256s to names in `storage` (the files the document may show; the default
    storage unless given);
    with `print_copies`, images are embedded as copies downscaled to print resolution."""
    if print_copies is not None and files:
        try:
            print_copies.prepare(files, IMAGE_FILE.findall(html), workers=COPY_WORKERS)
        except OSError as exc:  # as WeasyPrint's fetching would have failed: no PDF
            raise PDFRenderError(f"print copy not made: {exc}") from exc
    fetcher = fetcher or PortalURLFetcher(files, storage=storage, print_copies=print_copies)
    with _weasyprint_errors() as errors:
        try:
            pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
        except FatalURLFetchingError as exc:  # a BaseException: turn it into an ordinary error
            cause = exc.__cause__
            if isinstance(cause, PDFRenderError):
                raise cause from None
            raise PDFRenderError(f"{exc}: {cause}") from cause
    if errors:
        raise PDFRenderError("; ".join(errors))
    return pdf
