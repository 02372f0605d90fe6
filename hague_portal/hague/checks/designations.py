"""Items 2, 3 and 7: entitlement, applicant's Contracting Party, designations and their Act."""

from __future__ import annotations

from ..eligibility import (
    applicant_contracting_party_choices,
    designation_acts,
    own_party_designations,
)
from .registry import ERROR, INFO, WARNING, Hit, rule

CRITERIA = ("establishment", "domicile", "nationality", "habitual_residence")


def _entitlement_codes(entitlement):
    for criterion in CRITERIA:
        for i, code in enumerate(getattr(entitlement, criterion)):
            yield f"entitlement.{criterion}[{i}]", criterion, code


@rule(code="entitlement.missing", severity=ERROR, item="2", source="Rule 7(3)(iii); Guide, item 2")
def entitlement_missing(ctx):
    if not any(True for _ in _entitlement_codes(ctx.app.entitlement)):
        yield Hit(
            "entitlement.establishment",
            "Indicate at least one Contracting Party with which the applicant has an "
            "establishment, domicile, nationality or habitual residence.",
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
            hint = f" Indicate {ctx.names(covering)} instead." if covering else ""
            yield Hit(field, f"{code} is not a Hague Contracting Party on {ctx.on}.{hint}")


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
                    f"{ctx.name(code)} is a member State of {ctx.name(igo)}: indicate "
                    f"{ctx.name(igo)} as well under {criterion.replace('_', ' ')}.",
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
                f"{ctx.name(code)} is not bound by the 1999 Act: habitual residence there gives "
                "no entitlement. Remove it or indicate another connection.",
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
            f"Indicate {ctx.name(choices[0])} as the "
            "applicant's Contracting Party (the only 1999 Act party indicated in item 2).",
        )
    elif choices:
        yield Hit(
            "applicant_contracting_party",
            "Select the applicant's Contracting Party "
            f"among {ctx.names(choices)} (the 1999 Act parties indicated in item 2).",
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
        among = f"one of {ctx.names(choices)}" if choices else "a 1999 Act party from item 2"
        yield Hit(
            "applicant_contracting_party",
            f"{ctx.name(chosen)} cannot be the applicant's Contracting Party: choose {among}.",
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
            "designations", "Designate at least one Contracting Party where protection is sought."
        )


@rule(code="designations.unknown", severity=ERROR, item="7", source="Rule 7(3)(vi); Guide, item 7")
def designations_unknown(ctx):
    for i, code in enumerate(ctx.app.designations):
        if ctx.ref.party(code) is None:
            yield Hit(
                f"designations[{i}]",
                f"{code} is not a Hague Contracting Party.",
                (code,),
            )


@rule(code="designations.duplicate", severity=WARNING, item="7", source="Guide, item 7")
def designations_duplicate(ctx):
    seen = set()
    for i, code in enumerate(ctx.app.designations):
        if code in seen:
            yield Hit(f"designations[{i}]", f"{ctx.name(code)} is designated twice.", (code,))
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
                f"{ctx.name(code)} is not bound by an Act to which a Contracting Party of your "
                "entitlement (item 2) is bound: remove it, or add an entitlement that reaches it.",
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
        closing = (
            f" The data says the 1960 Act closes to new designations after {until}."
            if until
            else ""
        )
        yield Hit(
            "designations",
            f"The designation of {ctx.names(parties)} is governed by the 1960 Act: the "
            "International Bureau does not examine their national requirements (such as the "
            f"creator's identity), and deferment is limited under that Act.{closing}",
            parties,
        )


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
            f"{ctx.name(own)} is the applicant's Contracting Party and has declared that its "
            "designation then has no effect: the International Bureau will disregard it.",
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
            f"{ctx.names(parties)} could only be designated under the 1960 Act, which the "
            f"reference data treats as closed to new designations since {until} (this is not "
            "confirmed): check before filing, or remove these designations.",
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
            f"{ctx.names(longer)} may notify a refusal within {max(months[p] for p in longer)} "
            f"months of publication instead of {base}.",
            longer,
        )
