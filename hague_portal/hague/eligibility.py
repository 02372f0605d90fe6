"""Who may file, which Contracting Parties may be designated and under which Act.

Guide ("How to submit an international application"), items 2, 3 and 7; 1999 Act Articles 3,
14(3) and 31; 1960 Act Article 3; Guide, "Reduction of fees for applicants from LDCs".
Acts are data with dates: `ref.acts_binding(code, on)` already honours an Act's freeze, so a
freeze of the 1960 Act changes the answers here without a code change.

Part of the pure rules core: no Django, no ORM, no settings.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .document import Application, Entitlement

if TYPE_CHECKING:
    from .reference import ReferenceData

ACT_1999 = "1999"
ACT_1960 = "1960"
FACTORS = ("establishment", "domicile", "nationality", "habitual_residence")  # item 2
OWN_PARTY_NO_EFFECT = "own_party_no_effect"  # declaration kind, 1999 Act Article 14(3)


def entitlement_parties(entitlement: Entitlement) -> frozenset[str]:
    """Every code named in item 2, whatever the connecting factor."""
    return frozenset(code for factor in FACTORS for code in getattr(entitlement, factor))


def entitlement_acts(
    entitlement: Entitlement, ref: ReferenceData, on: date
) -> dict[str, frozenset[str]]:
    """Each Contracting Party giving entitlement, with the Acts under which it does (in item 2 order).

    A connection with a member State of an IGO party (EU, OAPI), or with Belgium, Luxembourg or
    the Netherlands (Benelux), also entitles through that party (1999 Act Article 3; Guide,
    item 2, "Entitlement via an intergovernmental organization"), even where the State itself
    is bound only by the 1960 Act or by no Act (Guide, item 7, the "special case").
    """
    acts: dict[str, frozenset[str]] = {}
    for factor in FACTORS:
        for code in getattr(entitlement, factor):
            for party in (code, *ref.parties_covering(code)):
                gained = _acts_through(factor, party, ref, on)
                acts[party] = acts.get(party, frozenset()) | gained
    return {party: found for party, found in acts.items() if found}


def _acts_through(factor: str, party: str, ref: ReferenceData, on: date) -> frozenset[str]:
    bound = ref.acts_binding(party, on)
    if factor == "habitual_residence":
        # Guide, item 2: habitual residence is a connecting factor under the 1999 Act only.
        return bound & {ACT_1999}
    return bound


def applicant_acts(entitlement: Entitlement, ref: ReferenceData, on: date) -> frozenset[str]:
    """The Acts through which the applicant is entitled at all."""
    return frozenset().union(*entitlement_acts(entitlement, ref, on).values())


def common_act(applicant: frozenset[str], designated: frozenset[str]) -> str | None:
    # Guide, item 7: a party may be designated if bound by an Act the applicant's entitlement
    # shares; where both Acts are shared, the 1999 Act (the most recent) governs (99 Art 31(1)).
    if ACT_1999 in applicant and ACT_1999 in designated:
        return ACT_1999
    if ACT_1960 in applicant and ACT_1960 in designated:
        return ACT_1960
    return None


def governing_act(entitlement: Entitlement, party: str, ref: ReferenceData, on: date) -> str | None:
    """The Act governing the designation of `party`, or None if it may not be designated."""
    return common_act(applicant_acts(entitlement, ref, on), ref.acts_binding(party, on))


def designation_acts(entitlement: Entitlement, ref: ReferenceData, on: date) -> dict[str, str]:
    """Every Contracting Party that may be designated, mapped to the Act governing it (item 7)."""
    acts = applicant_acts(entitlement, ref, on)
    result = {}
    for party in ref.parties():
        act = common_act(acts, ref.acts_binding(party.code, on))
        if act:
            result[party.code] = act
    return result


def applicant_contracting_party_choices(
    entitlement: Entitlement, ref: ReferenceData, on: date
) -> tuple[str, ...]:
    """Item 3: the 1999-Act parties of item 2, one of which is the applicant's Contracting Party.

    One choice: it must be indicated. None: the 1999 Act does not apply and item 3 stays empty.
    """
    return tuple(
        party for party, acts in entitlement_acts(entitlement, ref, on).items() if ACT_1999 in acts
    )


def applicants_contracting_party(app: Application, ref: ReferenceData, on: date) -> str | None:
    """Item 3 as indicated, or the only possible choice (Guide, item 3; 99 Article 1(xiv))."""
    if app.applicant_contracting_party:
        return app.applicant_contracting_party
    choices = applicant_contracting_party_choices(app.entitlement, ref, on)
    return choices[0] if len(choices) == 1 else None


def own_party_designations(app: Application, ref: ReferenceData, on: date) -> frozenset[str]:
    """Designations the International Bureau disregards under 1999 Act Article 14(3).

    An Examining Office may declare that its designation has no effect where it is also the
    applicant's Contracting Party (Guide, item 7, "Protection in the State of origin and in the
    applicant's Contracting Party"). Only the party's own declaration counts, never a "*" row.
    """
    own = applicants_contracting_party(app, ref, on)
    if own not in app.designations or ref.declaration(own, OWN_PARTY_NO_EFFECT, on) is None:
        return frozenset()
    return frozenset({own})


def applicant_entitlements(app: Application) -> tuple[Entitlement, ...]:
    """Item 2 of each applicant: its own when given, else the application's."""
    return tuple(a.entitlement or app.entitlement for a in app.applicants) or (app.entitlement,)


def application_acts(app: Application, ref: ReferenceData, on: date) -> frozenset[str]:
    """The Acts governing the application's designations, over every applicant's entitlement."""
    return frozenset(
        act
        for entitlement in applicant_entitlements(app)
        for party in app.designations
        if (act := governing_act(entitlement, party, ref, on))
    )


def is_ldc_applicant(app: Application, ref: ReferenceData, on: date) -> bool:
    """Guide, "Reduction of fees for applicants from LDCs": each applicant must qualify."""
    only_1999 = ACT_1960 not in application_acts(app, ref, on)
    return all(_ldc_entitlement(e, only_1999, ref, on) for e in applicant_entitlements(app))


def _ldc_entitlement(
    entitlement: Entitlement, only_1999: bool, ref: ReferenceData, on: date
) -> bool:
    connections = _connections(entitlement, ref)
    if not connections:
        return False
    # Sole entitlement a connection with LDCs or with an IGO whose members are mostly LDCs
    # (ref.is_ldc answers both).
    if all(ref.is_ldc(code, on) for code in connections):
        return True
    # Otherwise: through such an IGO, every other connection an LDC or a member State of that
    # IGO, and the application governed exclusively by the 1999 Act.
    return only_1999 and any(
        _ldc_igo_covers(igo, connections, ref, on) for igo in connections if ref.is_ldc(igo, on)
    )


def _ldc_igo_covers(igo: str, connections: frozenset[str], ref: ReferenceData, on: date) -> bool:
    if not ref.igo_members(igo) or not (party := ref.party(igo)) or not party.is_igo:
        return False
    members = set(ref.igo_members(igo))
    return all(c == igo or c in members or ref.is_ldc(c, on) for c in connections)


def _connections(entitlement: Entitlement, ref: ReferenceData) -> frozenset[str]:
    # The parties named in item 2 and those a named State implies (Guide, item 2: "should
    # indicate both that Contracting Party and that intergovernmental organization").
    named = entitlement_parties(entitlement)
    return named.union(*(ref.igos_of(code) for code in named))
