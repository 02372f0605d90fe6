"""Formality checks of an international application (DM/1 items 1-19, Annexes I-V, fees).

    findings = run_checks(app, ref, on=date(2025, 9, 1))
    if is_blocking(findings): ...

Each rule is registered in RULES with a stable code, a severity, the DM/1 item and its source
(Guide item / Rule / Article). What differs per Contracting Party comes from the declarations
in the reference data, read once per run into a CheckContext.
"""

from __future__ import annotations

from datetime import date

from ..document import Application
from ..items import REPRODUCTIONS
from . import (  # noqa: F401 - registers the rules
    applicant,
    claim,
    creators,
    designations,
    designs,
    fees,
    priority,
    publication,
    signature,
    special,
)
from .context import CheckContext, build_context
from .registry import ERROR, INFO, RULES, SEVERITIES, WARNING, Finding, Rule

__all__ = [
    "ERROR",
    "INFO",
    "ITEMS",
    "ORDERED_RULES",
    "RULES",
    "SEVERITIES",
    "WARNING",
    "CheckContext",
    "Finding",
    "Rule",
    "is_blocking",
    "run_checks",
]


ITEMS = (
    *(str(n) for n in range(1, 11)),
    REPRODUCTIONS,  # not an item of the Guide: found with the legends of item 10, as before
    *(str(n) for n in range(11, 20)),
    "annex_I",
    "annex_II",
    "annex_III",
    "annex_IV",
    "annex_V",
    "fees",
)
ORDERED_RULES = tuple(sorted(RULES, key=lambda r: ITEMS.index(r.item)))  # stable: DM/1 item order


def run_checks(app: Application, ref, *, on: date | None = None) -> tuple[Finding, ...]:
    """All findings, in DM/1 item order. `on` defaults to the filing date, else today in Geneva."""
    ctx = build_context(app, ref, on)
    return tuple(finding for rule in ORDERED_RULES for finding in rule.findings(ctx))


def is_blocking(findings) -> bool:
    """An error stops submission; warnings and info do not."""
    return any(finding.severity == ERROR for finding in findings)
