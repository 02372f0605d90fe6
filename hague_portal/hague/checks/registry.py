"""Findings and the registry of formality rules.

A rule is a generator function registered with `@rule(...)`. The decorator carries what is stable
about the rule (its `code`, `severity`, the DM/1 `item` and the `source` it comes from); the
function only yields `Hit`s saying where the problem is, which parties it concerns and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

ERROR = "error"  # the International Bureau would raise an irregularity: blocks submission
WARNING = "warning"  # a designated Office is likely to refuse, or the applicant should reconsider
INFO = "info"  # what will happen (e.g. a priority claim that will be disregarded)
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: str
    item: str
    parties: tuple[str, ...]
    message: str
    source: str
    field: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "item": self.item,
            "parties": list(self.parties),
            "message": self.message,
            "source": self.source,
            "field": self.field,
        }


class Hit(NamedTuple):
    """What a rule yields: the field to fix, the message, and the designated parties concerned."""

    field: str
    message: str
    parties: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: str
    item: str
    source: str
    check: Callable[..., Iterable[Hit]]

    def findings(self, ctx) -> Iterable[Finding]:
        for hit in self.check(ctx):
            yield Finding(
                code=self.code,
                severity=self.severity,
                item=self.item,
                parties=tuple(hit.parties),
                message=hit.message,
                source=self.source,
                field=hit.field,
            )


RULES: list[Rule] = []


def rule(*, code: str, severity: str, item: str, source: str):
    """Register a rule; codes are unique and stable (the wizard and the API key on them)."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(check):
        if any(existing.code == code for existing in RULES):
            raise ValueError(f"duplicate rule code {code!r}")
        RULES.append(Rule(code=code, severity=severity, item=item, source=source, check=check))
        return check

    return register
