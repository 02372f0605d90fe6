"""The parts of form DM/1 as the Guide names them, for findings and irregularities.

The Guide numbers items 1 to 19 (1 applicant ... 8 product indication ... 10 legends ... 19
signature). What it does not number keeps its name, never a borrowed number: the reproductions
(the reproduction sheets, Rule 9; item 6 only counts them), Annexes I-V, and the fees (the fee
payment sheet, "Payment of fees", which follows item 19 and is not part of it).
"""

from __future__ import annotations

from .i18n import gettext

NUMBERED = tuple(str(n) for n in range(1, 20))
REPRODUCTIONS = "reproductions"
ANNEXES = "annexes"  # the Annexes in general (a required document missing)
FEES = "fees"
ANNEX_PREFIX = "annex_"  # "annex_I" ... "annex_V"


def item_reference(item: str) -> str:
    """How a sentence names the part `item` concerns: "item 8", "Annex I", "reproductions",
    "fees"; "" for none. Capitalise it at the start of a sentence."""
    if not item:
        return ""
    if item in NUMBERED:
        return gettext("item %(item)s") % {"item": item}
    if item.startswith(ANNEX_PREFIX):
        return gettext("Annex %(annex)s") % {"annex": item.removeprefix(ANNEX_PREFIX)}
    if item == REPRODUCTIONS:
        return gettext("reproductions")
    if item == FEES:
        return gettext("fees")
    if item == ANNEXES:
        return gettext("annexes")
    return item


def item_record(item: str) -> str:
    """The same in English whatever the active language, for the audit trail's records."""
    if item in NUMBERED:
        return f"item {item}"
    if item.startswith(ANNEX_PREFIX):
        return f"Annex {item.removeprefix(ANNEX_PREFIX)}"
    return item or "—"
