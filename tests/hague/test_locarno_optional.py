"""Guide, item 8: "the indication of the Locarno class is not compulsory". A design without it
parses, is no irregularity, and what depends on the class says it cannot be worked out."""

from dataclasses import replace

from test_checks import VALID, design  # tests/hague is a rootdir (no package)

from hague_portal.hague.checks import is_blocking, run_checks
from hague_portal.hague.document import application_to_json, parse_application
from hague_portal.hague.fees import NOT_COMPUTABLE, calculate_fees


def without_class(**changes):
    return replace(VALID, designs=(design(1, locarno=None), design(2, locarno=None)), **changes)


def test_a_design_without_locarno_class_parses(ref):
    data = application_to_json(VALID)
    del data["designs"][0]["locarno"]
    app = parse_application(data, ref)
    assert app.designs[0].locarno is None


def test_a_missing_locarno_class_is_no_irregularity(ref):
    findings = run_checks(without_class(), ref)
    locarno = [f for f in findings if "locarno" in f.code]
    assert [(f.code, f.severity) for f in locarno] == [("designs.locarno_missing", "info")]
    assert "not required" in locarno[0].message
    assert not is_blocking(findings)


def test_korea_fee_without_class_says_it_cannot_be_computed(ref):
    # Guide, footnote 7: Korea's fee type depends on the class.
    fees = calculate_fees(without_class(designations=("EM", "KR")), ref)
    korea = [line for line in fees.lines if line.party == "KR"]
    assert len(korea) == 1
    assert NOT_COMPUTABLE in korea[0].explanation and "Locarno class" in korea[0].explanation
    assert korea[0].amount == 0
    assert any(line.party == "EM" and line.amount > 0 for line in fees.lines)


def test_korea_fee_with_class_is_computed(ref):
    fees = calculate_fees(replace(VALID, designations=("KR",)), ref)
    assert all(NOT_COMPUTABLE not in line.explanation for line in fees.lines)
    assert any(line.party == "KR" and line.amount > 0 for line in fees.lines)
