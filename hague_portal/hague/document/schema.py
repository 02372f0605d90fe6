"""The schema: DM/1 items 1-19 and Annexes I-V as frozen dataclasses (JSON keys as names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SCHEMA = "hague-portal/application@1"
LANGUAGES = ("en", "fr", "es")  # Rule 6(1)


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True)
class Entitlement:  # item 2: Contracting Party codes per connecting factor
    establishment: tuple[str, ...] = ()
    domicile: tuple[str, ...] = ()
    nationality: tuple[str, ...] = ()
    habitual_residence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Applicant:  # item 1
    name: str
    kind: str = "legal"  # "natural" | "legal"
    email: str | None = None
    address: Address = field(default_factory=Address)
    phone: str | None = None
    transliteration: str | None = None  # name in Latin characters, when written otherwise
    legal_nature: str | None = None  # legal entity: legal nature and State (item 1)
    # item 2 of this applicant when it differs from the application's (continuation sheet);
    # None: the application's `entitlement`. Needed because some rules (LDC fee reduction)
    # must hold for each applicant.
    entitlement: Entitlement | None = None


@dataclass(frozen=True, slots=True)
class Representative:  # item 5
    name: str
    address: Address = field(default_factory=Address)
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Reproduction:  # item 10
    number: str  # "<design>.<view>", e.g. "1.2"
    legend_code: str | None = None
    legend_text: str | None = None  # free text, with legend code "00"
    file: str | None = None  # reference to a stored file (never embedded)
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Design:  # items 6 and 8
    number: int
    product: str
    # "CC" or "CC-SS"; None when not indicated (Guide, item 8: the class is not compulsory).
    locarno: str | None = None
    reproductions: tuple[Reproduction, ...] = ()


@dataclass(frozen=True, slots=True)
class Creator:  # item 11
    name: str
    address: Address = field(default_factory=Address)
    designs: tuple[int, ...] = ()  # empty: creator of every design


@dataclass(frozen=True, slots=True)
class Priority:  # item 13
    office: str
    number: str
    date: date
    designs: tuple[int, ...] = ()  # empty: every design
    das_code: str | None = None


@dataclass(frozen=True, slots=True)
class Exhibition:  # item 14
    name: str
    place: str
    date: date
    designs: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NoveltyException:  # item 15 (CN, JP, KR)
    designs: tuple[int, ...] = ()
    parties: tuple[str, ...] = ()
    disclosure_date: date | None = None
    explanation: str | None = None


@dataclass(frozen=True, slots=True)
class RelatedDesign:  # item 16: a related design and the principal design it relates to
    design: int
    # The principal design: a design of this application, or (A.I. Section 407; Guide, item 16)
    # an earlier application or registration, named by its number.
    principal: int | None = None
    principal_earlier: str | None = None


@dataclass(frozen=True, slots=True)
class MainDesign:  # item 16 (CN: main design among similar designs; JP/KR: principal/related)
    main: int | None = None
    related: tuple[RelatedDesign, ...] = ()


@dataclass(frozen=True, slots=True)
class Publication:  # item 17
    mode: str = "standard"  # "standard" | "immediate" | "deferred"
    months: int | None = None  # with "deferred"


@dataclass(frozen=True, slots=True)
class AnnexEntry:  # a document supplied as one of Annexes I-V
    kind: str  # e.g. "declaration", "substitute_statement", "certification", "disclosure", "priority_document"
    file: str | None = None
    sha256: str | None = None
    creator: str | None = None  # Annex I: the creator it concerns
    signatory: str | None = None  # Annex I / IV: text signature "/Name/"
    signed_on: date | None = None
    designs: tuple[int, ...] = ()
    parties: tuple[str, ...] = ()
    priority: int | None = None  # Annex V: index of the priority claim it supports


@dataclass(frozen=True, slots=True)
class Annexes:
    I: tuple[AnnexEntry, ...] = ()  # noqa: E741 - the DM/1 names
    II: tuple[AnnexEntry, ...] = ()
    III: tuple[AnnexEntry, ...] = ()
    IV: tuple[AnnexEntry, ...] = ()
    V: tuple[AnnexEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Signatory:  # item 19
    name: str  # text signature, "/Jane Doe/"
    capacity: str = "applicant"  # "applicant" | "representative"


@dataclass(frozen=True, slots=True)
class Application:
    schema: str = SCHEMA
    # Rule 6(1): the application is in English, French or Spanish; the DM/1, the
    # acknowledgement and the International Bureau's notifications follow it.
    language: str = "en"
    reference: str | None = None
    filing_date: date | None = None  # None: today in Geneva
    applicants: tuple[Applicant, ...] = ()
    entitlement: Entitlement = field(default_factory=Entitlement)
    applicant_contracting_party: str | None = None  # item 3
    correspondence_email: str | None = None  # item 4
    representative: Representative | None = None
    designations: tuple[str, ...] = ()  # item 7
    designs: tuple[Design, ...] = ()
    description: str | None = None  # item 9
    creators: tuple[Creator, ...] = ()
    claim: str | None = None  # item 12
    priorities: tuple[Priority, ...] = ()
    exhibition: Exhibition | None = None
    novelty_exception: NoveltyException | None = None
    main_design: MainDesign | None = None
    publication: Publication = field(default_factory=Publication)
    # item 18: {"US": "small"|"micro", "IL": True, "MX": True}
    fee_reductions: dict[str, str | bool] = field(default_factory=dict, hash=False)
    annexes: Annexes = field(default_factory=Annexes)
    signatory: Signatory | None = None
