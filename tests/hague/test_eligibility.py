"""Who may designate what, and under which Act: Guide items 2, 3 and 7, Art 14(3), LDC fees.

"Guide" is WIPO's chapter "How to submit an international application - e-filing or form DM/1"
(/work/shared/reference/hague-guide-dm1.txt). Examples use the real reference data: US, JP are
bound by the 1999 Act only; GA, CI, SN, BJ by the 1960 Act only (all OAPI members); CH, MC, FR
by both; EM (European Union) and OA (OAPI) are IGO parties to the 1999 Act.
"""

from datetime import date
from pathlib import Path

import pytest

from hague_portal.hague.document import Applicant, Application, Entitlement
from hague_portal.hague.eligibility import (
    applicant_contracting_party_choices,
    applicant_entitlements,
    designation_acts,
    entitlement_acts,
    entitlement_parties,
    governing_act,
    is_ldc_applicant,
    own_party_designations,
)
from hague_portal.hague.reference import ReferenceData, read_reference_dir

ON = date(2024, 6, 1)
AFTER_FREEZE = date(2025, 6, 1)
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"


def ent(**factors) -> Entitlement:
    return Entitlement(**{factor: tuple(codes.split()) for factor, codes in factors.items()})


def parties_bound_by(ref, act, on=ON) -> set[str]:
    return {p.code for p in ref.parties() if act in ref.acts_binding(p.code, on)}


def all_parties(ref, on=ON) -> set[str]:
    return {p.code for p in ref.parties() if ref.is_member(p.code, on)}


def reference_with(**changes) -> ReferenceData:
    """The fixture data with rows changed: {table: function(rows) -> rows}."""
    tables = read_reference_dir(REFERENCE_DIR)
    for table, change in changes.items():
        tables[table] = change(tables[table])
    return ReferenceData.from_rows(**tables)


@pytest.fixture(scope="module")
def frozen_1960():
    # README: the 1960 Act may be closed to new designations from 2025-01-01 (unconfirmed);
    # that reading is a data change, not a code change.
    def freeze(rows):
        return [
            {**r, "new_designations_until": "2024-12-31"} if r["act"] == "1960" else r for r in rows
        ]

    return reference_with(acts=freeze)


def test_entitlement_parties_are_every_code_named_in_item_2():
    e = ent(establishment="CH", domicile="FR", nationality="DE EM", habitual_residence="GB")
    assert entitlement_parties(e) == {"CH", "FR", "DE", "EM", "GB"}


def test_an_establishment_only_in_a_1999_act_country_designates_only_1999_act_parties(ref):
    # Guide item 7, "What Contracting Parties may be designated?", first example.
    acts = designation_acts(ent(establishment="US"), ref, ON)
    assert set(acts) == parties_bound_by(ref, "1999")
    assert set(acts.values()) == {"1999"}
    assert "GA" not in acts  # bound exclusively by the 1960 Act


def test_a_1960_country_and_a_1999_country_together_designate_every_party(ref):
    # Guide item 7, second example: establishment in A (1960 Act), domicile in B (1999 Act).
    acts = designation_acts(ent(establishment="GA", domicile="JP"), ref, ON)
    assert set(acts) == all_parties(ref)


def test_nationality_of_a_1960_party_and_domicile_in_a_1999_party_cumulate(ref):
    # Guide item 2, "Multiple entitlements".
    acts = designation_acts(ent(nationality="CI", domicile="US"), ref, ON)
    assert (acts["GA"], acts["JP"]) == ("1960", "1999")


