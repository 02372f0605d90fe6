"""Characters no text of an application may hold (NUL, lone UTF-16 surrogates).

Pure, like the rest of the rules core: the document parser asks it, and `lib/text.py` builds the
Django validator for forms on it.
"""

import re

_NUL = "\x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """The reason `value` cannot be stored, said to a person, or None when it is fine."""
    if _NUL in value:
        return "contains a NUL character"
    surrogate = _LONE_SURROGATE.search(value)
    if surrogate:
        return f"contains an invalid character (lone surrogate U+{ord(surrogate.group()):04X})"
    return None
