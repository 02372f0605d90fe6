"""PDF rendering with WeasyPrint, fetching only what belongs to the document.

Templates reference resources by two schemes and nothing else:

    portal-static:css/dm1.css     one of our static files (found through the staticfiles finders)
    portal-file:<sha256>          a stored file of the application, whitelisted for this render

Everything else (file:///etc/passwd, http(s)://, large data: URIs) is refused, and a refusal stops
the render: WeasyPrint would otherwise log the failure and quietly leave the image out, and a
DM/1 missing a reproduction is not what was filed. An image that is fetched but cannot be decoded
is caught the same way, from WeasyPrint's error log of this thread.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import threading
from contextlib import contextmanager
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC_SCHEME = "portal-static"
FILE_SCHEME = "portal-file"
MAX_DATA_URI = 4096  # small inline images (icons) only

# WeasyPrint's step-by-step progress is noise in worker logs; its errors are what matter.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PDFRenderError(Exception):
    """The PDF could not be rendered exactly as asked: nothing is returned."""


class URLRefused(ValueError):
    pass


class PortalURLFetcher(URLFetcher):
    """Serves our static files and the whitelisted files of one document; refuses the rest.

    `files` maps a SHA-256 to the absolute path of the stored file; the content is checked
    against the digest when served, so a PDF shows exactly the file that was filed.
    """

    def __init__(self, files: dict[str, str | Path] | None = None):
        super().__init__(fail_on_errors=True, allowed_protocols=())
        self.files = {sha: Path(path) for sha, path in (files or {}).items()}
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
        return _response(url, Path(found))

    def _file(self, url: str, sha256: str):
        path = self.files.get(sha256)
        if path is None:
            return self._refuse(url, "not a file of this document")
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() != sha256:
            raise PDFRenderError(f"{path} no longer matches its SHA-256 {sha256}")
        return _response(url, path, content)

    def _refuse(self, url: str, why: str):
        self.refused.append(url)
        raise URLRefused(f"refused {url[:200]!r}: {why}")


def _response(url: str, path: Path, content: bytes | None = None) -> URLFetcherResponse:
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    body = path.read_bytes() if content is None else content
    return URLFetcherResponse(url, body, {"Content-Type": mime_type})


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


def render_pdf(html: str, *, files: dict[str, str | Path] | None = None, fetcher=None) -> bytes:
    """The PDF of `html`, or PDFRenderError if any resource was refused or failed to load."""
    fetcher = fetcher or PortalURLFetcher(files)
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