@pytest.mark.parametrize(
    ("entitlement", "party", "act"),
    [
        # Guide item 2/7: a party bound by both Acts, designated by an applicant entitled under
        # both, is designated under the 1999 Act, "the most recent Act".
        (ent(establishment="MC"), "FR", "1999"),
        (ent(establishment="GA", domicile="JP"), "CH", "1999"),
        # Guide item 7: only the 1960 Act is shared.
        (ent(establishment="MC"), "GA", "1960"),
        (ent(nationality="GA"), "BJ", "1960"),
        # Only the 1999 Act is shared.
        (ent(establishment="MC"), "US", "1999"),
        # No Act shared: may not be designated.
        (ent(establishment="US"), "GA", None),
        (ent(), "US", None),
    ],
)
def test_the_governing_act_is_the_most_recent_act_both_sides_share(entitlement, party, act, ref):
    assert governing_act(entitlement, party, ref, ON) == act


def test_a_national_of_a_1960_only_member_state_of_an_igo_designates_every_party(ref):
    # Guide item 7, the "special case": a national of a State bound exclusively by the 1960 Act
    # that is a member of an IGO party to the 1999 Act (here Senegal and OAPI).
    acts = designation_acts(ent(nationality="SN"), ref, ON)
    assert set(acts) == all_parties(ref)
    assert (acts["GA"], acts["US"]) == ("1960", "1999")


def test_a_connection_with_a_member_state_entitles_through_its_igo(ref):
    # Guide item 2, "Entitlement via an intergovernmental organization".
    assert entitlement_acts(ent(nationality="DE"), ref, ON) == {
        "DE": frozenset({"1999", "1960"}),
        "EM": frozenset({"1999"}),
    }


def test_a_member_state_that_is_no_contracting_party_entitles_through_the_igo_only(ref):
    # Guide item 2: "only the name of the intergovernmental organization should be indicated".
    assert entitlement_acts(ent(domicile="SE"), ref, ON) == {"EM": frozenset({"1999"})}


def test_belgium_entitles_through_benelux_and_the_european_union(ref):
    assert set(entitlement_acts(ent(establishment="BE"), ref, ON)) == {"BX", "EM"}


def test_habitual_residence_counts_under_the_1999_act_only(ref):
    # Guide item 2: habitual residence is contemplated only by the 1999 Act.
    acts = designation_acts(ent(habitual_residence="MC"), ref, ON)
    assert "GA" not in acts and acts["MC"] == "1999"


def test_habitual_residence_in_a_1960_only_oapi_state_entitles_through_oapi_only(ref):
    assert entitlement_acts(ent(habitual_residence="GA"), ref, ON) == {"OA": frozenset({"1999"})}


def test_a_1960_act_freeze_leaves_only_1999_act_designations(frozen_1960):
    acts = designation_acts(ent(nationality="SN"), frozen_1960, AFTER_FREEZE)
    assert set(acts) == parties_bound_by(frozen_1960, "1999", AFTER_FREEZE)
    assert "GA" not in acts and set(acts.values()) == {"1999"}


def test_before_the_freeze_date_the_1960_act_still_applies(frozen_1960):
    assert governing_act(ent(nationality="SN"), "GA", frozen_1960, date(2024, 12, 31)) == "1960"


@pytest.mark.parametrize(
    ("entitlement", "choices"),
    [
        # Guide item 3: one 1999-Act party in item 2 -> it is the applicant's Contracting Party.
        (ent(establishment="US"), ("US",)),
        # Several: one must be chosen, among the 1999-Act parties only.
        (ent(establishment="US", domicile="JP"), ("US", "JP")),
        (ent(nationality="FR"), ("FR", "EM")),
        (ent(nationality="GA", domicile="CH"), ("CH", "OA")),
        # Habitual residence in a 1999-Act party is an entitlement under that Act.
        (ent(habitual_residence="CH"), ("CH",)),
        # None: the 1999 Act does not apply, item 3 stays empty.
        (ent(), ()),
    ],
)
def test_the_applicants_contracting_party_is_chosen_among_1999_act_entitlements(
    entitlement, choices, ref
):
    assert applicant_contracting_party_choices(entitlement, ref, ON) == choices


