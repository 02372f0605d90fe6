"""Items 14-16: international exhibition, exception to lack of novelty (Annex II), main or
principal design."""

from __future__ import annotations

from ..i18n import gettext, gettext_noop, ngettext
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, design_list

PRINCIPAL_MAIN = "main"  # CN: one main design among similar designs (99 Art 13(1))
EXHIBITION_MISSING = {
    "name": gettext_noop("Indicate the name of the exhibition in item 14."),
    "place": gettext_noop("Indicate the place of the exhibition in item 14."),
}


@rule(
    code="exhibition.incomplete",
    severity=ERROR,
    item="14",
    source="Paris Convention Art 11; Guide, item 14",
)
def exhibition_incomplete(ctx):
    exhibition = ctx.app.exhibition
    if exhibition is None:
        return
    for part in ("name", "place"):
        if blank(getattr(exhibition, part)):
            yield Hit(f"exhibition.{part}", gettext(EXHIBITION_MISSING[part]))


@rule(
    code="exhibition.after_filing",
    severity=ERROR,
    item="14",
    source="Paris Convention Art 11; Guide, item 14",
)
def exhibition_after_filing(ctx):
    exhibition = ctx.app.exhibition
    if exhibition is not None and exhibition.date > ctx.filing_date:
        yield Hit(
            "exhibition.date",
            gettext(
                "The product was first exhibited on {date}, after the filing date {filing_date}: "
                "give the date it was first exhibited."
            ).format(date=exhibition.date, filing_date=ctx.filing_date),
        )


@rule(code="exhibition.unknown_design", severity=ERROR, item="14", source="Guide, item 14")
def exhibition_unknown_design(ctx):
    exhibition = ctx.app.exhibition
    unknown = [n for n in exhibition.designs if n not in ctx.design_numbers] if exhibition else []
    if unknown:
        yield Hit(
            "exhibition.designs",
            gettext(
                "Item 14 refers to design(s) {designs}, which the application does not contain."
            ).format(designs=design_list(unknown)),
        )


def _novelty_parties(ctx) -> tuple[str, ...]:
    return ctx.parties("novelty_exception")


@rule(
    code="novelty.not_applicable",
    severity=ERROR,
    item="15",
    source="A.I. Section 408(c); Guide, item 15",
)
def novelty_not_applicable(ctx):
    if ctx.app.novelty_exception is not None and not _novelty_parties(ctx):
        yield Hit(
            "novelty_exception",
            gettext(
                "The exception to lack of novelty only applies to designations of {names}, none "
                "of which is designated: remove item 15."
            ).format(names=ctx.names_declaring("novelty_exception")),
        )


@rule(
    code="novelty.party_not_applicable",
    severity=ERROR,
    item="15",
    source="A.I. Section 408(c); Guide, item 15",
)
def novelty_party_not_applicable(ctx):
    declaration = ctx.app.novelty_exception
    allowed = set(_novelty_parties(ctx))
    for i, party in enumerate(declaration.parties if declaration else ()):
        if party not in allowed:
            yield Hit(
                f"novelty_exception.parties[{i}]",
                gettext(
                    "The exception to lack of novelty cannot be claimed for {party}: only for "
                    "{names}, when designated."
                ).format(party=ctx.name(party), names=ctx.names_declaring("novelty_exception")),
                (party,),
            )


@rule(
    code="novelty.designs_missing",
    severity=ERROR,
    item="15",
    source="A.I. Section 408(c); Guide, item 15",
)
def novelty_designs_missing(ctx):
    declaration = ctx.app.novelty_exception
    if declaration is not None and not declaration.designs:
        yield Hit(
            "novelty_exception.designs",
            gettext(
                "Indicate the design(s) for which the exception to lack of novelty is claimed."
            ),
            _novelty_parties(ctx),
        )


@rule(code="novelty.unknown_design", severity=ERROR, item="15", source="Guide, item 15")
def novelty_unknown_design(ctx):
    declaration = ctx.app.novelty_exception
    unknown = [n for n in declaration.designs if n not in ctx.design_numbers] if declaration else []
    if unknown:
        yield Hit(
            "novelty_exception.designs",
            gettext(
                "Item 15 refers to design(s) {designs}, which the application does not contain."
            ).format(designs=design_list(unknown)),
        )


@rule(
    code="novelty.documents_to_office",
    severity=INFO,
    item="15",
    source="A.I. Section 408(c); Guide, item 15",
)
def novelty_documents_to_office(ctx):
    parties = _novelty_parties(ctx)
    if ctx.app.novelty_exception is not None and parties and not ctx.app.annexes.II:
        yield Hit(
            "annexes.II",
            gettext(
                "No supporting documents are attached as Annex II: they must then be submitted "
                "directly to the Offices of {names} within their time limits (they cannot be sent "
                "to the International Bureau later)."
            ).format(names=ctx.names(parties)),
            parties,
        )


