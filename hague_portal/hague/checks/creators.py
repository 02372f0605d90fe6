"""Item 11 (identity of the creator) and Annex I (oath or declaration of the creator)."""

from __future__ import annotations

from ..i18n import gettext, ngettext
from .registry import ERROR, INFO, WARNING, Hit, rule
from .text import blank, design_list, norm_name, slash_signature_name

# Kinds of declaration that make the creator's identity mandatory (the IB examines them).
IDENTITY_MANDATORY = ("creator_identity_required", "application_in_creator_name", "creator_oath")


def _designs_without_creator(ctx) -> list[int]:
    covered: set[int] = set()
    for creator in ctx.app.creators:
        if not creator.designs:  # no design numbers: creator of every design
            return []
        covered.update(creator.designs)
    return sorted(ctx.design_numbers - covered)


def _missing_sentence(missing: list[int], ctx) -> str:
    if len(missing) == len(ctx.design_numbers):
        return gettext("no creator is indicated")
    return gettext("no creator is indicated for design(s) {designs}").format(
        designs=design_list(missing)
    )


@rule(
    code="creators.name_missing", severity=ERROR, item="11", source="Rule 7(4)(b); Guide, item 11"
)
def creators_name_missing(ctx):
    for i, creator in enumerate(ctx.app.creators):
        if blank(creator.name):
            yield Hit(
                f"creators[{i}].name",
                gettext("Give the name of creator {number}.").format(number=i + 1),
            )


@rule(code="creators.unknown_design", severity=ERROR, item="11", source="Guide, item 11")
def creators_unknown_design(ctx):
    for i, creator in enumerate(ctx.app.creators):
        unknown = [n for n in creator.designs if n not in ctx.design_numbers]
        if unknown:
            yield Hit(
                f"creators[{i}].designs",
                gettext(
                    "Creator {name} is linked to design(s) {designs}, which the application "
                    "does not contain."
                ).format(name=creator.name, designs=design_list(unknown)),
            )


def _mandatory_parties(ctx) -> tuple[str, ...]:
    # 99 Art 5(2)(b)(i) only binds designations under the 1999 Act; Rule 8 declarations likewise.
    found: dict[str, None] = {}
    for kind in IDENTITY_MANDATORY:
        found.update(dict.fromkeys(ctx.parties(kind, act="1999")))
    return tuple(p for p in ctx.designated if p in found)


@rule(
    code="creators.identity_required",
    severity=ERROR,
    item="11",
    source="99 Art 5(2)(b)(i); 99 Art 10(2)(b); Rules 7(4)(b) and 8; Guide, item 11",
)
def creators_identity_required(ctx):
    parties = _mandatory_parties(ctx)
    missing = _designs_without_creator(ctx) if parties else []
    if missing:
        yield Hit(
            "creators",
            ngettext(
                "{names} requires the identity of the creator, but {missing}: add the "
                "creator(s) in item 11.",
                "{names} require the identity of the creator, but {missing}: add the "
                "creator(s) in item 11.",
                len(parties),
            ).format(names=ctx.names(parties), missing=_missing_sentence(missing, ctx)),
            parties,
        )


@rule(
    code="creators.identity_advised",
    severity=WARNING,
    item="11",
    source="60 Art 8(4)(a); Guide, item 11",
)
def creators_identity_advised(ctx):
    mandatory = set(_mandatory_parties(ctx))
    advised = set(ctx.parties("creator_identity_advised"))
    # 60 Art 8(4)(a): a party designated under the 1960 Act may require it without notification.
    advised.update(p for p in ctx.designated if ctx.acts.get(p) == "1960")
    parties = tuple(p for p in ctx.designated if p in advised and p not in mandatory)
    missing = _designs_without_creator(ctx) if parties else []
    if missing:
        yield Hit(
            "creators",
            gettext(
                "The law of {names} requires the identity of the creator and {missing}: add the "
                "creator(s) to avoid a refusal."
            ).format(names=ctx.names(parties), missing=_missing_sentence(missing, ctx)),
            parties,
        )


