"""The facts of an application that its fees depend on, and what fee rows the data holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..document import Application
from ..eligibility import applicant_entitlements, entitlement_parties, is_ldc_applicant

if TYPE_CHECKING:
    from ..reference import ReferenceData

FREE_DESCRIPTION_WORDS = 100  # Schedule of Fees: 2 CHF per word beyond 100 (Guide, item 9)
STANDARD_PUBLICATION_MONTHS = 12  # Rule 17(1)(iii)


# --- the facts of the application that fees depend on --------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    ref: ReferenceData
    on: date
    designs: int  # at least one: an application always pays for one design
    reproductions: int
    extra_words: int
    locarno_class: str | None
    ldc: bool
    priority_claimed: bool
    publication_later: bool
    reductions: dict
    index: _Index  # which fee rows the data holds (built once per ReferenceData)
    memo: dict  # Schedule of Fees rows looked up during this calculation


def _facts(app: Application, ref: ReferenceData, on: date) -> _Facts:
    return _Facts(
        ref=ref,
        on=on,
        designs=max(len(app.designs), 1),
        reproductions=sum(len(d.reproductions) for d in app.designs),
        extra_words=max(len((app.description or "").split()) - FREE_DESCRIPTION_WORDS, 0),
        locarno_class=_locarno_class(app),
        ldc=_ldc_applicant(app, ref, on),
        priority_claimed=bool(app.priorities),
        publication_later=_publication_deferred(app),
        reductions=app.fee_reductions or {},
        index=_index(ref),
        memo={},
    )


def _ldc_applicant(app: Application, ref: ReferenceData, on: date) -> bool:
    # Fast path: with no LDC (or mostly-LDC IGO) among the connections of item 2 the reduction
    # cannot apply; the full condition walks every designation to find the governing Acts.
    codes = {c for e in applicant_entitlements(app) for c in entitlement_parties(e)}
    codes.update(igo for c in tuple(codes) for igo in ref.igos_of(c))
    return any(ref.is_ldc(c, on) for c in codes) and is_ldc_applicant(app, ref, on)


def _locarno_class(app: Application) -> str | None:
    # Guide, item 8: all designs belong to one Locarno class; the checks flag a mix, fees use
    # the first design's class (it chooses Korea's fee, Guide footnote 7).
    head = ((app.designs[0].locarno if app.designs else None) or "").split("-")[0].strip()
    return head.zfill(2) if head.isdigit() and len(head) <= 2 else None


def _publication_deferred(app: Application) -> bool:
    # Rule 12(2); Guide, "Fees due": the publication fee is due later when publication is
    # deferred beyond the standard publication period of 12 months (Rules 16(3), 17(1)(iii)).
    months = app.publication.months
    return (
        app.publication.mode == "deferred"
        and months is not None
        and months > STANDARD_PUBLICATION_MONTHS
    )


# --- which fee rows the data holds ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Index:
    """What the fee data holds, whatever the date: built once per (immutable) ReferenceData."""

    variants: dict[tuple[str, str], frozenset[str]]  # (party, item) -> variants with rows
    by_class: frozenset[tuple[str, str]]  # (party, item) with class-specific rows
    class_fee_types: frozenset[str]  # parties whose fee type depends on the class (fn 7)


_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


def _index(ref: ReferenceData) -> _Index:
    index = _INDEXES.get(ref)
    if index is None:
        index = _INDEXES[ref] = _build_index(ref)
    return index


def _build_index(ref: ReferenceData) -> _Index:
    variants: dict[tuple[str, str], set[str]] = {}
    for row in ref.rows("fees"):
        variants.setdefault((row.party, row.item), set()).add(row.variant)
    return _Index(
        variants={key: frozenset(found) for key, found in variants.items()},
        by_class=frozenset((r.party, r.item) for r in ref.rows("fees") if r.locarno_classes),
        class_fee_types=frozenset(
            r.party for r in ref.rows("party_fee_types") if r.locarno_classes
        ),
    )


def _variants_present(f: _Facts, party: str, item: str) -> frozenset[str]:
    """The variants of `item` the data has for `party` (else for "*"), on any date."""
    variants = f.index.variants
    return variants.get((party, item)) or variants.get(("*", item), frozenset())


def _class_for(f: _Facts, key: str | tuple[str, str], classes: frozenset) -> str | None:
    # Only rows restricted to Locarno classes need the class; skipping it elsewhere saves
    # parsing the class code for every party (measured: a third of the calculation).
    return f.locarno_class if key in classes else None
