"""Reference data of the Hague System as the pure rules core sees it.

CONTRACT (filled in by the reference-data work; other modules code against these names):

* Every row keeps `confidence` ("C", "S" or "U"), `source` and `notes`.
* Everything that changes over time carries `valid_from` / `valid_to` (inclusive, None = open).
  Lookups take the date on which the answer must hold (`on`), normally the filing date. Where
  several rows are in force on that date, the one with the latest `valid_from` wins.
* Rows come from the CSV files in `fixtures/reference/` (one row format everywhere: CSV columns ==
  Django model fields == the keyword arguments of `ReferenceData.from_rows`). The Django
  `reference` app builds a `ReferenceData` from its tables; tests and benchmarks may build it
  straight from the CSV files with `load_reference_dir()`. Values may be CSV strings or native
  Python values (date, int, Decimal, bool, None); extra keys such as `id` are ignored.
* Tables: acts, parties, party_acts, party_fee_types, ldc, declarations, fees, locarno,
  legend_codes. A bad row raises `ReferenceDataError(table, index, reason)`.

ReferenceData API (all pure, no ORM):
    ref.party(code) -> Party | None
    ref.parties() -> tuple[Party, ...]                  # sorted by name
    ref.acts_binding(code, on) -> frozenset[str]        # {"1999"}, {"1960"}, {"1999","1960"} or empty;
                                                        # honours Act.new_designations_until (freeze)
    ref.is_member(code, on) -> bool                     # bound by at least one Act on that date
    ref.act(act) -> Act | None                          # "1999" / "1960" with entry into force
    ref.party_acts(code) -> tuple[PartyAct, ...]        # with bound_from / date_confirmed
    ref.igo_members(code) -> tuple[str, ...]            # EM -> member State codes, OA -> ..., BX -> BE, LU, NL
    ref.igos_of(state_code) -> tuple[str, ...]          # "DE" -> ("EM",)   (IGOs only)
    ref.parties_covering(state_code) -> tuple[str, ...] # "BE" -> ("BX", "EM") (IGOs and Benelux)
    ref.is_ldc(code, on) -> bool                        # a State on the UN LDC list on that date, or an
                                                        # IGO the majority of whose members are LDCs
    ref.fee_type(code, on, *, locarno_class=None) -> FeeType | None
                                                        # standard level 1/2/3 or individual; Korea
                                                        # depends on the class (Guide footnote 7):
                                                        # class-specific rows win over generic ones
    ref.declarations(code, on, kind=None) -> tuple[Declaration, ...]   # the party's own rows
    ref.declaration(code, kind, on) -> Declaration | None             # the party's own row
    ref.parties_declaring(kind, on) -> frozenset[str]                  # never contains "*"
    ref.default(kind, on) -> Declaration | None          # party "*" rows (e.g. default deferment 30)
    ref.effective(code, kind, on) -> Declaration | None  # the party's row, else the "*" default
    ref.fee(item, on, *, party="*", variant="default", level=None, locarno_class=None) -> FeeRow | None
                                                        # party rows first, then the "*" Schedule row;
                                                        # level must equal the row's level (None for
                                                        # non-standard items)
    ref.locarno_class(code) -> LocarnoClass | None       # "06" or "06-01" ("6" and "6-1" accepted)
    ref.legend(code) -> LegendCode | None
    ref.rows(table) -> tuple[<dataclass>, ...]           # every row of a table, in load order

Helpers: parse_row(table, row), to_row(obj) (CSV strings), to_native(obj) (model values),
columns(table), read_reference_dir(path), load_reference_dir(path), write_reference_dir(path, tables).

Fee items: basic_first, basic_additional, publication_reproduction, publication_page (paper only),
description_word, standard_first, standard_additional (level 1-3), individual_first,
individual_additional, individual_per_design, individual_per_application,
individual_single_deposit, individual_multiple_deposit, individual_part1_first,
individual_part1_additional, individual_part2. Variants: default, ldc, reduced, small, micro.
Where no explicit `ldc` row exists the fee engine computes 10% of the amount rounded to the
nearest franc (Guide, "Reduction of fees for applicants from LDCs").
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

CONFIDENCES = ("C", "S", "U")
ACTS = ("1999", "1960")
FEE_TYPES = ("standard", "individual")
FEE_VARIANTS = ("default", "ldc", "reduced", "small", "micro")
FEE_ITEMS = (
    "basic_first",
    "basic_additional",
    "publication_reproduction",
    "publication_page",
    "description_word",
    "standard_first",
    "standard_additional",
    "individual_first",
    "individual_additional",
    "individual_per_design",
    "individual_per_application",
    "individual_single_deposit",
    "individual_multiple_deposit",
    "individual_part1_first",
    "individual_part1_additional",
    "individual_part2",
)
LOCARNO_LEVELS = ("class", "subclass")
ANY_PARTY = "*"


class ReferenceDataError(ValueError):
    """A bad reference row: `table`, 0-based `index` among its rows and the `reason`.

    The message reads "<file>:<line>: <reason>" (file defaults to "<table>.csv").
    """

    def __init__(self, table: str, index: int, reason: str, file: str | Path | None = None):
        self.table, self.index, self.reason = table, index, reason
        self.file = str(file) if file else f"{table}.csv"
        super().__init__(f"{self.file}:{self.line}: {reason}")

    @property
    def line(self) -> int:
        """Line number in the table's CSV file (line 1 is the header)."""
        return self.index + 2


