"""How the Bulletin's text is searched: folded (lowercase, no accents) on both sides, so that
"muller" finds "Müller" on PostgreSQL and on SQLite alike, with no SQL function."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def codes(values) -> str:
    """Codes between spaces, so that " 06 " matches class 06 and not 106: " 06 06-01 "."""
    unique = sorted({str(v).strip().upper() for v in values if str(v).strip()})
    return f" {' '.join(unique)} " if unique else ""


def locarno_codes(locarno: str) -> list[str]:
    """A design's Locarno class and subclass: "06-01" is searched as "06" and "06-01"."""
    value = (locarno or "").strip()
    if not value:
        return []
    main = value.split("-", 1)[0].zfill(2)
    return [main, value] if "-" in value else [main]
