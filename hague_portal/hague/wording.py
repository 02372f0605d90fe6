"""Party names in running text, read from the reference data (never written into code)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .i18n import gettext, language


def join_names(names) -> str:
    """'China, Japan and Republic of Korea'; '' for none."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return gettext("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


_SINGULAR = {"do": "does", "have": "has", "are": "is", "may": "may"}


def with_verb(names, verb: str) -> str:
    """'Japan and Mexico require', but 'United States of America requires': a party's name is
    singular even when it reads as a plural (issue 8)."""
    names = list(names)
    if len(names) == 1:
        verb = " ".join([_SINGULAR.get(verb.split()[0], verb.split()[0] + "s"), *verb.split()[1:]])
    return f"{join_names(names)} {verb}"


def names_declaring(
    ref, kind: str, on: date, *, value: str | None = None, among: Iterable[str] | None = None
) -> str:
    """The names of the parties that declare `kind` (with `value`, if given) on `on`; with
    `among` (e.g. the designations), only those parties."""
    wanted = None if among is None else set(among)
    codes = [
        code
        for code in ref.parties_declaring(kind, on)
        if (wanted is None or code in wanted)
        and (value is None or any(d.value == value for d in ref.declarations(code, on, kind)))
    ]
    names = (ref.party(code).name_in(language()) for code in codes)
    return join_names(sorted(names))
