"""Item 18 (reduction of individual designation fees), Annexes III and IV, and fee information."""

from __future__ import annotations

from ..eligibility import entitlement_parties, is_ldc_applicant
from ..i18n import gettext
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import slash_signature_name

REDUCED = "reduced"  # a box ticked (True) in item 18
MICRO = "micro"  # Guide, item 18 / Annex IV: micro entity status needs a certification


def _claimed(ctx) -> list[tuple[str, str]]:
    return [
        (party, REDUCED if value is True else str(value))
        for party, value in ctx.app.fee_reductions.items()
        if value
    ]


@rule(
    code="fees.reduction_not_designated",
    severity=ERROR,
    item="18",
    source="A.I. Section 408(b); Guide, item 18",
)
def fees_reduction_not_designated(ctx):
    for party, _value in _claimed(ctx):
        if party not in ctx.designated:
            yield Hit(
                f"fee_reductions.{party}",
                gettext(
                    "A fee reduction is claimed for {party}, which is not designated: remove it."
                ).format(party=ctx.name(party)),
                (party,),
            )


@rule(
    code="fees.reduction_not_available",
    severity=ERROR,
    item="18",
    source="99 Art 7(2); A.I. Section 408(b); Guide, item 18",
)
def fees_reduction_not_available(ctx):
    for party, value in _claimed(ctx):
        offered = ctx.values("fee_reduction", party)
        if party in ctx.designated and value not in offered:
            if offered:
                message = gettext(
                    '{party} offers only {offered} of its individual designation fee, not "{value}".'
                )
            else:
                message = gettext(
                    '{party} offers no reduction of its individual designation fee, not "{value}".'
                )
            offered_words = gettext(" or ").join(offered)
            yield Hit(
                f"fee_reductions.{party}",
                message.format(party=ctx.name(party), offered=offered_words, value=value),
                (party,),
            )


@rule(
    code="fees.reduction_excluded_with_priority",
    severity=WARNING,
    item="18",
    source="99 Art 7(2) (declaration); Guide, item 18 (Israel)",
)
def fees_reduction_excluded_with_priority(ctx):
    if not ctx.app.priorities:
        return
    excluded = set(ctx.parties("fee_reduction_excluded_with_priority"))
    for party, _value in _claimed(ctx):
        if party in excluded:
            yield Hit(
                f"fee_reductions.{party}",
                gettext(
                    "{party} grants no fee reduction when priority is claimed: the full "
                    "individual designation fee is due. Remove the reduction or the priority "
                    "claim."
                ).format(party=ctx.name(party)),
                (party,),
            )


def _micro_parties(ctx) -> tuple[str, ...]:
    return tuple(
        p for p, v in _claimed(ctx) if v == MICRO and MICRO in ctx.values("fee_reduction", p)
    )


@rule(
    code="annex_IV.missing",
    severity=ERROR,
    item="annex_IV",
    source="A.I. Section 408(b); Guide, Annex IV",
)
def annex_iv_missing(ctx):
    parties = _micro_parties(ctx)
    if parties and not ctx.app.annexes.IV:
        yield Hit(
            "annexes.IV",
            gettext(
                "Micro entity status is claimed for {names}: attach the signed micro entity "
                "certification (PTO/SB/15A or 15B) as Annex IV."
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="annex_IV.not_applicable",
    severity=ERROR,
    item="annex_IV",
    source="A.I. Section 408(b); Guide, Annex IV",
)
def annex_iv_not_applicable(ctx):
    if ctx.app.annexes.IV and not _micro_parties(ctx):
        yield Hit(
            "annexes.IV",
            gettext(
                "Annex IV only supports a claim of micro entity status in item 18: claim it or "
                "remove Annex IV."
            ),
        )


@rule(
    code="annex_IV.unsigned",
    severity=ERROR,
    item="annex_IV",
    source="A.I. Section 408(b); Guide, Annex IV",
)
def annex_iv_unsigned(ctx):
    for i, entry in enumerate(ctx.app.annexes.IV):
        if entry.file is None and slash_signature_name(entry.signatory) is None:
            yield Hit(
                f"annexes.IV[{i}].signatory",
                gettext(
                    "The micro entity certification must be completed and signed (e.g. /Jane Doe/)."
                ),
                _micro_parties(ctx),
            )


@rule(
    code="annex_III.not_applicable",
    severity=WARNING,
    item="annex_III",
    source="Rule 7(5)(g); A.I. Section 408(d); Guide, Annex III",
)
def annex_iii_not_applicable(ctx):
    # Which parties Annex III serves is data (kind "information_disclosure"); without such rows
    # the rule stays silent rather than guess.
    declaring = ctx.ref.parties_declaring("information_disclosure", ctx.on)
    if ctx.app.annexes.III and declaring and not ctx.parties("information_disclosure"):
        yield Hit(
            "annexes.III",
            gettext(
                "Annex III is only relevant for {names}, which is not designated: remove it."
            ).format(names=ctx.names(sorted(declaring))),
        )


@rule(
    code="fees.two_part",
    severity=INFO,
    item="fees",
    source="Rule 12(3); Guide, individual designation fee payable in two parts",
)
def fees_two_part(ctx):
    parties = ctx.parties("two_part_fee")
    if parties:
        yield Hit(
            "designations",
            gettext(
                "The individual designation fee of {names} is paid in two parts: the first now, "
                "the second only if the Office allows the design."
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="fees.ldc_reduction",
    severity=INFO,
    item="fees",
    source="Guide, reduction of fees for applicants from LDCs",
)
def fees_ldc_reduction(ctx):
    if _has_ldc_connection(ctx) and is_ldc_applicant(ctx.app, ctx.ref, ctx.on):
        yield Hit(
            "entitlement",
            gettext(
                "The applicant's entitlement is solely a connection with a Least Developed "
                "Country: the International Bureau's fees are reduced to 10%."
            ),
        )


def _has_ldc_connection(ctx) -> bool:
    # Cheap pre-test: without any LDC (or LDC-majority IGO) connection there is no reduction.
    ref, on = ctx.ref, ctx.on
    codes = {
        c
        for e in (ctx.app.entitlement, *(a.entitlement for a in ctx.app.applicants))
        if e
        for c in entitlement_parties(e)
    }
    codes |= {igo for c in codes for igo in ref.igos_of(c)}
    return bool(ctx.app.applicants) and any(ref.is_ldc(c, on) for c in codes)
