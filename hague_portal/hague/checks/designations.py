"""Items 2, 3 and 7: entitlement, applicant's Contracting Party, designations and their Act."""

from __future__ import annotations

from ..eligibility import (
    applicant_contracting_party_choices,
    designation_acts,
    own_party_designations,
)
from ..i18n import gettext, gettext_noop
from .registry import ERROR, INFO, WARNING, Hit, rule

CRITERIA = ("establishment", "domicile", "nationality", "habitual_residence")
CRITERION_WORDS = {
    "establishment": gettext_noop("establishment"),
    "domicile": gettext_noop("domicile"),
    "nationality": gettext_noop("nationality"),
    "habitual_residence": gettext_noop("habitual residence"),
}


def _entitlement_codes(entitlement):
    for criterion in CRITERIA:
        for i, code in enumerate(getattr(entitlement, criterion)):
            yield f"entitlement.{criterion}[{i}]", criterion, code


@rule(code="entitlement.missing", severity=ERROR, item="2", source="Rule 7(3)(iii); Guide, item 2")
def entitlement_missing(ctx):
    if not any(True for _ in _entitlement_codes(ctx.app.entitlement)):
        yield Hit(
            "entitlement.establishment",
            gettext(
                "Indicate at least one Contracting Party with which the applicant has an "
                "establishment, domicile, nationality or habitual residence."
            ),
        )


@rule(
    code="entitlement.not_contracting_party",
    severity=ERROR,
    item="2",
    source="Rule 7(3)(iii); Guide, item 2 (entitlement via an intergovernmental organization)",
)
def entitlement_not_contracting_party(ctx):
    ref = ctx.ref
    for field, _criterion, code in _entitlement_codes(ctx.app.entitlement):
        if ref.party(code) is None or not ref.is_member(code, ctx.on):
            # Guide, item 2: a member State of an IGO (or of Benelux) that is not itself a
            # Contracting Party entitles through that party only.
            covering = [p for p in ref.parties_covering(code) if ref.is_member(p, ctx.on)]
            if covering:
                message = gettext(
                    "{code} is not a Hague Contracting Party on {date}. Indicate {names} instead."
                )
            else:
                message = gettext("{code} is not a Hague Contracting Party on {date}.")
            yield Hit(field, message.format(code=code, date=ctx.on, names=ctx.names(covering)))


@rule(
    code="entitlement.igo_missing",
    severity=WARNING,
    item="2",
    source="Guide, item 2 (entitlement via an intergovernmental organization)",
)
def entitlement_igo_missing(ctx):
    ent = ctx.app.entitlement
    for field, criterion, code in _entitlement_codes(ent):
        listed = getattr(ent, criterion)
        for igo in ctx.ref.igos_of(code):
            if (
                igo not in listed
                and ctx.ref.party(code) is not None
                and ctx.ref.is_member(igo, ctx.on)
            ):
                yield Hit(
                    field,
                    gettext(
                        "{party} is a member State of {igo}: indicate {igo} as well under "
                        "{criterion}."
                    ).format(
                        party=ctx.name(code),
                        igo=ctx.name(igo),
                        criterion=gettext(CRITERION_WORDS[criterion]),
                    ),
                )


@rule(
    code="entitlement.habitual_residence_not_1999",
    severity=ERROR,
    item="2",
    source="Rule 7(3)(iii); Guide, item 2 (habitual residence: 1999 Act only)",
)
def entitlement_habitual_residence_not_1999(ctx):
    for i, code in enumerate(ctx.app.entitlement.habitual_residence):
        if ctx.ref.party(code) is not None and "1999" not in ctx.ref.acts_binding(code, ctx.on):
            yield Hit(
                f"entitlement.habitual_residence[{i}]",
                gettext(
                    "{party} is not bound by the 1999 Act: habitual residence there gives no "
                    "entitlement. Remove it or indicate another connection."
                ).format(party=ctx.name(code)),
            )


@rule(
    code="applicant_party.missing",
    severity=ERROR,
    item="3",
    source="99 Article 1(xiv); Rule 7(4)(a); Guide, item 3",
)
def applicant_party_missing(ctx):
    if ctx.app.applicant_contracting_party or "1999" not in ctx.acts.values():  # designated only
        return
    choices = tuple(applicant_contracting_party_choices(ctx.app.entitlement, ctx.ref, ctx.on))
    if len(choices) == 1:
        yield Hit(
            "applicant_contracting_party",
            gettext(
                "Indicate {party} as the applicant's Contracting Party (the only 1999 Act party "
                "indicated in item 2)."
            ).format(party=ctx.name(choices[0])),
        )
    elif choices:
        yield Hit(
            "applicant_contracting_party",
            gettext(
                "Select the applicant's Contracting Party among {names} (the 1999 Act parties "
                "indicated in item 2)."
            ).format(names=ctx.names(choices)),
        )


@rule(
    code="applicant_party.not_in_entitlement",
    severity=ERROR,
    item="3",
    source="99 Article 1(xiv); Rule 7(4)(a); Guide, item 3",
)
def applicant_party_not_in_entitlement(ctx):
    chosen = ctx.app.applicant_contracting_party
    if not chosen:
        return
    choices = tuple(applicant_contracting_party_choices(ctx.app.entitlement, ctx.ref, ctx.on))
    if chosen not in choices:
        if choices:
            message = gettext(
                "{party} cannot be the applicant's Contracting Party: choose one of {names}."
            )
        else:
            message = gettext(
                "{party} cannot be the applicant's Contracting Party: choose a 1999 Act party "
                "from item 2."
            )
        yield Hit(
            "applicant_contracting_party",
            message.format(party=ctx.name(chosen), names=ctx.names(choices)),
        )


