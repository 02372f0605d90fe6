"""Items numbered as the Guide numbers them (Guide to the Hague System, "How to submit an
international application": items 1-19, then Annexes I-V and "Payment of fees"). What the Guide
does not number (the reproductions, the Annexes in general, the payment of fees) is named, never
given a borrowed number."""

import pytest

from hague_portal.hague import irregularities as rule14
from hague_portal.hague.checks import ITEMS, RULES
from hague_portal.hague.items import item_record, item_reference

# Each Rule 14 kind, the part of the DM/1 it concerns as the Guide gives it, and where it says so.
GUIDE = {
    "reproductions": ("reproductions", "not an item: item 6 counts them, item 10 is the legends"),
    "applicant_identity": ("1", "Item 1: Applicant"),
    "contact": ("4", "Item 4: Email address for correspondence"),
    "creator": ("11", "Item 11: Identity of the creator"),
    "description": ("9", "Item 9: Description"),
    "claim": ("12", "Item 12: Claim"),
    "product": ("8", "Item 8: Product indication"),
    "locarno_unity": ("8", "Item 8: the class of the Locarno Classification (Rule 7(7))"),
    "document": ("annexes", "Annexes I to V, not items"),
    "other": ("", "whatever the examiner says"),
    "fees": ("fees", "Payment of fees, after item 19 (Signature), not an item"),
}


def test_every_irregularity_kind_cites_the_guide_here():
    assert set(GUIDE) == set(rule14.BY_CODE)


@pytest.mark.parametrize(
    ("code", "item", "where"), [(c, *GUIDE[c]) for c in GUIDE], ids=list(GUIDE)
)
def test_each_irregularity_kind_concerns_the_item_the_guide_gives_it(code, item, where):
    assert rule14.BY_CODE[code].item == item, where


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ("8", "item 8"),
        ("19", "item 19"),
        ("reproductions", "reproductions"),
        ("fees", "fees"),
        ("annexes", "annexes"),
        ("annex_IV", "Annex IV"),
        ("", ""),
    ],
)
def test_an_item_is_worded_as_the_guide_names_it(item, words):
    assert item_reference(item) == words


def test_the_audit_trail_records_an_item_in_english():
    assert (item_record("8"), item_record("fees"), item_record("")) == ("item 8", "fees", "—")


def test_every_rule_concerns_an_item_of_the_guide_or_a_part_it_names():
    assert {rule.item for rule in RULES} <= set(ITEMS)
    numbered = {rule.code: rule.item for rule in RULES if rule.item.isdigit()}
    # Guide, item 10 is the legends: a missing reproduction is not an item 10 matter.
    assert "reproductions.missing" not in numbered
    assert {rule.item for rule in RULES if rule.code.startswith("signature.")} == {"19"}
