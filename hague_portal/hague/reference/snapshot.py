"""`ReferenceData`: the immutable, indexed snapshot the rules core looks answers up in."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date, timedelta

from .parsing import _class_of, _locarno_code, parse_row
from .rows import (
    ANY_PARTY,
    TABLES,
    Act,
    Declaration,
    FeeRow,
    FeeType,
    LegendCode,
    LocarnoClass,
    Party,
    PartyAct,
    ReferenceDataError,
)

# --- validity helpers ---------------------------------------------------------------------


def _in_force(row, on: date) -> bool:
    return (row.valid_from is None or row.valid_from <= on) and (
        row.valid_to is None or on <= row.valid_to
    )


def _latest(rows) -> object | None:
    """The row with the latest valid_from (an open start counts as the earliest)."""
    return max(rows, key=lambda r: r.valid_from or date.min, default=None)


def _class_match(rows, on: date, locarno_class: str | None):
    """Rows in force; rows restricted to the class win over rows for any class."""
    cls = _class_of(locarno_class)
    live = [r for r in rows if _in_force(r, on)]
    specific = [r for r in live if r.locarno_classes and cls in r.locarno_classes]
    return _latest(specific) or _latest([r for r in live if not r.locarno_classes])


# --- the snapshot -------------------------------------------------------------------------


class ReferenceData:
    """Immutable, indexed snapshot of every reference table (see the package docstring)."""

    def __init__(self, tables: dict[str, tuple]):
        self._tables = tables
        self._index_parties(tables)
        self._index_dated(tables)
        self._memo: dict = {}

    # construction

    @classmethod
    def from_rows(cls, **tables: list[dict]) -> ReferenceData:
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise ReferenceDataError(sorted(unknown)[0], 0, "unknown table")
        parsed = {name: _parse_table(name, tables.get(name) or ()) for name in TABLES}
        _check_references(parsed)
        return cls(parsed)

    def _index_parties(self, t) -> None:
        self._acts = {a.act: a for a in t["acts"]}
        self._parties = {p.code: p for p in t["parties"]}
        self._sorted = tuple(sorted(t["parties"], key=lambda p: p.name))
        self._party_acts = _group(t["party_acts"], lambda r: r.party)
        self._covering = defaultdict(list)
        for p in self._sorted:
            for member in p.members:
                self._covering[member].append(p)
        self._locarno = {c.code: c for c in t["locarno"]}
        self._legends = {g.code: g for g in t["legend_codes"]}
        self._closed = frozenset(d.day for d in t["ib_closed_days"])

    def _index_dated(self, t) -> None:
        self._ldc = _group(t["ldc"], lambda r: r.code)
        self._fee_types = _group(t["party_fee_types"], lambda r: r.party)
        self._decl = _group(t["declarations"], lambda r: (r.party, r.kind))
        self._decl_by_party = _group(t["declarations"], lambda r: r.party)
        self._decl_by_kind = _group(t["declarations"], lambda r: r.kind)
        self._fees = _group(t["fees"], lambda r: (r.item, r.party, r.variant))

    def rows(self, table: str) -> tuple:
        return self._tables[table]

    # parties and Acts

    def party(self, code: str) -> Party | None:
        return self._parties.get(code)

    def parties(self, language: str | None = None) -> tuple[Party, ...]:
        """Every party sorted by its name in `language` (English by default)."""
        if language is None or language.split("-")[0] == "en":
            return self._sorted
        return self._memoized(("parties", language), _sorted_by_name, self._sorted, language)

    def act(self, act: str) -> Act | None:
        return self._acts.get(act)

    def party_acts(self, code: str) -> tuple[PartyAct, ...]:
        return self._party_acts.get(code, ())

    def acts_binding(self, code: str, on: date) -> frozenset[str]:
        return frozenset(
            pa.act
            for pa in self._party_acts.get(code, ())
            if pa.bound_from <= on and self._act_open(pa.act, on)
        )

    def _act_open(self, act: str, on: date) -> bool:
        # An Act closed to new designations (e.g. a 1960 Act freeze) binds nobody for new filings.
        a = self._acts.get(act)
        if a is None or on < a.entry_into_force:
            return False
        return a.new_designations_until is None or on <= a.new_designations_until

    def is_member(self, code: str, on: date) -> bool:
        return bool(self.acts_binding(code, on))

    def igo_members(self, code: str) -> tuple[str, ...]:
        party = self._parties.get(code)
        return party.members if party else ()

    def igos_of(self, state_code: str) -> tuple[str, ...]:
        return tuple(p.code for p in self._covering.get(state_code, ()) if p.is_igo)

    def parties_covering(self, state_code: str) -> tuple[str, ...]:
        return tuple(p.code for p in self._covering.get(state_code, ()))

    # LDCs (Guide, "Reduction of fees for applicants from LDCs")

    def is_ldc(self, code: str, on: date) -> bool:
        party = self._parties.get(code)
        if party and party.is_igo and party.members:
            ldc_members = sum(self._state_is_ldc(m, on) for m in party.members)
            return ldc_members * 2 > len(party.members)
        return self._state_is_ldc(code, on)

    def _state_is_ldc(self, code: str, on: date) -> bool:
        return any(
            (e.ldc_from is None or e.ldc_from <= on) and (e.ldc_to is None or on <= e.ldc_to)
            for e in self._ldc.get(code, ())
        )

    # fee types and fees

    def fee_type(self, code: str, on: date, *, locarno_class: str | None = None) -> FeeType | None:
        return _class_match(self._fee_types.get(code, ()), on, locarno_class)

    def fee(
        self,
        item: str,
        on: date,
        *,
        party: str = ANY_PARTY,
        variant: str = "default",
        level: int | None = None,
        locarno_class: str | None = None,
    ) -> FeeRow | None:
        for who in dict.fromkeys((party, ANY_PARTY)):
            rows = [r for r in self._fees.get((item, who, variant), ()) if r.level == level]
            found = _class_match(rows, on, locarno_class)
            if found:
                return found
        return None

    # declarations

    def declarations(self, code: str, on: date, kind: str | None = None) -> tuple[Declaration, ...]:
        rows = self._decl.get((code, kind), ()) if kind else self._decl_by_party.get(code, ())
        return tuple(r for r in rows if _in_force(r, on))

    def declaration(self, code: str, kind: str, on: date) -> Declaration | None:
        rows = self._decl.get((code, kind))
        if not rows:  # the common case, kept cheap: most parties declare nothing of a kind
            return None
        if len(rows) == 1:
            return rows[0] if _in_force(rows[0], on) else None
        return _latest(r for r in rows if _in_force(r, on))

    def default(self, kind: str, on: date) -> Declaration | None:
        return self._memoized(("default", kind, on), self.declaration, ANY_PARTY, kind, on)

    def effective(self, code: str, kind: str, on: date) -> Declaration | None:
        return self.declaration(code, kind, on) or self.default(kind, on)

    def parties_declaring(self, kind: str, on: date) -> frozenset[str]:
        return self._memoized(("declaring", kind, on), self._declaring, kind, on)

    def _declaring(self, kind: str, on: date) -> frozenset[str]:
        rows = self._decl_by_kind.get(kind, ())
        return frozenset(r.party for r in rows if r.party != ANY_PARTY and _in_force(r, on))

    def _memoized(self, key, compute, *args):
        try:
            return self._memo[key]
        except KeyError:
            if len(self._memo) > 50_000:  # bounded: keys include the date
                self._memo.clear()
            value = self._memo[key] = compute(*args)
            return value

    # classifications

    def locarno_class(self, code: str) -> LocarnoClass | None:
        try:
            return self._locarno.get(_locarno_code(str(code)))
        except ValueError:
            return None

    def legend(self, code: str) -> LegendCode | None:
        return self._legends.get(str(code))

    # days the International Bureau is closed

    def ib_closed(self, day: date) -> bool:
        return day.weekday() >= 5 or day in self._closed

    def ib_next_working_day(self, day: date) -> date:
        """`day`, or the first following day the IB is open (Paris Convention Art 4C(3))."""
        while self.ib_closed(day):
            day += timedelta(days=1)
        return day


def _sorted_by_name(parties, language: str) -> tuple[Party, ...]:
    # "Égypte" sorts with the E's, not after "Viet Nam": compare without accents, then as written.
    def key(party):
        name = party.name_in(language)
        bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return bare.casefold(), name

    return tuple(sorted(parties, key=key))


def _group(rows, key) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return {k: tuple(v) for k, v in grouped.items()}


def _parse_table(table: str, rows) -> tuple:
    parsed = []
    for index, row in enumerate(rows):
        try:
            parsed.append(parse_row(table, row))
        except ValueError as exc:
            raise ReferenceDataError(table, index, str(exc)) from None
    return tuple(parsed)


def _check_references(t: dict[str, tuple]) -> None:
    """Cross-table checks: every party and Act a row names must exist."""
    parties = {p.code for p in t["parties"]}
    acts = {a.act for a in t["acts"]}
    for table in ("party_acts", "party_fee_types", "declarations", "fees"):
        allowed = parties | {ANY_PARTY} if table in ("declarations", "fees") else parties
        for index, row in enumerate(t[table]):
            if row.party not in allowed:
                raise ReferenceDataError(table, index, f"party: unknown party {row.party!r}")
    _check_history(t["fees"], "fees", lambda r: (r.item, r.party, r.variant, r.level))
    _check_history(t["party_fee_types"], "party_fee_types", lambda r: r.party)
    days: set = set()
    for index, row in enumerate(t["ib_closed_days"]):
        if row.day in days:
            raise ReferenceDataError("ib_closed_days", index, f"day: {row.day} is listed twice")
        days.add(row.day)
    for index, row in enumerate(t["party_acts"]):
        if row.act not in acts:
            raise ReferenceDataError("party_acts", index, f"act: unknown Act {row.act!r}")


def _check_history(rows, table: str, key) -> None:
    """Amounts keep their history as rows with effective dates; two rows of one fee starting on
    the same day would make the amount in force on a back-dated filing date ambiguous."""
    seen: dict = {}
    for index, row in enumerate(rows):
        start = (key(row), row.locarno_classes, row.valid_from)
        if start in seen:
            raise ReferenceDataError(
                table,
                index,
                f"valid_from: another row of the same fee (line {seen[start] + 2}) also starts "
                f"on {row.valid_from or 'the earliest date'}: give the new amount its own "
                "valid_from and keep the old row for earlier filings",
            )
        seen[start] = index
