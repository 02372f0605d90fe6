"""Item 13 (priority claim) and Annex V (priority document for the parties accepting it)."""

from __future__ import annotations

from ..i18n import gettext
from ..periods import PRIORITY_MONTHS, priority_deadline
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, design_list

ANNEX_V_OR_DAS = "annex_v_or_das"


def _supported(ctx, index: int) -> bool:
    """Priority document supplied through Annex V, or reachable by the Office through WIPO DAS."""
    priority = ctx.app.priorities[index]
    return not blank(priority.das_code) or any(e.priority == index for e in ctx.app.annexes.V)


def _unsupported(ctx) -> list[int]:
    return [i for i in range(len(ctx.app.priorities)) if not _supported(ctx, i)]


@rule(
    code="priority.office_missing", severity=ERROR, item="13", source="Rule 7(5)(c); Guide, item 13"
)
def priority_office_missing(ctx):
    for i, priority in enumerate(ctx.app.priorities):
        if blank(priority.office):
            yield Hit(
                f"priorities[{i}].office",
                gettext(
                    "Priority claim {number}: indicate the Office (or country) of the earlier "
                    "filing."
                ).format(number=i + 1),
            )


@rule(
    code="priority.after_filing",
    severity=ERROR,
    item="13",
    source="Paris Convention Art 4; Guide, item 13",
)
def priority_after_filing(ctx):
    for i, priority in enumerate(ctx.app.priorities):
        if priority.date >= ctx.filing_date:
            yield Hit(
                f"priorities[{i}].date",
                gettext(
                    "Priority claim {number} is dated {date}, not earlier than the filing date "
                    "{filing_date}: correct the date of the earlier filing."
                ).format(number=i + 1, date=priority.date, filing_date=ctx.filing_date),
            )


@rule(
    code="priority.disregarded",
    severity=INFO,
    item="13",
    source="99 Art 6(1)(a); Paris Convention Art 4C; Guide, item 13",
)
def priority_disregarded(ctx):
    for i, priority in enumerate(ctx.app.priorities):
        # Art 4C(3): a period ending on a day the IB is closed runs to its next working day.
        deadline = priority_deadline(ctx.ref, priority.date)
        if deadline < ctx.filing_date:
            yield Hit(
                f"priorities[{i}].date",
                gettext(
                    "Priority claim {number} ({office} {priority_number}, {date}) is more than "
                    "{months} months before the filing date {filing_date}: the International "
                    "Bureau will disregard it (the period ended on {deadline}). Check the date, "
                    "or remove the claim."
                ).format(
                    number=i + 1,
                    office=priority.office,
                    priority_number=priority.number,
                    date=priority.date,
                    months=PRIORITY_MONTHS,
                    filing_date=ctx.filing_date,
                    deadline=deadline,
                ),
            )


@rule(
    code="priority.unknown_design", severity=ERROR, item="13", source="Rule 7(5)(c); Guide, item 13"
)
def priority_unknown_design(ctx):
    for i, priority in enumerate(ctx.app.priorities):
        unknown = [n for n in priority.designs if n not in ctx.design_numbers]
        if unknown:
            yield Hit(
                f"priorities[{i}].designs",
                gettext(
                    "Priority claim {number} refers to design(s) {designs}, which the "
                    "application does not contain."
                ).format(number=i + 1, designs=design_list(unknown)),
            )


@rule(
    code="priority.publication_risk",
    severity=WARNING,
    item="13",
    source="Rule 7(6); A.I. Section 408(a); Guide, item 13",
)
def priority_publication_risk(ctx):
    unsupported = _unsupported(ctx)
    for party in ctx.parties("priority_publication_risk") if unsupported else ():
        message = (
            gettext(
                "{party} may refuse for lack of novelty if the earlier filing was published "
                "before the international registration and no priority document was supplied: "
                "attach the priority document as Annex V or give a DAS code."
            )
            if ANNEX_V_OR_DAS in ctx.values("priority_document", party)
            else gettext(
                "{party} may refuse for lack of novelty if the earlier filing was published "
                "before the international registration and no priority document was supplied: "
                "furnish the priority document to its Office in time."
            )
        )
        yield Hit(f"priorities[{unsupported[0]}]", message.format(party=ctx.name(party)), (party,))


@rule(
    code="priority.document_to_office", severity=INFO, item="13", source="Rule 7(6); Guide, item 13"
)
def priority_document_to_office(ctx):
    if not ctx.app.priorities:
        return
    for party in ctx.parties("priority_document_to_office"):
        how = "; ".join(ctx.values("priority_document_to_office", party))
        yield Hit(
            "priorities",
            gettext("{party} requires the priority document: {how}.").format(
                party=ctx.name(party), how=how
            ),
            (party,),
        )
    unsupported = _unsupported(ctx)
    for party in ctx.parties("priority_document") if unsupported else ():
        yield Hit(
            f"priorities[{unsupported[0]}]",
            gettext(
                "Without Annex V or a DAS code, the priority document must be submitted to the "
                "Office of {party} within three months of publication, or the priority is lost."
            ).format(party=ctx.name(party)),
            (party,),
        )


@rule(
    code="annex_V.not_applicable",
    severity=WARNING,
    item="annex_V",
    source="Rule 7(6); Guide, item 13; Guide, Annex V",
)
def annex_v_not_applicable(ctx):
    if ctx.app.annexes.V and not ctx.parties("priority_document"):
        yield Hit(
            "annexes.V",
            gettext(
                "A priority document is only accepted with the application for {names}, none of "
                "which is designated: the International Bureau would dispose of it. Remove "
                "Annex V."
            ).format(names=ctx.names_declaring("priority_document")),
        )


@rule(code="annex_V.without_priority", severity=ERROR, item="annex_V", source="Guide, Annex V")
def annex_v_without_priority(ctx):
    count = len(ctx.app.priorities)
    for i, entry in enumerate(ctx.app.annexes.V):
        if entry.priority is None or not 0 <= entry.priority < count:
            yield Hit(
                f"annexes.V[{i}].priority",
                gettext(
                    "Annex V document {number} must support one of the priority claims in item 13 "
                    "(it cannot be submitted on its own)."
                ).format(number=i + 1),
            )
