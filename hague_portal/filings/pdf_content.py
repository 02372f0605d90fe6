"""Active content in an annex PDF: JavaScript, automatic actions and embedded files.

An annex is a document the International Bureau and the offices open and keep (Guide, Annexes
I-V); a script that runs on opening or a file hidden inside it is nothing they should receive
from us. Such a PDF is refused with the reason and what to do, never stored as it came.

One policy for every way a PDF can run something: JavaScript anywhere (the document's scripts,
an action, a link), a /Launch action (runs a program), additional actions (/AA, on open, close,
page view...), and a link (a /URI action) to anything but a web or mail address: `javascript:`
and `vbscript:` run a script, `file:` and `data:` open what the office does not see, and a
program's own scheme (`ms-msdt:`) starts that program. All get the same SCRIPT message.

The whole object graph reachable from the trailer is walked (not the raw bytes): names inside
compressed object streams are only visible to a parser.
"""

import re

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

SCRIPT = _(
    "This PDF contains JavaScript or actions that run when it is opened or used. Offices accept "
    "only plain documents: print it again to PDF (or export it as PDF/A) without scripts or "
    "form actions, then upload that file"
)
EMBEDDED = _(
    "This PDF has other files embedded in it (attachments inside the PDF). Save or print the "
    "document alone as a PDF and upload that file; upload any other document as its own annex"
)
# /JS and /JavaScript: scripts (in actions or the document's name tree); /AA: additional
# actions (on open, close, page view, field change...), which exist to run something.
_SCRIPT_KEYS = ("/JS", "/JavaScript", "/AA")
_EMBEDDED_KEYS = ("/EmbeddedFiles", "/EF")  # the document's name tree; a file specification
_SCRIPT_ACTIONS = ("/JavaScript", "/Launch")
_LINK_SCHEMES = ("http", "https", "mailto")  # what a plain document links to
# Readers ignore spaces and control characters in a URI's scheme ("java\tscript:"): so do we.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def pdf_active_content(reader: PdfReader) -> str | None:
    """The reason to refuse this PDF (SCRIPT or EMBEDDED), or None when it holds neither."""
    found = set()
    _walk(reader.trailer, found, seen=set())
    if "script" in found:
        return SCRIPT
    if "embedded" in found:
        return EMBEDDED
    return None


def _walk(node, found: set, seen: set) -> None:
    stack = [node]
    while stack and len(found) < 2:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            found.update(_kinds(node))
            stack.extend(v for k, v in node.items() if k != "/Parent")
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def _kinds(node: DictionaryObject) -> set:
    kinds = set()
    if (
        any(key in node for key in _SCRIPT_KEYS)
        or node.get("/S") in _SCRIPT_ACTIONS
        or (node.get("/S") == "/URI" and _runs_something(node.get("/URI")))
    ):
        kinds.add("script")
    if (
        any(key in node for key in _EMBEDDED_KEYS)
        or node.get("/Subtype") == "/FileAttachment"
        or node.get("/Type") == "/EmbeddedFile"
    ):
        kinds.add("embedded")
    return kinds


def _runs_something(uri) -> bool:
    """A link's address that is not a web or mail address (a relative one is plain)."""
    if isinstance(uri, IndirectObject):
        uri = uri.get_object()
    if isinstance(uri, bytes):
        uri = uri.decode("latin-1")
    scheme = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", str(uri or "")).lower())
    return scheme is not None and scheme.group(1) not in _LINK_SCHEMES
