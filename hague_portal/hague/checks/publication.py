"""Item 17: publication (standard, immediate, or at a chosen time up to the deferment limits)."""

from __future__ import annotations

from ..i18n import gettext, ngettext
from ..periods import deferment_limit
from .registry import ERROR, INFO, WARNING, Hit, rule

MODES = ("standard", "immediate", "deferred")
STANDARD_MONTHS = 12  # Rule 17(1)(iii): standard publication 12 months after registration


def _requested(ctx) -> int | None:
    publication = ctx.app.publication
    return publication.months if publication.mode == "deferred" and publication.months else None


def _limit_from_filing(ctx, months: int) -> int:
    """The longest chosen time (months from filing) within `months` of the filing or priority
    date (99 Art 11(2); Rule 16(1))."""
    dates = [p.date for p in ctx.app.priorities]
    return deferment_limit(ctx.ref, dates, ctx.filing_date, months)


def _default_max(ctx, kind: str, fallback: int) -> int:
    row = ctx.ref.default(kind, ctx.on)
    return int(row.value) if row else fallback


@rule(
    code="publication.mode_invalid", severity=ERROR, item="17", source="Rule 17(1); Guide, item 17"
)
def publication_mode_invalid(ctx):
    if ctx.app.publication.mode not in MODES:
        yield Hit(
            "publication.mode", gettext("Choose standard, immediate or deferred publication.")
        )


@rule(
    code="publication.months_missing",
    severity=ERROR,
    item="17",
    source="Rule 17(1)(ii); Guide, item 17",
)
def publication_months_missing(ctx):
    publication = ctx.app.publication
    if publication.mode == "deferred" and not (publication.months and publication.months > 0):
        yield Hit(
            "publication.months",
            gettext("Indicate the chosen time for publication, in months from the filing date."),
        )


@rule(
    code="publication.deferment_too_long",
    severity=ERROR,
    item="17",
    source="99 Art 11(2); Rule 16(1)",
)
def publication_deferment_too_long(ctx):
    months = _requested(ctx)
    limit = _limit_from_filing(ctx, _default_max(ctx, "max_deferment_months", 30)) if months else 0
    if months and months > limit:
        yield Hit(
            "publication.months",
            gettext(
                "Publication can be deferred by at most {limit} months from the filing date "
                "(30 months from the filing or priority date): choose a shorter period."
            ).format(limit=limit),
        )


def _party_limits(ctx) -> dict[str, int]:
    limits = {
        p: min(int(v) for v in ctx.values("max_deferment_months", p))
        for p in ctx.parties("max_deferment_months")
    }
    limit_1960 = _default_max(ctx, "max_deferment_months_1960", STANDARD_MONTHS)
    for party in ctx.designated:
        if ctx.acts.get(party) == "1960":
            limits[party] = min(limits.get(party, limit_1960), limit_1960)
    return limits


@rule(
    code="publication.deferment_party_limit",
    severity=WARNING,
    item="17",
    source="99 Art 11(1)(a); Rule 16(1)",
)
def publication_deferment_party_limit(ctx):
    months = _requested(ctx)
    if not months:
        return
    for party, party_months in _party_limits(ctx).items():
        limit = _limit_from_filing(ctx, party_months)
        if months > limit:
            yield Hit(
                "publication.months",
                gettext(
                    "{party} allows deferment of at most {months} months: choose {limit} months "
                    "or less, or expect publication to be limited for it."
                ).format(party=ctx.name(party), months=party_months, limit=limit),
                (party,),
            )


@rule(
    code="publication.no_deferment", severity=WARNING, item="17", source="99 Art 11(1)(b) and 11(3)"
)
def publication_no_deferment(ctx):
    months = _requested(ctx)
    parties = ctx.parties("no_deferment") if months and months > STANDARD_MONTHS else ()
    if parties:
        yield Hit(
            "publication.months",
            ngettext(
                "{names} does not allow deferred publication: the International Bureau will ask "
                "you to withdraw their designation, or else disregard the deferment request.",
                "{names} do not allow deferred publication: the International Bureau will ask "
                "you to withdraw their designation, or else disregard the deferment request.",
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="publication.deferred_fee", severity=INFO, item="17", source="Rule 12(2); Guide, fees due"
)
def publication_deferred_fee(ctx):
    months = _requested(ctx)
    if months and months > STANDARD_MONTHS:
        yield Hit(
            "publication.months",
            gettext(
                "With publication deferred beyond 12 months, the publication fee is paid later, "
                "before publication."
            ),
        )