def test_after_a_1960_freeze_a_1960_only_state_gives_no_choice_of_its_own(frozen_1960):
    assert applicant_contracting_party_choices(
        ent(nationality="GA"), frozen_1960, AFTER_FREEZE
    ) == ("OA",)


def _own_party_declared_by(party: str) -> ReferenceData:
    row = {"party": party, "kind": "own_party_no_effect", "provision": "99 Art 14(3)", "confidence": "U",
           "source": "test", "value": "", "valid_from": "", "valid_to": "", "notes": ""}  # fmt: skip
    return reference_with(declarations=lambda rows: [*rows, row])


def test_designating_the_applicants_own_party_is_disregarded_where_it_so_declared():
    # Guide item 7 / 99 Art 14(3): the IB disregards that designation.
    ref = _own_party_declared_by("JP")
    app = Application(entitlement=ent(nationality="JP"), designations=("JP", "US"))
    assert own_party_designations(app, ref, ON) == {"JP"}


def test_the_placeholder_row_for_every_party_does_not_make_a_designation_disregarded(ref):
    # fixtures: the "*" own_party_no_effect row names no declarant.
    app = Application(entitlement=ent(nationality="JP"), designations=("JP",))
    assert own_party_designations(app, ref, ON) == frozenset()


def test_the_own_party_rule_concerns_the_indicated_applicants_contracting_party():
    ref = _own_party_declared_by("JP")
    app = Application(
        entitlement=ent(nationality="JP", domicile="US"),
        applicant_contracting_party="US",
        designations=("JP",),
    )
    assert own_party_designations(app, ref, ON) == frozenset()


def _ldc_app(*entitlements, designations=("US",)) -> Application:
    applicants = tuple(Applicant(name=f"A{i}", entitlement=e) for i, e in enumerate(entitlements))
    return Application(applicants=applicants, designations=designations)


@pytest.mark.parametrize(
    ("app", "ldc"),
    [
        # Guide, "Reduction of fees for applicants from LDCs": sole entitlement an LDC.
        (_ldc_app(ent(nationality="RW")), True),
        # ... or an IGO the majority of whose member States are LDCs (OAPI).
        (_ldc_app(ent(establishment="OA")), True),
        (_ldc_app(ent(nationality="SN")), True),  # Senegal (LDC) and OAPI
        # Not solely that IGO: every other connection a member State of it (Côte d'Ivoire),
        # and the application governed exclusively by the 1999 Act...
        (_ldc_app(ent(nationality="CI"), designations=("US", "OA")), True),
        # ... which it is not when Gabon is designated under the 1960 Act through Côte d'Ivoire.
        (_ldc_app(ent(nationality="CI"), designations=("US", "GA")), False),
        # Another entitlement outside LDCs and outside the IGO.
        (_ldc_app(ent(nationality="RW", domicile="FR")), False),
        # "If there are several applicants, each must fulfill the said criteria."
        (_ldc_app(ent(nationality="RW"), ent(nationality="SN")), True),
        (_ldc_app(ent(nationality="RW"), ent(nationality="CH")), False),
        (_ldc_app(ent()), False),
    ],
)
def test_the_ldc_reduction_needs_every_applicant_connected_only_with_ldcs(app, ldc, ref):
    assert is_ldc_applicant(app, ref, ON) is ldc


def test_a_country_that_left_the_ldc_list_no_longer_qualifies(ref):
    # ldc.csv: Sao Tome and Principe graduated on 2024-12-13.
    app = _ldc_app(ent(nationality="ST"))
    assert (
        is_ldc_applicant(app, ref, date(2024, 6, 1)),
        is_ldc_applicant(app, ref, date(2025, 1, 1)),
    ) == (True, False)


def test_applicants_without_their_own_entitlement_share_the_applications():
    app = Application(
        applicants=(Applicant(name="A"), Applicant(name="B")), entitlement=ent(domicile="CH")
    )
    assert applicant_entitlements(app) == (ent(domicile="CH"), ent(domicile="CH"))
