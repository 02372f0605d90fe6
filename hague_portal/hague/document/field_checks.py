"""Checks of document values beyond their JSON type: enums, code formats, reference data."""

from __future__ import annotations

import json
import re

# Only the ISO 3166-1 table of django-countries: its data module runs without Django (the core
# stays free of it), and it spares the core a hand-typed list of 249 codes.
from django_countries.data import COUNTRIES

from .schema import (
    LANGUAGES,
    SCHEMA,
    Address,
    AnnexEntry,
    Applicant,
    Application,
    Creator,
    Design,
    Entitlement,
    Exhibition,
    MainDesign,
    NoveltyException,
    Priority,
    Publication,
    RelatedDesign,
    Reproduction,
    Signatory,
)

# --- how messages name JSON values and paths (shared with the parser) ----------------------
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


ISO_COUNTRIES = frozenset(COUNTRIES)


def _country(value, path, ctx):
    # Items 1, 5 and 11: an ISO 3166-1 country ("" while a draft lacks it); "ZZ" is none.
    if value is None or value == "":
        return
    if type(value) is not str or not _COUNTRY.fullmatch(value):
        ctx.error(path, f"invalid country code {_q(value)}")
    elif value not in ISO_COUNTRIES:
        ctx.error(path, f'unknown country code {_q(value)} (ISO 3166-1, such as "CH")')


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
    if value is None:  # Guide, item 8: indicating the class is not compulsory
        return
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
    (Application, "language"): [_one_of(*LANGUAGES)],
    (Application, "designations"): [_parties],
    (Application, "applicant_contracting_party"): [_party],
    (Application, "fee_reductions"): [_fee_reductions],
    (Applicant, "kind"): [_one_of("natural", "legal")],
    (Address, "country"): [_country],
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
