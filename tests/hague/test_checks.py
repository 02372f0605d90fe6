"""Formality checks: one behaviour per case, each citing the Guide item (DM/1) it comes from."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hague_portal.hague.checks import ORDERED_RULES, RULES, Finding, is_blocking, run_checks
from hague_portal.hague.document import (
    Address,
    AnnexEntry,
    Annexes,
    Applicant,
    Application,
    Creator,
    Design,
    Entitlement,
    Exhibition,
    MainDesign,
    NoveltyException,
    Priority,
    Publication,
    RelatedDesign,
    Representative,
    Reproduction,
    Signatory,
)
from hague_portal.hague.reference import ReferenceData, read_reference_dir

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
ON = date(2025, 9, 1)
PARIS = Address(street="1 rue de la Paix", city="Paris", postcode="75002", country="FR")
JANE = Creator(name="Jane Doe", address=PARIS)
US_CLAIM = "The ornamental design for a chair as shown and described."
VN_CLAIM = "Application for overall protection for design(s) as shown and described."


def design(number=1, locarno="06-01", views=2, legend="1", product="chair"):
    reproductions = tuple(
        Reproduction(number=f"{number}.{v}", legend_code=legend) for v in range(1, views + 1)
    )
    return Design(number=number, product=product, locarno=locarno, reproductions=reproductions)


def oath(creator="Jane Doe", signatory="/Jane Doe/"):
    return AnnexEntry(kind="declaration", creator=creator, signatory=signatory)


VALID = Application(
    filing_date=ON,
    applicants=(
        Applicant(name="Atelier Doe SARL", email="jane@doe.example", address=PARIS, phone="+33 1"),
    ),
    entitlement=Entitlement(establishment=("FR", "EM")),
    applicant_contracting_party="EM",
    designations=("EM", "JP", "US"),
    designs=(design(1),),
    creators=(JANE,),
    claim=US_CLAIM,
    annexes=Annexes(I=(oath(),)),
    signatory=Signatory(name="/Jane Doe/"),
)


def build(**changes) -> Application:
    return replace(VALID, **changes)


def designs(n, **kwargs):
    return tuple(design(i, **kwargs) for i in range(1, n + 1))


def codes(findings):
    return {f.code for f in findings}


def find(findings, code) -> Finding:
    found = [f for f in findings if f.code == code]
    assert found, f"{code} not in {sorted(codes(findings))}"
    return found[0]


# --- the happy path ------------------------------------------------------------------------


def test_complete_application_designating_em_jp_us_with_annex_i_and_claim_has_no_errors(ref):
    findings = run_checks(VALID, ref)
    assert [f for f in findings if f.severity == "error"] == []
    assert not is_blocking(findings)


def test_complete_application_has_no_warnings_either(ref):
    assert [f.code for f in run_checks(VALID, ref) if f.severity == "warning"] == []


# --- one finding per case: (changes, code, severity, parties, field) ------------------------

CASES = [
    # Guide, item 1
    pytest.param(
        {"applicants": ()}, "applicant.missing", "error", (), "applicants", id="item1-no-applicant"
    ),
    pytest.param(
        {"applicants": (Applicant(name="Doe", address=PARIS),)},
        "applicant.email_missing",
        "error",
        (),
        "applicants[0].email",
        id="item1-email-required",
    ),
    pytest.param(
        {"applicants": (Applicant(name="Doe", email="not-an-email", address=PARIS),)},
        "applicant.email_invalid",
        "error",
        (),
        "applicants[0].email",
        id="item1-email-invalid",
    ),
    pytest.param(
        {
            "applicants": (
                Applicant(
                    name="Doe", email="a@b.example", address=Address(city="Paris", country="FR")
                ),
            )
        },
        "applicant.address_incomplete",
        "error",
        (),
        "applicants[0].address.street",
        id="item1-postal-address",
    ),
    pytest.param(
        {"applicants": (Applicant(name="株式会社デザイン", email="a@b.example", address=PARIS),)},
        "applicant.transliteration_missing",
        "error",
        (),
        "applicants[0].transliteration",
        id="item1-transliteration",
    ),
    pytest.param(
        {"applicants": (Applicant(name="Doe", email="a@b.example", address=PARIS),)},
        "applicant.phone_recommended",
        "info",
        (),
        "applicants[0].phone",
        id="item1-phone-recommended",
    ),
    # Guide, item 2
    pytest.param(
        {"entitlement": Entitlement()},
        "entitlement.missing",
        "error",
        (),
        "entitlement.establishment",
        id="item2-missing",
    ),
    pytest.param(
        {"entitlement": Entitlement(establishment=("AT",))},
        "entitlement.not_contracting_party",
        "error",
        (),
        "entitlement.establishment[0]",
        id="item2-igo-member-state-not-a-party",
    ),
    pytest.param(
        {"entitlement": Entitlement(establishment=("FR",))},
        "entitlement.igo_missing",
        "warning",
        (),
        "entitlement.establishment[0]",
        id="item2-indicate-state-and-igo",
    ),
    # Guide, item 3
    pytest.param(
        {"applicant_contracting_party": None},
        "applicant_party.missing",
        "error",
        (),
        "applicant_contracting_party",
        id="item3-required-under-1999",
    ),
    pytest.param(
        {"applicant_contracting_party": "JP"},
        "applicant_party.not_in_entitlement",
        "error",
        (),
        "applicant_contracting_party",
        id="item3-must-come-from-item2",
    ),
    # Guide, item 4
    pytest.param(
        {"applicants": VALID.applicants * 2},
        "correspondence.email_missing",
        "warning",
        (),
        "correspondence_email",
        id="item4-several-applicants",
    ),
    pytest.param(
        {"correspondence_email": "nope"},
        "correspondence.email_invalid",
        "error",
        (),
        "correspondence_email",
        id="item4-invalid",
    ),
    # Guide, item 5
    pytest.param(
        {"representative": Representative(name="Bob", address=PARIS)},
        "representative.email_missing",
        "error",
        (),
        "representative.email",
        id="item5-email",
    ),
    pytest.param(
        {"representative": Representative(name="Bob", email="bob@x.example")},
        "representative.address_incomplete",
        "error",
        (),
        "representative.address.street",
        id="item5-address",
    ),
    # Guide, item 6
    pytest.param({"designs": ()}, "designs.missing", "error", (), "designs", id="item6-no-design"),
    pytest.param(
        {"designs": designs(101), "designations": ("EM",)},
        "designs.too_many",
        "error",
        (),
        "designs[100]",
        id="item6-up-to-100",
    ),
    pytest.param(
        {"designs": designs(2)}, "designs.unity", "warning", ("JP",), "designs", id="item6-unity-jp"
    ),
    pytest.param(
        {"designs": designs(11), "designations": ("EM", "CN")},
        "designs.unity_max_designs",
        "warning",
        ("CN",),
        "designs[10]",
        id="item6-cn-at-most-10",
    ),
    # Guide, item 7
    pytest.param(
        {"designations": ()},
        "designations.missing",
        "error",
        (),
        "designations",
        id="item7-missing",
    ),
    pytest.param(
        {"designations": ("EM", "XX")},
        "designations.unknown",
        "error",
        ("XX",),
        "designations[1]",
        id="item7-unknown",
    ),
    pytest.param(
        {"entitlement": Entitlement(establishment=("EM",)), "designations": ("EM", "SN")},
        "designations.not_entitled",
        "error",
        ("SN",),
        "designations[1]",
        id="item7-1960-only-party-not-reachable-under-1999",
    ),
    pytest.param(
        {"designations": ("EM", "SN"), "claim": None, "annexes": Annexes()},
        "designations.governed_by_1960",
        "info",
        ("SN",),
        "designations",
        id="item7-designation-under-1960-act",
    ),
    pytest.param(
        {"designations": ("EM", "SN"), "claim": None, "annexes": Annexes(), "creators": ()},
        "creators.identity_advised",
        "warning",
        ("SN",),
        "creators",
        id="item11-1960-act-may-require-creator",
    ),
    pytest.param(
        {"designations": ("EM", "JP", "US", "JP")},
        "designations.duplicate",
        "warning",
        ("JP",),
        "designations[3]",
        id="item7-duplicate",
    ),
    # Guide, item 8
    pytest.param(
        {"designs": (design(1, product=""),)},
        "designs.product_missing",
        "error",
        (),
        "designs[0].product",
        id="item8-product",
    ),
    pytest.param(
        {"designs": (design(1), design(2, locarno="07"))},
        "designs.locarno_mixed",
        "error",
        (),
        "designs[1].locarno",
        id="item8-one-class",
    ),
    pytest.param(
        {"designs": (design(1, locarno="99"),)},
        "designs.locarno_invalid",
        "error",
        (),
        "designs[0].locarno",
        id="item8-unknown-class",
    ),
    pytest.param(
        {"designs": (design(1, locarno=None),)},
        "designs.locarno_missing",
        "info",
        (),
        "designs[0].locarno",
        id="item8-class-not-compulsory",
    ),
    pytest.param(
        {"designs": (design(2),)},
        "designs.numbering",
        "error",
        (),
        "designs[0].number",
        id="item8-numerical-order",
    ),
    pytest.param(
        {
            "designations": ("EM", "CA"),
            "designs": (design(1, locarno="32"),),
            "claim": None,
            "annexes": Annexes(),
        },
        "designs.locarno_refusal_risk",
        "warning",
        ("CA",),
        "designs[0].locarno",
        id="item8-footnote4-class-32",
    ),
    pytest.param(
        {
            "designations": ("EM", "CN"),
            "designs": (design(1, locarno="32-01"),),
            "claim": None,
            "annexes": Annexes(),
            "description": "A chair.",
        },
        "designs.locarno_refusal_risk",
        "warning",
        ("CN",),
        "designs[0].locarno",
        id="item8-footnote4-cn-32-01",
    ),
    pytest.param(
        {}, "designs.product_scope", "info", ("JP",), "designs[0].product", id="item8-footnote3-jp"
    ),
    # Guide, item 9
    pytest.param(
        {"designations": ("EM", "CN", "US")},
        "description.required",
        "error",
        ("CN",),
        "description",
        id="item9-cn-requires-description",
    ),
    pytest.param(
        {"description": " ".join(["word"] * 120)},
        "description.fee",
        "info",
        (),
        "description",
        id="item9-over-100-words",
    ),
    # Rule 7(3)(iv): the reproductions (not an item of the Guide: item 6 counts them)
    pytest.param(
        {"designs": (replace(design(1), reproductions=()),)},
        "reproductions.missing",
        "error",
        (),
        "designs[0].reproductions",
        id="reproduction-required",
    ),
    # Guide, item 10
    pytest.param(
        {
            "designs": (
                replace(
                    design(1), reproductions=(Reproduction("1.2", "1"), Reproduction("1.1", "2"))
                ),
            )
        },
        "reproductions.numbering",
        "error",
        (),
        "designs[0].reproductions[0].number",
        id="item10-ascending-numbers",
    ),
    pytest.param(
        {"designs": (replace(design(1), reproductions=(Reproduction("2.1", "1"),)),)},
        "reproductions.numbering",
        "error",
        (),
        "designs[0].reproductions[0].number",
        id="item10-design-prefix",
    ),
    pytest.param(
        {"designs": (replace(design(1), reproductions=(Reproduction("1.1", "00", "x" * 51),)),)},
        "reproductions.legend_text_too_long",
        "error",
        (),
        "designs[0].reproductions[0].legend_text",
        id="item10-free-legend-50-chars",
    ),
    pytest.param(
        {"designs": (replace(design(1), reproductions=(Reproduction("1.1", "1", "underside"),)),)},
        "reproductions.legend_text_needs_00",
        "error",
        (),
        "designs[0].reproductions[0].legend_code",
        id="item10-free-legend-needs-code-00",
    ),
    pytest.param(
        {"designs": (replace(design(1), reproductions=(Reproduction("1.1", "00"),)),)},
        "reproductions.legend_text_missing",
        "error",
        (),
        "designs[0].reproductions[0].legend_text",
        id="item10-code-00-needs-text",
    ),
    pytest.param(
        {"designs": (design(1, legend=None),)},
        "reproductions.legends_recommended",
        "warning",
        ("JP", "US"),
        "designs[0].reproductions[0].legend_code",
        id="item10-legends-recommended-jp-us",
    ),
    pytest.param(
        {"designs": (design(1, legend="77"),)},
        "reproductions.legend_code_unknown",
        "warning",
        (),
        "designs[0].reproductions[0].legend_code",
        id="item10-unknown-legend-code",
    ),
    # Guide, item 11
    pytest.param(
        {"creators": (), "annexes": Annexes()},
        "creators.identity_required",
        "error",
        ("US",),
        "creators",
        id="item11-us-oath-needs-creator",
    ),
    pytest.param(
        {
            "designations": ("EM", "RO"),
            "creators": (),
            "claim": None,
            "annexes": Annexes(),
            "description": "A chair.",
        },
        "creators.identity_required",
        "error",
        ("RO",),
        "creators",
        id="item11-ro-requires-creator",
    ),
    pytest.param(
        {"designations": ("EM", "MX"), "creators": (), "claim": None, "annexes": Annexes()},
        "creators.identity_required",
        "error",
        ("MX",),
        "creators",
        id="item11-mx-in-creator-name",
    ),
    pytest.param(
        {"designations": ("EM", "JP"), "creators": (), "claim": None, "annexes": Annexes()},
        "creators.identity_advised",
        "warning",
        ("JP",),
        "creators",
        id="item11-jp-advised",
    ),
    pytest.param(
        {"designations": ("EM", "MX"), "claim": None, "annexes": Annexes()},
        "creators.assignment_statement",
        "info",
        ("MX",),
        "creators",
        id="item11-assignment-statement",
    ),
    pytest.param(
        {"creators": (Creator("Jane Doe", designs=(7,)),)},
        "creators.unknown_design",
        "error",
        (),
        "creators[0].designs",
        id="item11-unknown-design",
    ),
    # Guide, item 12
    pytest.param(
        {"claim": None}, "claim.missing", "error", ("US",), "claim", id="item12-us-claim-required"
    ),
    pytest.param(
        {"claim": "A chair as shown"},
        "claim.wording",
        "error",
        ("US",),
        "claim",
        id="item12-us-declared-wording",
    ),
    pytest.param(
        {
            "designations": ("EM", "VN"),
            "claim": US_CLAIM,
            "annexes": Annexes(),
            "description": "A chair.",
        },
        "claim.wording",
        "error",
        ("VN",),
        "claim",
        id="item12-vn-declared-wording",
    ),
    pytest.param(
        {"designations": ("EM", "JP"), "annexes": Annexes()},
        "claim.not_allowed",
        "error",
        (),
        "claim",
        id="item12-no-claim-without-us-or-vn",
    ),
    pytest.param(
        {"claim": "The ornamental design for a lamp as shown and described"},
        "claim.article_mismatch",
        "warning",
        ("US",),
        "claim",
        id="item12-article-vs-product",
    ),
    # Guide, item 13
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 2, 28)),)},
        "priority.disregarded",
        "info",
        (),
        "priorities[0].date",
        id="item13-more-than-6-months-disregarded",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 9, 2)),)},
        "priority.after_filing",
        "error",
        (),
        "priorities[0].date",
        id="item13-priority-after-filing",
    ),
    pytest.param(
        {"priorities": (Priority("", "1", date(2025, 6, 1)),)},
        "priority.office_missing",
        "error",
        (),
        "priorities[0].office",
        id="item13-office-required",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 6, 1), designs=(4,)),)},
        "priority.unknown_design",
        "error",
        (),
        "priorities[0].designs",
        id="item13-unknown-design",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 6, 1)),)},
        "priority.publication_risk",
        "warning",
        ("JP",),
        "priorities[0]",
        id="item13-jp-publication-risk-without-annex-v-or-das",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 6, 1)),)},
        "priority.document_to_office",
        "info",
        ("US",),
        "priorities",
        id="item13-us-priority-document",
    ),
    # Guide, item 14
    pytest.param(
        {"exhibition": Exhibition(name="Salone", place="", date=date(2025, 4, 1))},
        "exhibition.incomplete",
        "error",
        (),
        "exhibition.place",
        id="item14-place",
    ),
    pytest.param(
        {
            "exhibition": Exhibition(
                name="Salone", place="Milan", date=date(2025, 4, 1), designs=(3,)
            )
        },
        "exhibition.unknown_design",
        "error",
        (),
        "exhibition.designs",
        id="item14-unknown-design",
    ),
    # Guide, item 15
    pytest.param(
        {"designations": ("EM", "US"), "novelty_exception": NoveltyException(designs=(1,))},
        "novelty.not_applicable",
        "error",
        (),
        "novelty_exception",
        id="item15-only-cn-jp-kr",
    ),
    pytest.param(
        {"novelty_exception": NoveltyException(designs=(1,), parties=("US",))},
        "novelty.party_not_applicable",
        "error",
        ("US",),
        "novelty_exception.parties[0]",
        id="item15-party",
    ),
    pytest.param(
        {"novelty_exception": NoveltyException(parties=("JP",))},
        "novelty.designs_missing",
        "error",
        ("JP",),
        "novelty_exception.designs",
        id="item15-designs-required",
    ),
    pytest.param(
        {"novelty_exception": NoveltyException(designs=(1,), parties=("JP",))},
        "novelty.documents_to_office",
        "info",
        ("JP",),
        "annexes.II",
        id="item15-without-annex-ii",
    ),
    # Guide, item 16
    pytest.param(
        {"designations": ("EM", "US"), "main_design": MainDesign(main=1)},
        "main_design.not_applicable",
        "error",
        (),
        "main_design",
        id="item16-only-cn-jp-kr",
    ),
    pytest.param(
        {"main_design": MainDesign(main=5)},
        "main_design.unknown_design",
        "error",
        (),
        "main_design.main",
        id="item16-unknown-design",
    ),
    pytest.param(
        {
            "designs": designs(2),
            "main_design": MainDesign(related=(RelatedDesign(design=2, principal=2),)),
        },
        "main_design.related_to_itself",
        "error",
        (),
        "main_design.related[0].principal",
        id="item16-principal-is-another-design",
    ),
    pytest.param(
        {
            "designations": ("EM", "CN"),
            "designs": designs(2),
            "claim": None,
            "annexes": Annexes(),
            "description": "x",
        },
        "main_design.missing",
        "warning",
        ("CN",),
        "main_design.main",
        id="item16-cn-main-design",
    ),
    # Guide, item 17
    pytest.param(
        {"publication": Publication(mode="deferred")},
        "publication.months_missing",
        "error",
        (),
        "publication.months",
        id="item17-chosen-time-months",
    ),
    pytest.param(
        {
            "designations": ("EM",),
            "claim": None,
            "annexes": Annexes(),
            "publication": Publication("deferred", 31),
        },
        "publication.deferment_too_long",
        "error",
        (),
        "publication.months",
        id="item17-30-months-max",
    ),
    pytest.param(
        {
            "designations": ("EM",),
            "claim": None,
            "annexes": Annexes(),
            "publication": Publication("deferred", 28),
            "priorities": (Priority("EM", "1", date(2025, 5, 15)),),
        },
        "publication.deferment_too_long",
        "error",
        (),
        "publication.months",
        id="item17-30-months-from-priority",
    ),
    pytest.param(
        {
            "designations": ("EM", "DK"),
            "claim": None,
            "annexes": Annexes(),
            "publication": Publication("deferred", 7),
        },
        "publication.deferment_party_limit",
        "warning",
        ("DK",),
        "publication.months",
        id="item17-dk-6-months",
    ),
    pytest.param(
        {"publication": Publication("deferred", 18)},
        "publication.no_deferment",
        "warning",
        ("US",),
        "publication.months",
        id="item17-us-no-deferment",
    ),
    pytest.param(
        {
            "designations": ("EM",),
            "claim": None,
            "annexes": Annexes(),
            "publication": Publication("deferred", 18),
        },
        "publication.deferred_fee",
        "info",
        (),
        "publication.months",
        id="item17-publication-fee-later",
    ),
    # Guide, item 18
    pytest.param(
        {"fee_reductions": {"US": "micro"}},
        "annex_IV.missing",
        "error",
        ("US",),
        "annexes.IV",
        id="item18-annex-iv-us-micro-entity",
    ),
    pytest.param(
        {
            "designations": ("EM", "JP"),
            "claim": None,
            "annexes": Annexes(),
            "fee_reductions": {"US": "small"},
        },
        "fees.reduction_not_designated",
        "error",
        ("US",),
        "fee_reductions.US",
        id="item18-us-not-designated",
    ),
    pytest.param(
        {"fee_reductions": {"JP": True}},
        "fees.reduction_not_available",
        "error",
        ("JP",),
        "fee_reductions.JP",
        id="item18-only-il-mx-us",
    ),
    pytest.param(
        {"fee_reductions": {"US": "tiny"}},
        "fees.reduction_not_available",
        "error",
        ("US",),
        "fee_reductions.US",
        id="item18-us-small-or-micro",
    ),
    pytest.param(
        {
            "designations": ("EM", "IL"),
            "claim": None,
            "annexes": Annexes(),
            "fee_reductions": {"IL": True},
            "priorities": (Priority("EM", "1", date(2025, 6, 1)),),
        },
        "fees.reduction_excluded_with_priority",
        "warning",
        ("IL",),
        "fee_reductions.IL",
        id="item13-il-no-reduction-with-priority",
    ),
    pytest.param({}, "fees.two_part", "info", ("US",), "designations", id="fees-us-two-part"),
    # Guide, item 19
    pytest.param(
        {"signatory": None},
        "signature.missing",
        "error",
        (),
        "signatory.name",
        id="item19-signature",
    ),
    pytest.param(
        {"signatory": Signatory("Jane Doe")},
        "signature.format",
        "warning",
        (),
        "signatory.name",
        id="item19-text-string-signature",
    ),
    pytest.param(
        {"signatory": Signatory("/Bob/", capacity="representative")},
        "signature.no_representative",
        "error",
        (),
        "signatory.capacity",
        id="item19-capacity-representative",
    ),
    # Annexes I-V
    pytest.param(
        {"annexes": Annexes()},
        "annex_I.missing",
        "error",
        ("US",),
        "annexes.I",
        id="annexI-mandatory-us",
    ),
    pytest.param(
        {"creators": (JANE, Creator("John Roe", address=PARIS))},
        "annex_I.missing",
        "error",
        ("US",),
        "annexes.I",
        id="annexI-one-per-creator",
    ),
    pytest.param(
        {"annexes": Annexes(I=(oath(), oath(creator="Max Mustermann", signatory="/Max/")))},
        "annex_I.unknown_creator",
        "error",
        ("US",),
        "annexes.I[1].creator",
        id="annexI-inventor-is-item11-creator",
    ),
    pytest.param(
        {"annexes": Annexes(I=(oath(signatory=None),))},
        "annex_I.unsigned",
        "error",
        ("US",),
        "annexes.I[0].signatory",
        id="annexI-signed",
    ),
    pytest.param(
        {"designations": ("EM", "JP"), "claim": None},
        "annex_I.not_applicable",
        "warning",
        (),
        "annexes.I",
        id="annexI-us-only",
    ),
    pytest.param(
        {
            "designations": ("EM", "US"),
            "annexes": Annexes(I=(oath(),), II=(AnnexEntry(kind="disclosure"),)),
        },
        "annex_II.not_applicable",
        "error",
        (),
        "annexes.II",
        id="annexII-only-with-item15",
    ),
    pytest.param(
        {
            "annexes": Annexes(
                I=(oath(),), IV=(AnnexEntry(kind="certification", signatory="/Jane/"),)
            )
        },
        "annex_IV.not_applicable",
        "error",
        (),
        "annexes.IV",
        id="annexIV-only-with-micro",
    ),
    pytest.param(
        {
            "designations": ("EM", "US"),
            "priorities": (Priority("EM", "1", date(2025, 6, 1)),),
            "annexes": Annexes(I=(oath(),), V=(AnnexEntry(kind="priority_document", priority=0),)),
        },
        "annex_V.not_applicable",
        "warning",
        (),
        "annexes.V",
        id="annexV-only-cn-jp-kr",
    ),
    pytest.param(
        {"annexes": Annexes(I=(oath(),), V=(AnnexEntry(kind="priority_document"),))},
        "annex_V.without_priority",
        "error",
        (),
        "annexes.V[0].priority",
        id="annexV-supports-a-priority",
    ),
]


@pytest.mark.parametrize(("changes", "code", "severity", "parties", "field"), CASES)
def test_rule_finds(ref, changes, code, severity, parties, field):
    finding = find(run_checks(build(**changes), ref), code)
    assert (finding.severity, finding.parties, finding.field) == (severity, parties, field)


# --- cases where a rule must stay silent ------------------------------------------------------

SILENT = [
    pytest.param(
        {
            "applicant_contracting_party": None,
            "designations": ("SN",),
            "claim": None,
            "annexes": Annexes(),
        },
        "applicant_party.missing",
        id="item3-only-if-the-1999-act-applies",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 3, 1)),)},
        "priority.disregarded",
        id="item13-exactly-6-months-is-in-time",
    ),
    pytest.param(
        {"priorities": (Priority("EM", "1", date(2025, 6, 1), das_code="AB12"),)},
        "priority.publication_risk",
        id="item13-das-code-supplies-the-document",
    ),
    pytest.param(
        {
            "priorities": (Priority("EM", "1", date(2025, 6, 1)),),
            "annexes": Annexes(I=(oath(),), V=(AnnexEntry(kind="priority_document", priority=0),)),
        },
        "priority.publication_risk",
        id="item13-annex-v-supplies-the-document",
    ),
    pytest.param(
        {
            "designations": ("EM", "US", "VN"),
            "claim": US_CLAIM + " " + VN_CLAIM,
            "description": "x",
        },
        "claim.wording",
        id="item12-both-wordings",
    ),
    pytest.param(
        {"claim": "An ornamental design for a chair as shown and described"},
        "claim.wording",
        id="item12-article-an",
    ),
    pytest.param(
        {"designations": ("EM", "CN", "US"), "description": None},
        "description.fee",
        id="item9-no-description-no-fee",
    ),
    pytest.param({"designs": designs(2)}, "designs.locarno_mixed", id="item8-same-class"),
    pytest.param(
        {"designations": ("EM", "CA"), "claim": None, "annexes": Annexes()},
        "designs.locarno_refusal_risk",
        id="item8-class-06-fine-in-ca",
    ),
    pytest.param(
        {
            "designations": ("EM", "IL"),
            "claim": None,
            "annexes": Annexes(),
            "fee_reductions": {"IL": True},
        },
        "fees.reduction_excluded_with_priority",
        id="item18-il-reduction-without-priority",
    ),
    pytest.param(
        {
            "fee_reductions": {"US": "micro"},
            "annexes": Annexes(
                I=(oath(),), IV=(AnnexEntry(kind="certification", signatory="/Jane Doe/"),)
            ),
        },
        "annex_IV.missing",
        id="item18-micro-with-annex-iv",
    ),
    pytest.param(
        {"fee_reductions": {"US": "small"}},
        "annex_IV.missing",
        id="item18-small-entity-needs-no-annex",
    ),
    pytest.param(
        {"publication": Publication("deferred", 12)},
        "publication.no_deferment",
        id="item17-chosen-time-within-12-months",
    ),
    pytest.param({"designs": designs(1)}, "designs.unity", id="item6-one-design"),
    pytest.param(
        {"designations": ("EM", "RO"), "claim": None, "annexes": Annexes(), "description": "x"},
        "creators.identity_required",
        id="item11-creator-given",
    ),
    pytest.param(
        {
            "representative": Representative(name="Bob", address=PARIS, email="bob@x.example"),
            "applicants": VALID.applicants * 2,
        },
        "correspondence.email_missing",
        id="item4-representative-receives-mail",
    ),
]


@pytest.mark.parametrize(("changes", "code"), SILENT)
def test_rule_stays_silent(ref, changes, code):
    assert code not in codes(run_checks(build(**changes), ref))


# --- messages, API and registry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code", "name"),
    [
        pytest.param({"claim": None}, "claim.missing", "United States of America", id="item12"),
        pytest.param(
            {"designations": ("EM", "CN", "US")}, "description.required", "China", id="item9"
        ),
        pytest.param({"designs": designs(2)}, "designs.unity", "Japan", id="item6"),
    ],
)
def test_message_names_the_party(ref, changes, code, name):
    assert name in find(run_checks(build(**changes), ref), code).message


def test_errors_block_submission(ref):
    assert is_blocking(run_checks(build(signatory=None), ref))


def test_finding_as_dict_has_every_field(ref):
    finding = find(run_checks(build(claim=None), ref), "claim.missing")
    assert finding.as_dict() == {
        "code": "claim.missing",
        "severity": "error",
        "item": "12",
        "parties": ["US"],
        "message": finding.message,
        "source": finding.source,
        "field": "claim",
    }


def test_every_rule_has_a_unique_code_an_item_and_a_source():
    assert len({r.code for r in RULES}) == len(RULES)
    assert all(r.item and r.source and r.severity in ("error", "warning", "info") for r in RULES)


def test_findings_come_in_dm1_item_order(ref):
    findings = run_checks(build(signatory=None, applicants=()), ref)
    assert [f.code for f in findings].index("applicant.missing") < [f.code for f in findings].index(
        "signature.missing"
    )
    assert ORDERED_RULES[0].item == "1"


def frozen_1960(until: date) -> ReferenceData:
    tables = read_reference_dir(REFERENCE_DIR)
    for act in tables["acts"]:
        if act["act"] == "1960":
            act["new_designations_until"] = until.isoformat()
    return ReferenceData.from_rows(**tables)


def test_a_1960_act_freeze_in_the_data_warns_about_parties_lost_with_it():
    # Guide, item 7; reference README: the 1960 Act freeze (2025-01-01) is unconfirmed data.
    findings = run_checks(
        build(designations=("EM", "SN"), claim=None, annexes=Annexes()),
        frozen_1960(date(2024, 12, 31)),
    )
    frozen = find(findings, "designations.act_1960_frozen")
    assert (frozen.severity, frozen.parties) == ("warning", ("SN",))
    assert find(findings, "designations.not_entitled").parties == ("SN",)


def with_declaration(party: str, kind: str, value: str = "") -> ReferenceData:
    tables = read_reference_dir(REFERENCE_DIR)
    row = dict.fromkeys(tables["declarations"][0], "")
    row.update(party=party, kind=kind, value=value, provision="test", confidence="U", source="test")
    tables["declarations"].append(row)
    return ReferenceData.from_rows(**tables)


def test_own_party_declared_no_effect_is_disregarded():
    # Guide, item 7 (99 Art 14(3)): only a party's own declaration counts.
    app = build(
        entitlement=Entitlement(establishment=("JP",)),
        applicant_contracting_party="JP",
        designations=("JP", "EM"),
        claim=None,
        annexes=Annexes(),
    )
    finding = find(
        run_checks(app, with_declaration("JP", "own_party_no_effect")),
        "designations.own_party_no_effect",
    )
    assert (finding.severity, finding.parties, finding.field) == (
        "warning",
        ("JP",),
        "designations[0]",
    )


def test_a_declaration_added_to_the_data_changes_the_checks_without_code():
    # Guide, item 12: a claim requirement is whatever the declarations say.
    ref = with_declaration("JP", "claim_required", "the design for [article] as shown")
    finding = find(run_checks(build(), ref), "claim.wording")
    assert finding.parties == ("JP",)


def test_ldc_applicant_is_told_of_the_10_percent_fees(ref):
    # Guide, "Reduction of fees for applicants from LDCs"
    app = build(
        entitlement=Entitlement(establishment=("KH",)),
        applicant_contracting_party="KH",
        designations=("KH",),
        claim=None,
        annexes=Annexes(),
    )
    assert find(run_checks(app, ref), "fees.ldc_reduction").severity == "info"


def test_date_defaults_to_the_filing_date(ref):
    # Guide, item 13: the 6 months are counted back from the filing date, not from today.
    app = build(priorities=(Priority("EM", "1", date(2025, 6, 1)),))
    assert "priority.disregarded" not in codes(run_checks(app, ref))


def test_an_annex_nobody_requires_is_reported_even_when_no_party_declares_it(ref):
    """Guide, Annex I: only with a party declaring the creator's oath. Without any such party in
    the data, the finding must still be produced (naming no party), not crash the run."""
    from dataclasses import replace

    from hague_portal.hague.checks import run_checks
    from hague_portal.hague.document import AnnexEntry, Annexes
    from hague_portal.hague.reference import TABLES, ReferenceData, to_row

    rows = {table: [to_row(row) for row in ref.rows(table)] for table in TABLES}
    rows["declarations"] = [r for r in rows["declarations"] if r["kind"] != "creator_oath"]
    no_oath = ReferenceData.from_rows(**rows)
    app = replace(
        build(designations=("CH",)),
        annexes=Annexes(
            I=(AnnexEntry(kind="declaration", creator="Jane Doe", signatory="/Jane Doe/"),)
        ),
    )
    codes = {f.code for f in run_checks(app, no_oath)}
    assert "annex_I.not_applicable" in codes


@pytest.mark.parametrize(
    ("designations", "expected"),
    [(("CH",), True), (("US", "CH"), False)],
    ids=["annex_III-without-us-flagged", "annex_III-with-us-accepted"],
)
def test_annex_iii_is_only_for_the_parties_that_take_an_information_disclosure(
    ref, designations, expected
):
    """Guide, Annex III: only relevant for the designation of the United States of America."""
    from dataclasses import replace

    from hague_portal.hague.checks import run_checks
    from hague_portal.hague.document import AnnexEntry, Annexes

    app = replace(
        build(designations=designations), annexes=Annexes(III=(AnnexEntry(kind="statement"),))
    )
    codes = {f.code for f in run_checks(app, ref)}
    assert ("annex_III.not_applicable" in codes) is expected


def test_item_16_principal_design_must_be_in_the_application(ref):
    # Guide, item 16 (A.I. Section 407): principal design 7 does not exist.
    app = build(
        designations=("JP",),
        designs=designs(2),
        main_design=MainDesign(related=(RelatedDesign(design=2, principal=7),)),
    )
    found = find(run_checks(app, ref), "main_design.unknown_design")
    assert found.field == "main_design.related[0].principal"


def test_item_16_principal_may_be_an_earlier_registration(ref):
    # Guide, item 16: "the principal design ... or an earlier application or registration".
    related = RelatedDesign(design=2, principal_earlier="DM/085 123")
    app = build(
        designations=("JP",), designs=designs(2), main_design=MainDesign(related=(related,))
    )
    item16 = [f for f in run_checks(app, ref) if f.item == "16" and f.severity == "error"]
    assert item16 == []


def test_item_16_a_design_related_to_another_design_of_the_application_is_accepted(ref):
    # Guide, item 16: "similar to another design identified as a principal design".
    related = RelatedDesign(design=2, principal=1)
    app = build(
        designations=("JP",), designs=designs(2), main_design=MainDesign(related=(related,))
    )
    item16 = [f for f in run_checks(app, ref) if f.item == "16" and f.severity == "error"]
    assert item16 == []


def test_item_16_related_design_names_one_principal(ref):
    related = RelatedDesign(design=2)
    app = build(
        designations=("JP",), designs=designs(2), main_design=MainDesign(related=(related,))
    )
    assert find(run_checks(app, ref), "main_design.principal_missing").severity == "error"