# --- row types ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Act:
    act: str
    name: str
    entry_into_force: date
    new_designations_until: date | None  # 1960 Act freeze (UNCONFIRMED) is a data change
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class Party:
    code: str
    name: str
    is_igo: bool
    members: tuple[str, ...]  # EM, OA (IGOs) and BX (Benelux, one Contracting Party)
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class PartyAct:
    party: str
    act: str
    bound_from: date
    date_confirmed: bool  # False: date unknown, defaulted to the Act's entry into force
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class FeeType:
    party: str
    fee_type: str  # "standard" | "individual"
    level: int | None  # 1, 2 or 3 for standard (Rule 12(1)(c))
    locarno_classes: tuple[str, ...]  # empty = any class
    valid_from: date | None
    valid_to: date | None
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class LdcEntry:
    code: str
    name: str
    ldc_from: date | None
    ldc_to: date | None
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class Declaration:
    party: str  # "*" for defaults
    kind: str
    value: str
    provision: str
    valid_from: date | None
    valid_to: date | None
    confidence: str
    source: str
    notes: str

    @property
    def int_value(self) -> int | None:
        return int(self.value) if self.value.strip().isdigit() else None


@dataclass(frozen=True, slots=True)
class FeeRow:
    item: str
    party: str  # "*" for the Schedule of Fees
    variant: str
    level: int | None
    locarno_classes: tuple[str, ...]
    amount: Decimal  # CHF
    valid_from: date | None
    valid_to: date | None
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class LocarnoClass:
    code: str  # "06" or "06-01"
    level: str  # "class" | "subclass"
    title: str
    edition: str
    confidence: str
    source: str
    notes: str


@dataclass(frozen=True, slots=True)
class LegendCode:
    code: str
    legend: str
    confidence: str
    source: str
    notes: str


TABLES: dict[str, type] = {
    "acts": Act,
    "parties": Party,
    "party_acts": PartyAct,
    "party_fee_types": FeeType,
    "ldc": LdcEntry,
    "declarations": Declaration,
    "fees": FeeRow,
    "locarno": LocarnoClass,
    "legend_codes": LegendCode,
}

# --- value parsing ------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _opt_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _req_date(value) -> date:
    parsed = _opt_date(value)
    if parsed is None:
        raise ValueError("date is required")
    return parsed


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("y", "yes", "true", "1"):
        return True
    if text in ("n", "no", "false", "0", ""):
        return False
    raise ValueError(f"bad boolean {value!r} (expected Y or N)")


def _opt_int(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"bad integer {text!r}")
    return int(text)


def _amount(value) -> Decimal:
    try:
        amount = value if isinstance(value, Decimal) else Decimal(_text(value))
    except InvalidOperation:
        raise ValueError(f"bad amount {value!r} (expected a number of Swiss francs)") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"bad amount {value!r}")
    return amount


def _codes(value) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(_text(v) for v in value if _text(v))
    return tuple(part.strip() for part in _text(value).split(";") if part.strip())


def _choice(choices):
    def parse(value) -> str:
        text = _text(value)
        if text not in choices:
            raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
        return text

    return parse


_FIELD_PARSERS = {
    "entry_into_force": _req_date,
    "new_designations_until": _opt_date,
    "bound_from": _req_date,
    "valid_from": _opt_date,
    "valid_to": _opt_date,
    "ldc_from": _opt_date,
    "ldc_to": _opt_date,
    "is_igo": _bool,
    "date_confirmed": _bool,
    "members": _codes,
    "locarno_classes": _codes,
    "level": _opt_int,
    "amount": _amount,
    "confidence": _choice(CONFIDENCES),
}
_TABLE_PARSERS = {
    "acts": {"act": _choice(ACTS)},
    "party_acts": {"act": _choice(ACTS)},
    "party_fee_types": {"fee_type": _choice(FEE_TYPES)},
    "fees": {"item": _choice(FEE_ITEMS), "variant": _choice(FEE_VARIANTS)},
    "locarno": {"level": _choice(LOCARNO_LEVELS), "code": lambda v: _locarno_code(_text(v))},
}
_REQUIRED = {
    "acts": ("name",),
    "parties": ("code", "name"),
    "party_acts": ("party",),
    "party_fee_types": ("party",),
    "ldc": ("code", "name"),
    "declarations": ("party", "kind"),
    "fees": ("party",),
    "locarno": ("code", "title"),
    "legend_codes": ("code", "legend"),
}


