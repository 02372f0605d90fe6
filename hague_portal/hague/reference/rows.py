"""The rows of the reference tables: one frozen dataclass per table, and their vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
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
    # Renewal (Rule 24(1)(a)-(c); hague-post-registration-fees.csv): the basic fee, the
    # standard designation fee (one amount whatever the level), the grace-period surcharge, and
    # the individual fees of Article 7(2) parties, whose `level` is the renewal's number (1 the
    # first renewal) where the amount depends on it, blank where it does not.
    "renewal_basic_first",
    "renewal_basic_additional",
    "renewal_standard_first",
    "renewal_standard_additional",
    "renewal_surcharge",
    "renewal_individual_first",
    "renewal_individual_additional",
    "renewal_individual_per_design",
    # Recording a change in the Register (Article 16(3); hague-post-registration-fees.csv): per
    # registration for a change in ownership or a limitation, per request for the others. Most
    # amounts were not found (confidence U, amount blank): the portal files the request and
    # tells the holder the International Bureau will give the amount.
    "recording_ownership",
    "recording_name_address",
    "recording_phone_email",
    "recording_limitation",
    "recording_renunciation",
    "recording_representative",
)
# Items whose amount may be blank (not found): only these, and only with confidence U.
AMOUNT_OPTIONAL = frozenset(item for item in FEE_ITEMS if item.startswith("recording_"))
LOCARNO_LEVELS = ("class", "subclass")
ANY_PARTY = "*"

# Names shown to users exist in the portal's three languages: the English column and its
# `<column>_fr` / `<column>_es` twins (issue 12). Table -> the English column.
TRANSLATED = {"parties": "name", "locarno": "title", "legend_codes": "legend"}
TRANSLATIONS = ("fr", "es")


def in_language(row, column: str, language: str | None) -> str:
    """`row.<column>` in `language` ("fr", "es", or a tag such as "fr-ch"), English when the
    language has no column or the row leaves it blank."""
    code = (language or "en").split("-")[0].lower()
    if code in TRANSLATIONS:
        return getattr(row, f"{column}_{code}") or getattr(row, column)
    return getattr(row, column)


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
    name_fr: str
    name_es: str
    is_igo: bool
    members: tuple[str, ...]  # EM, OA (IGOs) and BX (Benelux, one Contracting Party)
    confidence: str
    source: str
    notes: str

    def name_in(self, language: str | None) -> str:
        return in_language(self, "name", language)


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
    amount: Decimal | None  # CHF; None: not found (recording items only, confidence U)
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
    title_fr: str
    title_es: str
    edition: str
    confidence: str
    source: str
    notes: str

    def title_in(self, language: str | None) -> str:
        return in_language(self, "title", language)


@dataclass(frozen=True, slots=True)
class LegendCode:
    code: str
    legend: str
    legend_fr: str
    legend_es: str
    confidence: str
    source: str
    notes: str

    def legend_in(self, language: str | None) -> str:
        return in_language(self, "legend", language)


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A weekday on which the International Bureau is closed (Saturdays and Sundays need no row).

    A period that ends on such a day extends to the next working day (Paris Convention Art 4C(3);
    Rule 4(4) for periods before the IB).
    """

    day: date
    reason: str
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
    "ib_closed_days": ClosedDay,
}
