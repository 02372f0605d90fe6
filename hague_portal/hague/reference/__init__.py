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
  legend_codes, ib_closed_days. A bad row raises `ReferenceDataError(table, index, reason)`.

ReferenceData API (all pure, no ORM):
    ref.party(code) -> Party | None
    ref.parties(language=None) -> tuple[Party, ...]     # sorted by name (in "fr"/"es": the
                                                        # localized name, accents ignored)
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
    party.name_in(language), locarno.title_in(language), legend.legend_in(language)
                                                        # the name in "en"/"fr"/"es" (or "fr-ch"),
                                                        # English when that column is blank
    ref.ib_closed(day) -> bool                           # Saturday, Sunday or an ib_closed_days row
    ref.ib_next_working_day(day) -> date                 # day itself when the IB is open
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

from .csv_files import (
    check_translated,
    load_reference_dir,
    read_reference_dir,
    write_reference_dir,
)
from .parsing import columns, parse_row, to_native, to_row
from .rows import (
    ACTS,
    ANY_PARTY,
    CONFIDENCES,
    FEE_ITEMS,
    FEE_TYPES,
    FEE_VARIANTS,
    LOCARNO_LEVELS,
    TABLES,
    TRANSLATED,
    TRANSLATIONS,
    Act,
    ClosedDay,
    Declaration,
    FeeRow,
    FeeType,
    LdcEntry,
    LegendCode,
    LocarnoClass,
    Party,
    PartyAct,
    ReferenceDataError,
    in_language,
)
from .snapshot import ReferenceData

__all__ = [
    "ACTS",
    "ANY_PARTY",
    "Act",
    "CONFIDENCES",
    "ClosedDay",
    "Declaration",
    "FEE_ITEMS",
    "FEE_TYPES",
    "FEE_VARIANTS",
    "FeeRow",
    "FeeType",
    "LOCARNO_LEVELS",
    "LdcEntry",
    "LegendCode",
    "LocarnoClass",
    "Party",
    "PartyAct",
    "ReferenceData",
    "ReferenceDataError",
    "TABLES",
    "TRANSLATED",
    "TRANSLATIONS",
    "check_translated",
    "columns",
    "in_language",
    "load_reference_dir",
    "parse_row",
    "read_reference_dir",
    "to_native",
    "to_row",
    "write_reference_dir",
]
