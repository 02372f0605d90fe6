"""Dates as the International Bureau sees them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

# The International Bureau is in Geneva; Europe/Zurich is the IANA zone that covers it.
# (The tzdata package is a dependency, so the zone exists even without a system database.)
GENEVA = ZoneInfo("Europe/Zurich")


def geneva_today() -> date:
    """Today's date in Geneva: the default filing date of an application (Rule 13)."""
    return datetime.now(GENEVA).date()