@rule(
    code="annex_II.not_applicable",
    severity=ERROR,
    item="annex_II",
    source="A.I. Section 408(c); Guide, Annex II",
)
def annex_ii_not_applicable(ctx):
    if not ctx.app.annexes.II:
        return
    if ctx.app.novelty_exception is None or not _novelty_parties(ctx):
        yield Hit(
            "annexes.II",
            gettext(
                "Annex II only supports a declaration in item 15 for a designation of {names}: "
                "make that declaration or remove Annex II."
            ).format(names=ctx.names_declaring("novelty_exception")),
        )


def _principal_parties(ctx) -> tuple[str, ...]:
    return ctx.parties("principal_design")


@rule(
    code="main_design.not_applicable",
    severity=ERROR,
    item="16",
    source="99 Art 13(1); A.I. Section 407; Guide, item 16",
)
def main_design_not_applicable(ctx):
    main = ctx.app.main_design
    if main is not None and (main.main is not None or main.related) and not _principal_parties(ctx):
        yield Hit(
            "main_design",
            gettext(
                "Item 16 only applies to designations of {names}, none of which is designated: "
                "remove it."
            ).format(names=ctx.names_declaring("principal_design")),
        )


@rule(
    code="main_design.unknown_design",
    severity=ERROR,
    item="16",
    source="A.I. Section 407; Guide, item 16",
)
def main_design_unknown_design(ctx):
    main = ctx.app.main_design
    if main is None:
        return
    if main.main is not None and main.main not in ctx.design_numbers:
        yield Hit(
            "main_design.main",
            gettext("The main design {number} is not in the application.").format(number=main.main),
        )
    for i, related in enumerate(main.related):
        if related.design not in ctx.design_numbers:
            yield Hit(
                f"main_design.related[{i}].design",
                gettext("Related design {number} is not in the application.").format(
                    number=related.design
                ),
            )
        if related.principal is not None and related.principal not in ctx.design_numbers:
            yield Hit(
                f"main_design.related[{i}].principal",
                gettext(
                    "The principal design {principal} of related design {number} is not in the "
                    "application: give a design of this application, or the number of the "
                    "earlier application or registration."
                ).format(principal=related.principal, number=related.design),
            )


@rule(
    code="main_design.principal_missing",
    severity=ERROR,
    item="16",
    source="A.I. Section 407; Guide, item 16",
)
def main_design_principal_missing(ctx):
    # Guide, item 16: the principal design is a design of this application or of an earlier
    # application or registration; exactly one of them is named.
    for i, related in enumerate(ctx.app.main_design.related if ctx.app.main_design else ()):
        earlier = not blank(related.principal_earlier)
        if (related.principal is None) == (not earlier):
            yield Hit(
                f"main_design.related[{i}].principal",
                gettext(
                    "Related design {number}: name its principal design once, either a design of "
                    "this application or an earlier application or registration."
                ).format(number=related.design),
            )


@rule(
    code="main_design.related_to_itself",
    severity=ERROR,
    item="16",
    source="A.I. Section 407; Guide, item 16 (Japan and/or the Republic of Korea)",
)
def main_design_related_to_itself(ctx):
    # Guide, item 16: a related design is "similar to another design identified as a principal
    # design"; a design named as its own principal relates to nothing.
    for i, related in enumerate(ctx.app.main_design.related if ctx.app.main_design else ()):
        if related.principal is not None and related.principal == related.design:
            yield Hit(
                f"main_design.related[{i}].principal",
                gettext(
                    "Design {number} is declared related to itself: its principal design must be "
                    "another design of this application, or an earlier application or "
                    "registration."
                ).format(number=related.design),
            )


@rule(
    code="main_design.missing",
    severity=WARNING,
    item="16",
    source="99 Art 13(1); Guide, item 16 (China: main design)",
)
def main_design_missing(ctx):
    if len(ctx.app.designs) < 2 or (ctx.app.main_design and ctx.app.main_design.main is not None):
        return
    parties = tuple(
        p for p in _principal_parties(ctx) if PRINCIPAL_MAIN in ctx.values("principal_design", p)
    )
    if parties:
        yield Hit(
            "main_design.main",
            ngettext(
                "If these are similar designs for the same product, {names} requires one of them "
                "to be indicated as the main design in item 16.",
                "If these are similar designs for the same product, {names} require one of them "
                "to be indicated as the main design in item 16.",
                len(parties),
            ).format(names=ctx.names(parties)),
            parties,
        )