@rule(
    code="creators.assignment_statement",
    severity=INFO,
    item="11",
    source="Rule 8(1)(a)(i); Guide, item 11 (application filed in the name of the creator)",
)
def creators_assignment_statement(ctx):
    parties = ctx.parties("application_in_creator_name")
    applicants = {norm_name(a.name) for a in ctx.app.applicants}
    others = [c.name for c in ctx.app.creators if norm_name(c.name) not in applicants]
    if parties and others:
        yield Hit(
            "creators",
            gettext(
                "For {names} the application must be in the creator's name: the application "
                "will state that {creators} assigned it to the applicant."
            ).format(names=ctx.names(parties), creators=", ".join(others)),
            parties,
        )


@rule(
    code="creators.security_clearance",
    severity=INFO,
    item="11",
    source="Form DM/1 (notice on security clearance)",
)
def creators_security_clearance(ctx):
    declaring = ctx.ref.parties_declaring("security_clearance", ctx.on)
    countries = {c.address.country for c in ctx.app.creators} | {
        a.address.country for a in ctx.app.applicants
    }
    concerned = tuple(sorted(declaring & countries))
    if concerned:
        yield Hit(
            "creators",
            gettext(
                "Designs created in {names} may need a security clearance (foreign filing "
                "licence) before this application is filed."
            ).format(names=ctx.names(concerned)),
            concerned,
        )


def _annex_i_parties(ctx) -> tuple[str, ...]:
    return ctx.parties("creator_oath")


@rule(
    code="annex_I.missing",
    severity=ERROR,
    item="annex_I",
    source="99 Art 5(2); Rule 8(1)(a)(ii); Guide, Annex I",
)
def annex_i_missing(ctx):
    parties = _annex_i_parties(ctx)
    if not parties:
        return
    declared = {norm_name(entry.creator) for entry in ctx.app.annexes.I}
    lacking = [c.name for c in ctx.app.creators if norm_name(c.name) not in declared]
    if not ctx.app.annexes.I or lacking:
        if lacking:
            message = ngettext(
                "{names} requires an oath or declaration of each creator: add an Annex I "
                "declaration (or substitute statement) for {creators}.",
                "{names} require an oath or declaration of each creator: add an Annex I "
                "declaration (or substitute statement) for {creators}.",
                len(parties),
            )
        else:
            message = ngettext(
                "{names} requires an oath or declaration of each creator: add an Annex I "
                "declaration (or substitute statement) for each creator.",
                "{names} require an oath or declaration of each creator: add an Annex I "
                "declaration (or substitute statement) for each creator.",
                len(parties),
            )
        names = ctx.names(parties)
        yield Hit("annexes.I", message.format(names=names, creators=", ".join(lacking)), parties)


@rule(
    code="annex_I.unknown_creator",
    severity=ERROR,
    item="annex_I",
    source="Guide, Annex I; Guide, item 12",
)
def annex_i_unknown_creator(ctx):
    creators = {norm_name(c.name) for c in ctx.app.creators}
    for i, entry in enumerate(ctx.app.annexes.I):
        if norm_name(entry.creator) not in creators:
            yield Hit(
                f"annexes.I[{i}].creator",
                gettext(
                    'Annex I declaration {number} names "{name}", who is not a creator in item '
                    "11: the inventor must be the creator indicated in item 11."
                ).format(number=i + 1, name=entry.creator or ""),
                _annex_i_parties(ctx),
            )


@rule(
    code="annex_I.unsigned",
    severity=ERROR,
    item="annex_I",
    source="37 CFR 1.4, 1.63, 1.64; Guide, Annex I",
)
def annex_i_unsigned(ctx):
    for i, entry in enumerate(ctx.app.annexes.I):
        if slash_signature_name(entry.signatory) is None:
            yield Hit(
                f"annexes.I[{i}].signatory",
                gettext(
                    "Annex I declaration of {creator} must be signed, e.g. with a text signature "
                    "between slashes: /Inventor Name/."
                ).format(creator=entry.creator or i + 1),
                _annex_i_parties(ctx),
            )


@rule(code="annex_I.not_applicable", severity=WARNING, item="annex_I", source="Guide, Annex I")
def annex_i_not_applicable(ctx):
    if ctx.app.annexes.I and not _annex_i_parties(ctx):
        yield Hit(
            "annexes.I",
            gettext(
                "Annex I only serves the designation of {names}, which is not designated: "
                "remove it."
            ).format(names=ctx.names_declaring("creator_oath")),
        )
