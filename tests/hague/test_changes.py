"""Changes in the International Register (Article 16; Rule 21), the pure rules: each case
cites the Guide item or Article it comes from (hague-guide-changes.txt,
hague-post-registration.md section 5)."""

from datetime import date

import pytest

from hague_portal.hague import changes
from hague_portal.hague.document import Entitlement

SCOPE = changes.Scope({"CH": (1, 2, 3), "EM": (1, 2, 3), "US": (2, 3)})
TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(
    "entitlement, entitled",
    [
        # Article 3: nationality of a State that is a Contracting Party.
        (Entitlement(nationality=("CH",)), True),
        # Article 3: a member State of an IGO that is a Contracting Party (PT through EM).
        (Entitlement(nationality=("PT",)), True),
        # Article 3: a real and effective establishment in a Contracting Party.
        (Entitlement(establishment=("US",)), True),
        # Article 3, 1999 Act: habitual residence.
        (Entitlement(habitual_residence=("DE",)), True),
        # India is not a Contracting Party: no connection entitles.
        (Entitlement(nationality=("IN",), domicile=("IN",)), False),
        # Brazil is bound only from 1 August 2023: on 1 March 2027 it entitles.
        (Entitlement(domicile=("BR",)), True),
        # No connection given at all.
        (Entitlement(), False),
    ],
)
def test_a_new_owner_must_be_entitled_under_article_3(ref, entitlement, entitled):
    findings = changes.entitlement_findings(entitlement, ref, TODAY)
    assert (findings == {}) is entitled


def test_brazil_did_not_entitle_before_it_joined(ref):
    findings = changes.entitlement_findings(Entitlement(domicile=("BR",)), ref, date(2023, 1, 2))
    assert "BR" in findings["entitlement"]


def test_the_refusal_names_the_parties_that_do_not_entitle(ref):
    findings = changes.entitlement_findings(Entitlement(nationality=("IN",)), ref, TODAY)
    assert findings["entitlement"].startswith("IN:") and "Article" in findings["entitlement"]


@pytest.mark.parametrize(
    "parties, designs, field",
    [
        (["CH"], [1], None),  # Article 16(1)(i): any party, any design
        (["CH", "EM", "US"], [1, 2, 3], None),  # or all of them
        (["JP"], [1], "parties"),  # not designated
        (["CH"], [7], "designs"),  # no such design
        ([], [1], "parties"),  # nothing chosen
        (["CH"], [], "designs"),
    ],
)
def test_ownership_scope(ref, parties, designs, field):
    findings = changes.ownership_findings(
        SCOPE,
        parties=parties,
        designs=designs,
        entitlement=Entitlement(nationality=("FR",)),
        new_holder_name="Bob Ltd",
        ref=ref,
        on=TODAY,
    )
    assert (field in findings) if field else findings == {}


def test_ownership_needs_the_new_holders_name(ref):
    findings = changes.ownership_findings(
        SCOPE, parties=["CH"], designs=[1], entitlement=Entitlement(nationality=("FR",)),
        new_holder_name=" ", ref=ref, on=TODAY,
    )  # fmt: skip
    assert set(findings) == {"new_holder_name"}


@pytest.mark.parametrize(
    "parties, designs, refused",
    [
        (["CH"], [1], False),  # Guide, limitation: some designs for some parties
        (["CH", "EM", "US"], [2], False),  # some designs for all parties
        (["CH"], [1, 2, 3], True),  # all designs: a renunciation (DM/5), not a limitation
        (["US"], [2, 3], True),  # all designs in force for the US
        (["CH", "US"], [1, 2, 3], True),
        (["CH"], [], True),  # each design must be identified by its number
    ],
)
def test_a_limitation_never_covers_all_designs(parties, designs, refused):
    findings = changes.limitation_findings(SCOPE, parties=parties, designs=designs)
    assert ("designs" in findings) is refused


def test_a_limitation_of_all_designs_points_to_a_renunciation():
    findings = changes.limitation_findings(SCOPE, parties=["CH"], designs=[1, 2, 3])
    assert "renunciation" in findings["designs"]


@pytest.mark.parametrize(
    "parties, field",
    [(["CH"], None), (["CH", "EM", "US"], None), (["KR"], "parties"), ([], "parties")],
)
def test_a_renunciation_covers_all_designs_for_the_parties_chosen(parties, field):
    # Guide, renunciation (DM/5): all designs, some or all designated parties.
    findings = changes.renunciation_findings(SCOPE, parties=parties)
    assert (field in findings) if field else findings == {}


@pytest.mark.parametrize(
    "new, changed",
    [
        ({"name": "Alice SA"}, True),  # Guide, DM/6 item 3: only what changed
        ({"address": "1 New Street"}, True),
        ({"email": "new@alice.example"}, True),
        ({"name": "Alice"}, False),  # the same name as recorded
        ({}, False),
    ],
)
def test_a_change_of_name_or_address_must_change_something(new, changed):
    current = {"name": "Alice", "address": "1 Old Street", "country": "CH", "email": "a@x.ch"}
    assert (changes.name_address_findings(current, new) == {}) is changed


def test_a_change_of_email_only_is_charged_nothing():
    # Guide, DM/6: a change of telephone or e-mail only needs no DM/6 and no fee.
    current = {"name": "Alice", "email": "a@x.ch"}
    assert changes.fee_item("name_address", current, {"email": "b@x.ch"}) == "recording_phone_email"
    assert changes.fee_item("name_address", current, {"name": "Alice SA"}) == (
        "recording_name_address"
    )


@pytest.mark.parametrize(
    "action, current, new, field",
    [
        ("appoint", {}, {"name": "Rep & Co", "address": "Geneva"}, None),
        ("appoint", {}, {"name": "", "address": "Geneva"}, "name"),
        ("change", {"name": "Old"}, {"name": "New", "address": ""}, "address"),
        ("cancel", {"name": "Old"}, {}, None),
        ("cancel", {}, {}, "action"),  # nothing recorded to cancel
    ],
)
def test_representative_requests(action, current, new, field):
    findings = changes.representative_findings(action, current, new)
    assert (field in findings) if field else findings == {}


@pytest.mark.parametrize(
    "kind, registrations, count",
    [("ownership", 3, 3), ("limitation", 1, 1), ("renunciation", 3, 1), ("name_address", 4, 1)],
)
def test_fees_per_registration_or_per_request(kind, registrations, count):
    # DM/2 and DM/3 are per registration; DM/5 and DM/6 once per request.
    assert changes.fee_count(kind, registrations) == count


def test_a_transfer_of_some_parties_or_designs_is_partial():
    assert changes.partial(SCOPE, parties=["CH"], designs=[1, 2, 3])
    assert changes.partial(SCOPE, parties=["CH", "EM", "US"], designs=[1])
    assert not changes.partial(SCOPE, parties=["CH", "EM", "US"], designs=[1, 2, 3])
