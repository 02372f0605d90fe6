"""What is wrong with an imported document, in words and in the reader's language (issue 20).

The rules core's parser answers in a fixed English form meant for programs (the API returns it
as it is): a path such as `designs[1].product` and a message such as `required` or
`expected a string, got a number`. The import page words each one for a person:
"designs › 2 › product: this field is required" — the path with arrays counted from 1, as the
wizard numbers designs, and the message from a table of the parser's forms, translated. A form
the table does not know is shown as the parser wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hague_portal.hague.document.parser import FieldError

SEPARATOR = " › "
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

# The parser's names of JSON kinds (hague.document.field_checks._JSON_KINDS, _SCALARS).
KINDS = {
    "null": gettext_lazy("null"),
    "a boolean": gettext_lazy("true or false"),
    "true or false": gettext_lazy("true or false"),
    "a number": gettext_lazy("a number"),
    "an integer": gettext_lazy("a whole number"),
    "a very large number": gettext_lazy("a very large number"),
    "a string": gettext_lazy("a text in quotes"),
    "an array": gettext_lazy("a list [ … ]"),
    "an object": gettext_lazy("an object { … }"),
}
# What a code or number must look like (field_checks._matching's `what`).
WHATS = {
    "SHA-256 digest": gettext_lazy("SHA-256 digest"),
    "reproduction number": gettext_lazy("reproduction number"),
    "legend code": gettext_lazy("legend code"),
    "office code": gettext_lazy("office code"),
}


@dataclass(frozen=True)
class ImportProblem:
    where: str  # "designs › 2 › product"; "" for the document as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def import_problems(errors: Iterable[FieldError]) -> list[ImportProblem]:
    return [ImportProblem(path_words(e.path), message_words(e.message)) for e in errors]


def path_words(path: str) -> str:
    """`designs[1].product` -> "designs › 2 › product" (array positions counted from 1)."""
    steps = []
    for name, index in _STEP.findall(path or ""):
        steps.append(name if name else str(int(index) + 1))
    return SEPARATOR.join(steps)


def _kind(text: str) -> str:
    return str(KINDS.get(text, text))


def _what(text: str) -> str:
    return str(WHATS.get(text, text))


# (the parser's form, its wording in the active language from the matched groups)
_FORMS: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"required"), lambda m: _("this field is required")),
    (
        re.compile(r"required \(expected (.+)\)"),
        lambda m: _("this field is required (expected %(expected)s)") % {"expected": m[1]},
    ),
    (
        re.compile(r"expected a date as YYYY-MM-DD, got (.+)"),
        lambda m: _("expected a date written YYYY-MM-DD, got %(got)s") % {"got": _kind(m[1])},
    ),
    (
        re.compile(r"expected (.+?), got (.+)"),
        lambda m: (
            _("expected %(expected)s, got %(got)s") % {"expected": _kind(m[1]), "got": _kind(m[2])}
        ),
    ),
    (
        re.compile(r'unknown key (".*"); did you mean (".*")\?'),
        lambda m: _("unknown key %(key)s; did you mean %(hint)s?") % {"key": m[1], "hint": m[2]},
    ),
    (re.compile(r"unknown key (.+)"), lambda m: _("unknown key %(key)s") % {"key": m[1]}),
    (
        re.compile(r"must be one of (.+), got (.+)"),
        lambda m: (
            _("must be one of %(allowed)s, got %(got)s") % {"allowed": m[1], "got": _kind(m[2])}
        ),
    ),
    (
        re.compile(r"must be at least (\d+), got (.+)"),
        lambda m: (
            _("must be at least %(minimum)s, got %(got)s") % {"minimum": m[1], "got": _kind(m[2])}
        ),
    ),
    (
        re.compile(r'unknown country code (.+) \(ISO 3166-1, such as "CH"\)'),
        lambda m: (
            _('unknown country code %(code)s (two letters of ISO 3166-1, such as "CH")')
            % {"code": m[1]}
        ),
    ),
    (
        re.compile(r"invalid country code (.+)"),
        lambda m: _("invalid country code %(code)s") % {"code": _kind(m[1])},
    ),
    (
        re.compile(r"invalid Contracting Party code (.+)"),
        lambda m: _("invalid Contracting Party code %(code)s") % {"code": _kind(m[1])},
    ),
    (
        re.compile(r"unknown Contracting Party (.+)"),
        lambda m: _("unknown Contracting Party %(code)s") % {"code": m[1]},
    ),
    (
        re.compile(r"(.+) is not a Contracting Party; indicate (.+) instead"),
        lambda m: (
            _("%(code)s is not a Contracting Party; indicate %(party)s instead")
            % {"code": m[1], "party": m[2]}
        ),
    ),
    (
        re.compile(r'invalid Locarno code (.+) \(expected "CC" or "CC-SS"\)'),
        lambda m: (
            _('invalid Locarno code %(code)s (expected "CC" or "CC-SS")') % {"code": _kind(m[1])}
        ),
    ),
    (
        re.compile(r"unknown class (.+)"),
        lambda m: _("unknown Locarno class %(code)s") % {"code": m[1]},
    ),
    (
        re.compile(r"unknown subclass (.+)"),
        lambda m: _("unknown Locarno subclass %(code)s") % {"code": m[1]},
    ),
    (
        re.compile(r"(.+) provides no reduction of its designation fee"),
        lambda m: _("%(party)s provides no reduction of its designation fee") % {"party": m[1]},
    ),
    (
        re.compile(r"must be true or one of (.+), got (.+)"),
        lambda m: (
            _("must be true or one of %(levels)s, got %(got)s")
            % {"levels": m[1], "got": _kind(m[2])}
        ),
    ),
    (
        re.compile(r"must be (.+) for (.+), got (.+)"),
        lambda m: (
            _("must be %(accepted)s for %(party)s, got %(got)s")
            % {"accepted": m[1], "party": m[2], "got": _kind(m[3])}
        ),
    ),
    (
        re.compile(r"unsupported schema (.+) \(expected (.+)\)"),
        lambda m: (
            _("unsupported schema %(schema)s (expected %(expected)s)")
            % {"schema": _kind(m[1]), "expected": m[2]}
        ),
    ),
    (
        re.compile(
            r"invalid (SHA-256 digest|reproduction number|legend code|office code) (.+?)"
            r"(?: \(expected (.+)\))?"
        ),
        lambda m: (
            (
                _("invalid %(what)s %(value)s (expected %(expected)s)")
                if m[3]
                else _("invalid %(what)s %(value)s")
            )
            % {"what": _what(m[1]), "value": _kind(m[2]), "expected": m[3]}
        ),
    ),  # fmt: skip
    (
        re.compile(r"contains a NUL character"),
        lambda m: _("contains a NUL character, which no text may hold"),
    ),
    (
        re.compile(r"contains an invalid character \(lone surrogate (U\+[0-9A-F]+)\)"),
        lambda m: _("contains an invalid character (a lone surrogate, %(code)s)") % {"code": m[1]},
    ),
]


def message_words(message: str) -> str:
    for form, words in _FORMS:
        found = form.fullmatch(message)
        if found:
            return words(found)
    if message.startswith("a key "):
        return _("a key %(problem)s") % {"problem": message_words(message[6:])}
    return message
