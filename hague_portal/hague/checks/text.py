"""Small text helpers shared by the rules."""

from __future__ import annotations

import re
import unicodedata

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


def is_email(value: str) -> bool:
    return bool(EMAIL.match(value.strip()))


def is_latin(text: str) -> bool:
    """True when every letter is a Latin letter (A.I. Section 301: otherwise transliterate)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def word_count(text: str | None) -> int:
    return len(text.split()) if text else 0


def design_list(numbers) -> str:
    return ", ".join(str(n) for n in numbers)


SLASH_SIGNATURE = re.compile(r"^/\s*([^/]*?)\s*/$")


def norm_name(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def slash_signature_name(signature: str | None) -> str | None:
    """'/Jane Doe/' -> 'Jane Doe'; None when not a text string signature (37 CFR 1.4(d)(2))."""
    match = SLASH_SIGNATURE.match((signature or "").strip())
    return match.group(1) if match and match.group(1) else None
