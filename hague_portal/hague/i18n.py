"""Translation hook of the pure core: messages in English, translated by whoever runs the core.

The core imports no Django: rules write `gettext("Sign the application …")` (extracted by
`make messages` like any other string, `{name}` placeholders filled after translation with
`.format`), and the portal installs Django's gettext at start-up (`CoreConfig.ready`). Without it
(scripts, the core's own tests) messages stay in English.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str], str] = str


def gettext(message: str) -> str:
    return _translate(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _plural(singular, plural, count)


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


_plural: Callable[[str, str, int], str] = _english_plural


def install(translate: Callable[[str], str], plural: Callable[[str, str, int], str]) -> None:
    """Route the core's messages through `translate` (Django's gettext in the portal)."""
    global _translate, _plural
    _translate, _plural = translate, plural


def gettext_noop(message: str) -> str:
    """Mark a module-level English text for extraction; translate it with `gettext` on use."""
    return message
