"""The deadline calendar as iCalendar (RFC 5545), written by hand: one all-day VEVENT per
running time limit. Lines end in CRLF, are folded at 75 octets, and text is escaped."""

from __future__ import annotations

from datetime import UTC, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

PRODID = "-//Hague Portal//Deadlines//EN"


def calendar_ics(deadlines, *, host: str) -> bytes:
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(gettext("Hague Portal time limits")),
    ]
    for deadline in deadlines:
        lines += _event(deadline, stamp=stamp, host=host)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _event(deadline, *, stamp: str, host: str) -> list[str]:
    label = deadline.number or deadline.title
    summary = f"{label}: {deadline.what}"
    description = f"{deadline.title}\n{deadline.client}".strip()
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline.uid}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{deadline.on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{deadline.on + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space,
    never splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74  # a continuation line starts with the space
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def calendar_host() -> str:
    return (getattr(settings, "SITE_URL", "") or "hague-portal").split("//")[-1].strip("/")
