"""The application document: every DM/1 item 1-19 and Annexes I-V as immutable dataclasses.

The same JSON document ("hague-portal/application@1") is the API's input, the import/export
format of drafts and what is frozen at submission. Attribute names mirror the JSON keys exactly;
JSON lists become tuples so that a document is hashable and can be shared between threads.

This module is part of the pure rules core: no Django, no ORM, no settings.
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date
from difflib import get_close_matches
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, get_args, get_origin, get_type_hints

from .clock import geneva_today

if TYPE_CHECKING:
    from .reference import ReferenceData

SCHEMA = "hague-portal/application@1"


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
    locarno: str  # "CC" or "CC-SS"
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
    principal: int


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


# --- JSON <-> Application ------------------------------------------------------------------
# Hand-written rather than pydantic: the walker below is driven by the dataclasses' own type
# hints, so it stays small, keeps the core plain frozen dataclasses, and produces the FieldError
# contract directly (paths like `designs[3].locarno`, every error collected) instead of
# translating another library's error model. Strict JSON types: no coercion of "1" to 1.


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # e.g. "designs[3].locarno"; "" for the document itself
    message: str  # e.g. 'unknown class "33"'

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DocumentError(ValueError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def parse_application(data: object, ref: ReferenceData | None = None) -> Application:
    """Build an Application from its JSON form, or raise DocumentError listing every problem.

    Only the shape is enforced (a draft may be incomplete: the formality checks report what is
    missing). With `ref`, Contracting Parties and Locarno classes must also exist, and item 18
    reductions must be ones the party declared.
    """
    ctx = _Context(ref, _filing_date_of(data))
    if type(data) is dict and "schema" not in data:  # a versioned format: never guess the version
        ctx.error("schema", f"required (expected {_q(SCHEMA)})")
    app = _object_parser(Application)(data, "", ctx)
    if ctx.errors:
        raise DocumentError(ctx.errors)
    return app


def application_to_json(app: Application) -> dict:
    """The normalised JSON form: every key present, dates as ISO strings, tuples as lists."""
    return _to_json(app)


def _filing_date_of(data: object) -> date:
    # Dated reference data (declarations) are read as in force on the filing date; a draft
    # without one is read as of today.
    raw = data.get("filing_date") if type(data) is dict else None
    parsed = _parse_date(raw, "", _Context(None, date.min)) if raw is not None else None
    return parsed if type(parsed) is date else geneva_today()


def _to_json(value):
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)  # fee_reductions: str keys, str/bool values
    if hasattr(value, "__dataclass_fields__"):
        return {name: _to_json(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


class _Context:
    __slots__ = ("errors", "on", "ref")

    def __init__(self, ref, on: date):
        self.ref = ref
        self.on = on  # the date dated reference data must hold on
        self.errors: list[FieldError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))


_INVALID = object()  # returned by a parser that has recorded an error
_JSON_KINDS = {type(None): "null", bool: "a boolean", int: "a number", float: "a number",
               str: "a string", list: "an array", dict: "an object"}  # fmt: skip


def _q(value: object) -> str:
    """A JSON scalar as it was written (strings in double quotes), anything else by its kind."""
    if type(value) is int and not -(10**18) < value < 10**18:
        return "a very large number"  # str() of a huge int may raise (sys.int_max_str_digits)
    if type(value) in (str, bool, int, float, type(None)):
        return json.dumps(value, ensure_ascii=False)
    return _kind(value)


def _kind(value: object) -> str:
    return _JSON_KINDS.get(type(value), type(value).__name__)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scalar_parser(expected: tuple[type, ...], label: str):
    def parse(value, path, ctx):
        if type(value) in expected:  # exact type: a JSON boolean is not a number
            return value
        ctx.error(path, f"expected {label}, got {_kind(value)}")
        return _INVALID

    return parse


def _parse_date(value, path, ctx):
    if type(value) is str and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    ctx.error(path, f"expected a date as YYYY-MM-DD, got {_q(value)}")
    return _INVALID


def _optional_parser(inner):
    def parse(value, path, ctx):
        return None if value is None else inner(value, path, ctx)

    return parse


def _tuple_parser(item):
    def parse(value, path, ctx):
        if type(value) is not list:
            ctx.error(path, f"expected an array, got {_kind(value)}")
            return _INVALID
        items = tuple(item(v, f"{path}[{i}]", ctx) for i, v in enumerate(value))
        return _INVALID if any(i is _INVALID for i in items) else items

    return parse


def _mapping_parser(item):
    def parse(value, path, ctx):
        if type(value) is not dict:
            ctx.error(path, f"expected an object, got {_kind(value)}")
            return _INVALID
        out = {k: item(v, _join(path, str(k)), ctx) for k, v in value.items()}
        return _INVALID if any(v is _INVALID for v in out.values()) else out

    return parse


@cache
def _object_parser(cls):
    hints = get_type_hints(cls)
    fields_ = [
        (f.name, _parser_for(hints[f.name]), _is_required(f), _CHECKS.get((cls, f.name), ()))
        for f in dataclass_fields(cls)
    ]
    names = frozenset(name for name, *_ in fields_)

    def parse(value, path, ctx):
        if type(value) is not dict:
            ctx.error(path, f"expected an object, got {_kind(value)}")
            return _INVALID
        _reject_unknown_keys(value, names, path, ctx)
        kwargs = _parse_fields(fields_, value, path, ctx)
        return _INVALID if kwargs is None else cls(**kwargs)

    return parse


def _parse_fields(fields_, value: dict, path: str, ctx) -> dict | None:
    kwargs, valid = {}, True
    for name, parse_field, required, checks in fields_:
        if name not in value:
            if required:
                ctx.error(_join(path, name), "required")
                valid = False
            continue
        sub = _join(path, name)
        kwargs[name] = parsed = parse_field(value[name], sub, ctx)
        ok = parsed is not _INVALID and (not checks or _check(checks, parsed, sub, ctx))
        valid = ok and valid
    return kwargs if valid else None


def _is_required(f) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def _reject_unknown_keys(value: dict, names: frozenset[str], path: str, ctx) -> None:
    for key in [k for k in value if k not in names]:  # in document order
        hint = get_close_matches(key, names, n=1) if isinstance(key, str) else []
        suggestion = f"; did you mean {_q(hint[0])}?" if hint else ""
        ctx.error(_join(path, str(key)), f"unknown key {_q(key)}{suggestion}")


def _parser_for(hint):
    if hint in _SCALARS:
        return _SCALARS[hint]
    args = [a for a in get_args(hint) if a is not type(None)]
    if isinstance(hint, UnionType) and len(args) < len(get_args(hint)):
        return _optional_parser(_parser_for(args[0]))  # X | None (no optional unions here)
    if isinstance(hint, UnionType):  # str | bool: fee_reductions values, judged by _fee_reductions
        return _as_is
    if get_origin(hint) is tuple:
        return _tuple_parser(_parser_for(args[0]))
    if get_origin(hint) is dict:
        return _mapping_parser(_parser_for(args[1]))
    return _object_parser(hint)


def _as_is(value, path, ctx):
    return value


_SCALARS = {
    str: _scalar_parser((str,), "a string"),
    int: _scalar_parser((int,), "an integer"),
    bool: _scalar_parser((bool,), "true or false"),
    date: _parse_date,
}


# --- value checks beyond the JSON type: enums, code formats, reference data -----------------
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTY = re.compile(r"[A-Z]{2}")  # WIPO ST.3 two-letter code (EM, OA, BX included)
_OFFICE = re.compile(r"[A-Z]{2}|WIPO")  # item 13: any office, or WIPO for an earlier Hague filing
_COUNTRY = re.compile(r"(?:[A-Z]{2})?")  # ISO 3166-1 alpha-2; "" while a draft lacks it
_LOCARNO = re.compile(r"(\d{2})(?:-\d{2})?")
_REPRODUCTION = re.compile(r"([1-9]\d*)\.[1-9]\d*")  # "<design>.<view>" (A.I. Section 405)
_LEGEND = re.compile(r"\d{1,2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FEE_REDUCTION_LEVELS = ("small", "micro")  # item 18: US; other parties: true


def _check(checks, value, path: str, ctx) -> bool:
    before = len(ctx.errors)
    for check in checks:
        check(value, path, ctx)
    return len(ctx.errors) == before


def _one_of(*allowed):
    def check(value, path, ctx):
        if value not in allowed:
            ctx.error(path, f"must be one of {', '.join(map(_q, allowed))}, got {_q(value)}")

    return check


def _matching(pattern: re.Pattern, what: str, expected: str = ""):
    def check(value, path, ctx):
        if value is not None and not pattern.fullmatch(value):
            ctx.error(path, f"invalid {what} {_q(value)}{expected}")

    return check


def _at_least(minimum: int):
    def check(value, path, ctx):
        if value is not None and value < minimum:
            ctx.error(path, f"must be at least {minimum}, got {_q(value)}")

    return check


def _each(check):
    def check_all(values, path, ctx):
        for i, value in enumerate(values):
            check(value, f"{path}[{i}]", ctx)

    return check_all


def _party(value, path, ctx):
    if value is None:
        return
    if type(value) is not str or not _PARTY.fullmatch(value):
        ctx.error(path, f"invalid Contracting Party code {_q(value)}")
    elif ctx.ref is not None and ctx.ref.party(value) is None:
        ctx.error(path, f"unknown Contracting Party {_q(value)}")


def _entitlement_party(value, path, ctx):
    # Guide item 2, "Entitlement via an intergovernmental organization": a connection with a
    # member State that is not itself a Contracting Party is indicated through the IGO only
    # (likewise Belgium, Luxembourg and the Netherlands through Benelux).
    if ctx.ref is not None and _PARTY.fullmatch(value) and ctx.ref.party(value) is None:
        covering = " and ".join(map(_q, ctx.ref.parties_covering(value)))
        if covering:
            ctx.error(path, f"{_q(value)} is not a Contracting Party; indicate {covering} instead")
            return
    _party(value, path, ctx)


def _locarno(value, path, ctx):
    match = _LOCARNO.fullmatch(value)
    if not match:
        ctx.error(path, f'invalid Locarno code {_q(value)} (expected "CC" or "CC-SS")')
    elif ctx.ref is not None and ctx.ref.locarno_class(match[1]) is None:
        ctx.error(path, f"unknown class {_q(match[1])}")
    elif ctx.ref is not None and _unknown_subclass(value, match[1], ctx.ref):
        ctx.error(path, f"unknown subclass {_q(value)}")


def _unknown_subclass(code: str, class_code: str, ref) -> bool:
    # The reference data lists subclasses for a few classes only. A class's list is taken as
    # complete once its catch-all subclass "-99" is present; otherwise a subclass is not judged.
    if code == class_code or ref.locarno_class(code) is not None:
        return False
    return ref.locarno_class(f"{class_code}-99") is not None


def _fee_reductions(value: dict, path: str, ctx) -> None:
    for party, reduction in value.items():
        sub, before = _join(path, str(party)), len(ctx.errors)
        _party(party, sub, ctx)
        if reduction is not True and reduction not in _FEE_REDUCTION_LEVELS:
            levels = ", ".join(map(_q, _FEE_REDUCTION_LEVELS))
            ctx.error(sub, f"must be true or one of {levels}, got {_q(reduction)}")
        if ctx.ref is not None and len(ctx.errors) == before:
            _declared_fee_reduction(party, reduction, sub, ctx)


def _declared_fee_reduction(party: str, reduction, path: str, ctx) -> None:
    # Item 18: "small"/"micro" where the party declared such levels (US), true where it declared
    # a single reduced amount (IL, MX), as declared on the filing date.
    declared = {d.value for d in ctx.ref.declarations(party, ctx.on, kind="fee_reduction")}
    accepted = [_q(v) for v in _FEE_REDUCTION_LEVELS if v in declared]
    accepted += ["true"] if declared - set(_FEE_REDUCTION_LEVELS) else []
    if not accepted:
        ctx.error(path, f"{_q(party)} provides no reduction of its designation fee")
    elif _q(reduction) not in accepted:
        ctx.error(path, f"must be {' or '.join(accepted)} for {_q(party)}, got {_q(reduction)}")


def _schema(value, path, ctx):
    if value != SCHEMA:
        ctx.error(path, f"unsupported schema {_q(value)} (expected {_q(SCHEMA)})")


_parties = _each(_party)
_design_numbers = _each(_at_least(1))
_sha256 = _matching(_SHA256, "SHA-256 digest", " (expected 64 lowercase hex digits)")
_CHECKS = {
    (Application, "schema"): [_schema],
    (Application, "designations"): [_parties],
    (Application, "applicant_contracting_party"): [_party],
    (Application, "fee_reductions"): [_fee_reductions],
    (Applicant, "kind"): [_one_of("natural", "legal")],
    (Address, "country"): [_matching(_COUNTRY, "country code")],
    (Design, "number"): [_at_least(1)],
    (Design, "locarno"): [_locarno],
    (Reproduction, "number"): [
        _matching(_REPRODUCTION, "reproduction number", ' (expected "<design>.<n>")')
    ],
    # Not checked against ref.legend(): the data knows codes 1, 2 and 00 only (legend-codes.csv).
    (Reproduction, "legend_code"): [_matching(_LEGEND, "legend code")],
    (Reproduction, "sha256"): [_sha256],
    (Creator, "designs"): [_design_numbers],
    (Priority, "office"): [_matching(_OFFICE, "office code")],
    (Priority, "designs"): [_design_numbers],
    (Exhibition, "designs"): [_design_numbers],
    (NoveltyException, "designs"): [_design_numbers],
    (NoveltyException, "parties"): [_parties],
    (RelatedDesign, "design"): [_at_least(1)],
    (RelatedDesign, "principal"): [_at_least(1)],
    (MainDesign, "main"): [_at_least(1)],
    (Publication, "mode"): [_one_of("standard", "immediate", "deferred")],
    (Publication, "months"): [_at_least(0)],
    (AnnexEntry, "sha256"): [_sha256],
    (AnnexEntry, "designs"): [_design_numbers],
    (AnnexEntry, "parties"): [_parties],
    (AnnexEntry, "priority"): [_at_least(0)],
    (Signatory, "capacity"): [_one_of("applicant", "representative")],
}
for _factor in ("establishment", "domicile", "nationality", "habitual_residence"):
    _CHECKS[Entitlement, _factor] = [_each(_entitlement_party)]