@rule(
    code="designations.missing",
    severity=ERROR,
    item="7",
    source="99 Art 5(1)(v); Rule 7(3)(vi); Guide, item 7",
)
def designations_missing(ctx):
    if not ctx.app.designations:
        yield Hit(
            "designations",
            gettext("Designate at least one Contracting Party where protection is sought."),
        )


@rule(code="designations.unknown", severity=ERROR, item="7", source="Rule 7(3)(vi); Guide, item 7")
def designations_unknown(ctx):
    for i, code in enumerate(ctx.app.designations):
        if ctx.ref.party(code) is None:
            yield Hit(
                f"designations[{i}]",
                gettext("{code} is not a Hague Contracting Party.").format(code=code),
                (code,),
            )


@rule(code="designations.duplicate", severity=WARNING, item="7", source="Guide, item 7")
def designations_duplicate(ctx):
    seen = set()
    for i, code in enumerate(ctx.app.designations):
        if code in seen:
            message = gettext("{party} is designated twice.").format(party=ctx.name(code))
            yield Hit(f"designations[{i}]", message, (code,))
        seen.add(code)


@rule(
    code="designations.not_entitled",
    severity=ERROR,
    item="7",
    source="60 Art 5(2); 99 Art 5(1)(v); Guide, item 7 (what Contracting Parties may be designated)",
)
def designations_not_entitled(ctx):
    for code in ctx.designated:
        if code not in ctx.acts:
            yield Hit(
                f"designations[{ctx.app.designations.index(code)}]",
                gettext(
                    "{party} is not bound by an Act to which a Contracting Party of your "
                    "entitlement (item 2) is bound: remove it, or add an entitlement that "
                    "reaches it."
                ).format(party=ctx.name(code)),
                (code,),
            )


@rule(
    code="designations.governed_by_1960",
    severity=INFO,
    item="7",
    source="Guide, item 7 (determination of the applicable Act); 60 Art 8(4)(a)",
)
def designations_governed_by_1960(ctx):
    parties = tuple(p for p in ctx.designated if ctx.acts.get(p) == "1960")
    if parties:
        act = ctx.ref.act("1960")
        until = act.new_designations_until if act else None
        message = gettext(
            "The designation of {names} is governed by the 1960 Act: the International Bureau "
            "does not examine their national requirements (such as the creator's identity), and "
            "deferment is limited under that Act."
        ).format(names=ctx.names(parties))
        if until:
            closing = gettext(
                "The data says the 1960 Act closes to new designations after {date}."
            ).format(date=until)
            message = f"{message} {closing}"
        yield Hit("designations", message, parties)


@rule(
    code="designations.own_party_no_effect",
    severity=WARNING,
    item="7",
    source="99 Art 14(3); Guide, item 7 (protection in the applicant's Contracting Party)",
)
def designations_own_party_no_effect(ctx):
    for own in sorted(own_party_designations(ctx.app, ctx.ref, ctx.on)):
        yield Hit(
            f"designations[{ctx.app.designations.index(own)}]",
            gettext(
                "{party} is the applicant's Contracting Party and has declared that its "
                "designation then has no effect: the International Bureau will disregard it."
            ).format(party=ctx.name(own)),
            (own,),
        )


def _frozen_1960(ctx):
    act = ctx.ref.act("1960")
    until = act.new_designations_until if act else None
    return until if until and ctx.on > until else None


@rule(
    code="designations.act_1960_frozen",
    severity=WARNING,
    item="7",
    source="Reference data: 1960 Act closed to new designations (unconfirmed); Guide, item 7",
)
def designations_act_1960_frozen(ctx):
    until = _frozen_1960(ctx)
    lost = [p for p in ctx.designated if p not in ctx.acts] if until else []
    before = designation_acts(ctx.app.entitlement, ctx.ref, until) if lost else {}
    parties = tuple(p for p in lost if before.get(p) == "1960")
    if parties:
        yield Hit(
            "designations",
            gettext(
                "{names} could only be designated under the 1960 Act, which the reference data "
                "treats as closed to new designations since {date} (this is not confirmed): "
                "check before filing, or remove these designations."
            ).format(names=ctx.names(parties), date=until),
            parties,
        )


@rule(code="designations.refusal_period", severity=INFO, item="7", source="Rule 18(1)(b)")
def designations_refusal_period(ctx):
    default = ctx.ref.default("refusal_period_months", ctx.on)
    base = int(default.value) if default else 6
    months = {
        p: int(ctx.values("refusal_period_months", p)[0])
        for p in ctx.parties("refusal_period_months")
    }
    longer = tuple(p for p, n in months.items() if n > base)
    if longer:
        yield Hit(
            "designations",
            gettext(
                "{names} may notify a refusal within {months} months of publication instead of "
                "{base}."
            ).format(names=ctx.names(longer), months=max(months[p] for p in longer), base=base),
            longer,
        )
