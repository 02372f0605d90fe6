"""Party names in messages: a single name takes a singular verb, even one that reads as a
plural ("United States of America requires"), issue 8."""

from dataclasses import replace

import pytest
from test_checks import VALID  # tests/hague is a rootdir (no package)

from hague_portal.hague.checks import run_checks
from hague_portal.hague.wording import with_verb


@pytest.mark.parametrize(
    ("names", "verb", "expected"),
    [
        (["United States of America"], "require", "United States of America requires"),
        (["Japan", "Mexico"], "require", "Japan and Mexico require"),
        (["Netherlands"], "do not allow", "Netherlands does not allow"),
        (["Japan", "Viet Nam"], "do not allow", "Japan and Viet Nam do not allow"),
        (["Egypt"], "may require", "Egypt may require"),
    ],
)
def test_a_single_party_name_takes_a_singular_verb(names, verb, expected):
    assert with_verb(names, verb) == expected


def test_the_us_claim_message_says_requires(ref):
    # Guide, item 12: the United States of America requires a claim.
    findings = run_checks(replace(VALID, designations=("EM", "US"), claim=None), ref)
    messages = [f.message for f in findings if f.item == "12"]
    assert any(m.startswith("United States of America requires a claim") for m in messages)
    assert not any("United States of America require " in f.message for f in findings)
