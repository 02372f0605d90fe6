"""What every rule needs, computed once per run.

The per-party facts come from the declarations data: `ctx.parties("claim_required")` answers
"which designated parties declared that a claim is required", so no rule names a party code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..clock import geneva_today
from ..document import Application
from ..eligibility import applicant_entitlements, designation_acts
from ..i18n import language
from ..wording import join_names, with_verb


@dataclass(slots=True)
class CheckContext:
    app: Application
    ref: object
    on: date
    designated: tuple[str, ...]  # known parties, each once, in the order designated
    declared: dict[str, dict[str, tuple]]  # kind -> {designated party: declaration rows}
    acts: dict[
        str, str
    ]  # designated party -> "1999" | "1960" (only parties the applicant may designate)
    design_numbers: frozenset[int]
    _names: dict[str, str]
    memo: dict = field(default_factory=dict)  # per-run results shared by several rules

    def once(self, key: str, compute):
        """compute(self), computed once per run (e.g. one pass over 500 reproductions)."""
        if key not in self.memo:
            self.memo[key] = compute(self)
        return self.memo[key]

    @property
    def filing_date(self) -> date:
        return self.app.filing_date or self.on

    def parties(self, kind: str, *, act: str | None = None) -> tuple[str, ...]:
        """Designated parties that declared `kind` (optionally: designated under that Act)."""
        declaring = self.declared.get(kind, {})
        return tuple(
            p
            for p in self.designated
            if p in declaring and (act is None or self.acts.get(p) == act)
        )

    def rows(self, kind: str, party: str) -> tuple:
        return self.declared.get(kind, {}).get(party, ())

    def values(self, kind: str, party: str) -> tuple[str, ...]:
        return tuple(str(row.value).strip() for row in self.rows(kind, party))

    def name(self, code: str) -> str:
        if code not in self._names:
            party = self.ref.party(code)
            self._names[code] = party.name_in(language()) if party else code
        return self._names[code]

    def names(self, codes) -> str:
        """'China, Japan and Republic of Korea' for the message text."""
        return join_names(self.name(code) for code in codes)  # "" for none: callers show "-"

    def names_verb(self, codes, verb: str) -> str:
        """'Japan and Mexico require' / 'United States of America requires'."""
        return with_verb((self.name(code) for code in codes), verb)

    def names_declaring(self, kind: str) -> str:
        """Every party declaring `kind` on the date, designated or not (for 'only for ...')."""
        return self.names(sorted(self.ref.parties_declaring(kind, self.on), key=self.name)) or "-"


def build_context(app: Application, ref, on: date | None) -> CheckContext:
    on = on or app.filing_date or geneva_today()
    designated = _known_designations(app, ref, on)
    return CheckContext(
        app=app,
        ref=ref,
        on=on,
        designated=designated,
        declared=_declarations_by_kind(designated, ref, on),
        acts=_designation_acts(app, ref, on),
        design_numbers=frozenset(design.number for design in app.designs),
        _names={},
    )


def _designation_acts(app: Application, ref, on: date) -> dict[str, str]:
    """Designated parties every applicant may designate, with the Act governing each
    (Guide, item 7); a designated party missing here may not be designated."""
    first, *others = [
        designation_acts(e, ref, on)
        for e in dict.fromkeys((app.entitlement, *applicant_entitlements(app)))
        if e is not None
    ]
    wanted = set(app.designations)
    return {
        p: act for p, act in first.items() if p in wanted and all(p in other for other in others)
    }


def _known_designations(app: Application, ref, on: date) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for code in app.designations:
        if code not in seen and ref.party(code) is not None:
            seen[code] = None
    return tuple(seen)


def _declarations_by_kind(designated, ref, on) -> dict[str, dict[str, tuple]]:
    grouped: dict[str, dict[str, list]] = {}
    for party in designated:
        for row in ref.declarations(party, on):
            grouped.setdefault(row.kind, {}).setdefault(party, []).append(row)
    return {
        kind: {p: tuple(rows) for p, rows in by_party.items()} for kind, by_party in grouped.items()
    }
