"""Item 12: the claim, with the wording each declaring party specified (99 Art 5(2)(a))."""

from __future__ import annotations

import re
from functools import lru_cache

from ..i18n import gettext, ngettext
from .registry import ERROR, WARNING, Hit, rule
from .text import blank

PLACEHOLDER = re.compile(r"\[[^\]]*\]")
ARTICLES = r"(?:the|an|a)"


@lru_cache(maxsize=64)
def wording_pattern(wording: str) -> re.Pattern:
    """The declared wording as a pattern: '[indicate an article]' is free text, case is free,
    and a leading article may be 'the', 'an' or 'a' (Guide, item 12 uses both)."""
    body = r"\s+(.+?)\s+".join(_literal(part) for part in PLACEHOLDER.split(wording.strip()))
    first, _, rest = body.partition(r"\s+")
    if first.lower() in ("the", "an", "a") and rest:
        body = ARTICLES + r"\s+" + rest
    return re.compile(body, re.IGNORECASE)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def _unmatched(ctx) -> list[tuple[str, str]]:
    claim = " ".join(ctx.app.claim.split())
    return [
        (party, wording)
        for party in ctx.parties("claim_required")
        for wording in ctx.values("claim_required", party)[:1]
        if not wording_pattern(wording).search(claim)
    ]


@rule(
    code="claim.missing",
    severity=ERROR,
    item="12",
    source="99 Art 5(2)(a); Rule 7(4)(b); Guide, item 12",
)
def claim_missing(ctx):
    parties = ctx.parties("claim_required")
    if parties and blank(ctx.app.claim):
        wordings = "; ".join(
            f'{ctx.name(p)}: "{ctx.values("claim_required", p)[0]}"' for p in parties
        )
        message = ngettext(
            "{names} requires a claim in item 12 ({wordings}).",
            "{names} require a claim in item 12 ({wordings}).",
            len(parties),
        )
        yield Hit("claim", message.format(names=ctx.names(parties), wordings=wordings), parties)


@rule(
    code="claim.wording",
    severity=ERROR,
    item="12",
    source="99 Art 5(2)(a); Rule 7(4)(b); Guide, item 12",
)
def claim_wording(ctx):
    if blank(ctx.app.claim):
        return
    for party, wording in _unmatched(ctx):
        yield Hit(
            "claim",
            gettext('The claim must use the wording declared by {party}: "{wording}".').format(
                party=ctx.name(party), wording=wording
            ),
            (party,),
        )


@rule(code="claim.not_allowed", severity=ERROR, item="12", source="Guide, item 12")
def claim_not_allowed(ctx):
    if not blank(ctx.app.claim) and not ctx.parties("claim_required"):
        yield Hit(
            "claim",
            gettext("A claim may only be included when designating {names}: remove it.").format(
                names=ctx.names_declaring("claim_required")
            ),
        )


@rule(code="claim.article_mismatch", severity=WARNING, item="12", source="Guide, item 12")
def claim_article_mismatch(ctx):
    if blank(ctx.app.claim):
        return
    products = [d.product.casefold() for d in ctx.app.designs if d.product]
    for party in ctx.parties("claim_required"):
        article = _claimed_article(ctx, party)
        if article and products and not any(p in article or article in p for p in products):
            yield Hit(
                "claim",
                gettext(
                    'The article in the claim for {party} ("{article}") matches no product '
                    "indication: choose it so that it covers the designs and their creators."
                ).format(party=ctx.name(party), article=article),
                (party,),
            )


def _claimed_article(ctx, party: str) -> str | None:
    wording = ctx.values("claim_required", party)[0]
    match = wording_pattern(wording).search(" ".join(ctx.app.claim.split()))
    if not match or not match.groups():
        return None
    return re.sub(rf"^{ARTICLES}\s+", "", match.group(1).strip(), flags=re.IGNORECASE).casefold()
