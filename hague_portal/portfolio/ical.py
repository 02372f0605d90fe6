"""The deadline calendar as iCalendar (RFC 5545), written with the icalendar library: one all-day
VEVENT per running time limit (escaping, line folding and CRLF are the library's)."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

PRODID = "-//Hague Portal//Deadlines//EN"


def calendar_ics(deadlines, *, host: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gettext("Hague Portal time limits"))
    stamp = timezone.now()
    for deadline in deadlines:
        calendar.add_component(_event(deadline, stamp=stamp, host=host))
    return calendar.to_ical()


def _event(deadline, *, stamp, host: str) -> icalendar.Event:
    label = deadline.number or deadline.title
    event = icalendar.Event()
    event.add("uid", f"{deadline.uid}@{host}")
    event.add("dtstamp", stamp)
    # All-day: DTSTART and DTEND as dates, the end exclusive (RFC 5545 3.6.1).
    event.add("dtstart", deadline.on)
    event.add("dtend", deadline.on + timedelta(days=1))
    event.add("summary", f"{label}: {deadline.what}")
    event.add("description", f"{deadline.title}\n{deadline.client}".strip())
    event.add("transp", "TRANSPARENT")
    return event


def calendar_host() -> str:
    return (getattr(settings, "SITE_URL", "") or "hague-portal").split("//")[-1].strip("/")
