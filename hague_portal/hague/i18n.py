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


def _english() -> str | None:
    return "en"


_language: Callable[[], str | None] = _english


def language() -> str:
    """The language messages are being written in ("en", "fr", "es"): party names, Locarno
    titles and legends of the reference data follow it (`party.name_in(language())`)."""
    return _language() or "en"


def install(
    translate: Callable[[str], str],
    plural: Callable[[str, str, int], str],
    active_language: Callable[[], str | None] | None = None,
) -> None:
    """Route the core's messages through `translate` (Django's gettext in the portal), and the
    names it quotes through `active_language` (Django's get_language)."""
    global _translate, _plural, _language
    _translate, _plural = translate, plural
    if active_language is not None:
        _language = active_language


def gettext_noop(message: str) -> str:
    """Mark a module-level English text for extraction; translate it with `gettext` on use."""
    return message