def _locarno_code(code: str) -> str:
    parts = code.split("-")
    if not code or len(parts) > 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad Locarno code {code!r} (expected 06 or 06-01)")
    return "-".join(p.zfill(2) for p in parts)


def _class_of(code: str | None) -> str | None:
    return None if code is None else _locarno_code(str(code)).split("-")[0]


def parse_row(table: str, row: dict):
    """One row of `table` as its dataclass; raises ValueError with the reason."""
    cls = TABLES[table]
    parsers = {**_FIELD_PARSERS, **_TABLE_PARSERS.get(table, {})}
    values = {}
    for f in fields(cls):
        try:
            values[f.name] = parsers.get(f.name, _text)(row.get(f.name))
        except ValueError as exc:
            raise ValueError(f"{f.name}: {exc}") from None
    obj = cls(**values)
    _check_row(table, obj)
    return obj


def _check_row(table: str, obj) -> None:
    for name in _REQUIRED[table]:
        if not getattr(obj, name):
            raise ValueError(f"{name}: value is required")
    start = getattr(obj, "valid_from", None) or getattr(obj, "ldc_from", None)
    end = getattr(obj, "valid_to", None) or getattr(obj, "ldc_to", None)
    if start and end and start > end:
        raise ValueError(f"validity ends ({end}) before it starts ({start})")
    if table == "party_fee_types":
        _check_fee_type(obj)
    if table == "fees" and obj.item.startswith("standard_") and obj.level not in (1, 2, 3):
        raise ValueError("level: standard designation fees need level 1, 2 or 3")


def _check_fee_type(obj: FeeType) -> None:
    if obj.fee_type == "standard" and obj.level not in (1, 2, 3):
        raise ValueError("level: a standard fee type needs level 1, 2 or 3 (Rule 12(1)(c))")
    if obj.fee_type == "individual" and obj.level is not None:
        raise ValueError("level: an individual fee type has no level")


def columns(table: str) -> tuple[str, ...]:
    """The CSV columns of a table (also the Django model's field names)."""
    return tuple(f.name for f in fields(TABLES[table]))


def to_row(obj) -> dict[str, str]:
    """A dataclass row as CSV strings (the inverse of `parse_row`)."""
    return {f.name: _format(getattr(obj, f.name)) for f in fields(obj)}


def to_native(obj) -> dict:
    """A dataclass row as native values for a model, with code lists joined by ";"."""
    return {f.name: _join(getattr(obj, f.name)) for f in fields(obj)}


def _join(value):
    return ";".join(value) if isinstance(value, tuple) else value


def _format(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))  # 397.00 from the database exports as 397
    return str(_join(value))


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
    """Immutable, indexed snapshot of every reference table (see the module docstring)."""

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

    def parties(self) -> tuple[Party, ...]:
        return self._sorted

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
    for index, row in enumerate(t["party_acts"]):
        if row.act not in acts:
            raise ReferenceDataError("party_acts", index, f"act: unknown Act {row.act!r}")


# --- CSV files ----------------------------------------------------------------------------


def read_reference_dir(path: str | Path) -> dict[str, list[dict]]:
    """The raw rows of every `<table>.csv` in `path` (a missing file is an empty table)."""
    directory = Path(path)
    tables = {}
    for table in TABLES:
        file = directory / f"{table}.csv"
        if file.exists():
            with file.open(newline="", encoding="utf-8") as handle:
                tables[table] = list(csv.DictReader(handle))
    return tables


def load_reference_dir(path: str | Path) -> ReferenceData:
    """Build a ReferenceData from `fixtures/reference/`-style CSV files.

    Raises ReferenceDataError whose message reads "<dir>/<table>.csv:<line>: <reason>".
    """
    try:
        return ReferenceData.from_rows(**read_reference_dir(path))
    except ReferenceDataError as err:
        file = Path(path) / f"{err.table}.csv"
        raise ReferenceDataError(err.table, err.index, err.reason, file) from None


def write_reference_dir(path: str | Path, tables: dict[str, tuple]) -> None:
    """Write dataclass rows as `<table>.csv` files (the export format)."""
    directory = Path(path)
    directory.mkdir(parents=True, exist_ok=True)
    for table, cls in TABLES.items():
        names = [f.name for f in fields(cls)]
        with (directory / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(to_row(obj) for obj in tables.get(table, ()))
