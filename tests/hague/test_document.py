"""The application document: JSON shape, normal form and the FieldError contract."""

import copy
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hague_portal.hague.document import (
    SCHEMA,
    Application,
    Design,
    DocumentError,
    FieldError,
    application_to_json,
    parse_application,
)

ADDRESS = {"street": "1 Rue du Lac", "city": "Geneva", "postcode": "1201", "country": "CH"}
ENTITLEMENT = {
    "establishment": ["CH"],
    "domicile": ["CH"],
    "nationality": [],
    "habitual_residence": [],
}
ANNEX = {
    "kind": "declaration",
    "file": "files/annex1.pdf",
    "sha256": "a" * 64,
    "creator": "Jane Doe",
    "signatory": "/Jane Doe/",
    "signed_on": "2025-03-01",
    "designs": [1],
    "parties": ["US"],
    "priority": None,
}

# Every key of every section, in normal form: to_json(parse(FULL)) == FULL.
FULL = {
    "schema": SCHEMA,
    "language": "fr",
    "reference": "ACME-2025-01",
    "filing_date": "2025-03-03",
    "applicants": [
        {
            "name": "ACME SA",
            "kind": "legal",
            "email": "ip@acme.example",
            "address": dict(ADDRESS),
            "phone": "+41 22 000 00 00",
            "transliteration": None,
            "legal_nature": "société anonyme, Switzerland",
            "entitlement": None,
        }
    ],
    "entitlement": ENTITLEMENT,
    "applicant_contracting_party": "CH",
    "correspondence_email": None,
    "representative": {
        "name": "Bob & Partners",
        "address": dict(ADDRESS),
        "email": "bob@example.org",
        "phone": None,
    },
    "designations": ["US", "JP", "CN"],
    "designs": [
        {
            "number": 1,
            "product": "chair",
            "locarno": "06-01",
            "reproductions": [
                {
                    "number": "1.1",
                    "legend_code": "1",
                    "legend_text": None,
                    "file": "r/1.1.png",
                    "sha256": "b" * 64,
                },
                {
                    "number": "1.2",
                    "legend_code": "00",
                    "legend_text": "Underside",
                    "file": None,
                    "sha256": None,
                },
            ],
        },
        {"number": 2, "product": "stool", "locarno": "06", "reproductions": []},
    ],
    "description": "A chair with a curved back.",
    "creators": [{"name": "Jane Doe", "address": dict(ADDRESS), "designs": []}],
    "claim": "The ornamental design for a chair as shown and described",
    "priorities": [
        {
            "office": "CH",
            "number": "CH-123",
            "date": "2024-10-01",
            "designs": [1],
            "das_code": "AB12",
        }
    ],
    "exhibition": {
        "name": "Salone del Mobile",
        "place": "Milan",
        "date": "2024-11-02",
        "designs": [],
    },
    "novelty_exception": {
        "designs": [2],
        "parties": ["JP"],
        "disclosure_date": "2024-12-01",
        "explanation": "Shown at a trade fair",
    },
    "main_design": {
        "main": 1,
        "related": [{"design": 2, "principal": 1, "principal_earlier": None}],
    },
    "publication": {"mode": "deferred", "months": 30},
    "fee_reductions": {"US": "micro"},
    "annexes": {"I": [ANNEX], "II": [], "III": [], "IV": [], "V": []},
    "signatory": {"name": "/Bob Partner/", "capacity": "representative"},
}


def errors_of(data, ref=None) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        parse_application(data, ref)
    return [str(e) for e in caught.value.errors]


def with_(**changes) -> dict:
    data = copy.deepcopy(FULL)
    data.update(changes)
    return data


def test_a_complete_document_round_trips_unchanged():
    assert application_to_json(parse_application(FULL)) == FULL


def test_parsing_the_json_form_gives_back_the_same_application():
    app = parse_application(FULL)
    assert parse_application(application_to_json(app)) == app


def test_a_draft_with_only_the_schema_takes_every_default():
    assert parse_application({"schema": SCHEMA}) == Application()


def test_missing_optional_sections_appear_with_their_defaults_in_the_normal_form():
    normal = application_to_json(parse_application({"schema": SCHEMA, "designations": ["US"]}))
    assert normal["designations"] == ["US"]
    assert normal["publication"] == {"mode": "standard", "months": None}
    assert normal["annexes"] == {"I": [], "II": [], "III": [], "IV": [], "V": []}
    assert set(normal) == set(FULL)


def test_dates_become_date_objects_and_lists_become_tuples():
    app = parse_application(FULL)
    assert app.filing_date == date(2025, 3, 3)
    assert app.priorities[0].date == date(2024, 10, 1)
    assert app.designations == ("US", "JP", "CN")
    assert isinstance(app.designs[0], Design)


def test_a_parsed_application_is_hashable():
    assert hash(parse_application(FULL)) == hash(parse_application(copy.deepcopy(FULL)))


def test_a_field_error_reads_path_colon_message():
    assert (
        str(FieldError("designs[3].locarno", 'unknown class "33"'))
        == 'designs[3].locarno: unknown class "33"'
    )


def test_every_error_is_collected_not_only_the_first():
    data = with_(designations="US", publication={"mode": "later", "months": "6"}, reference=7)
    assert errors_of(data) == [
        "reference: expected a string, got a number",
        "designations: expected an array, got a string",
        'publication.mode: must be one of "standard", "immediate", "deferred", got "later"',
        "publication.months: expected an integer, got a string",
    ]


def test_the_document_error_message_lists_every_error():
    with pytest.raises(DocumentError) as caught:
        parse_application(with_(reference=1, claim=2))
    assert (
        str(caught.value)
        == "reference: expected a string, got a number\nclaim: expected a string, got a number"
    )


def _set(path, value):
    """A copy of FULL with the value at `path` (a list of keys/indexes) replaced."""
    data = copy.deepcopy(FULL)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _drop(path):
    data = copy.deepcopy(FULL)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


SHAPE_ERRORS = [
    # (document, expected error) — the Guide item concerned in the comment
    ([], "expected an object, got an array"),
    (_drop(["schema"]), 'schema: required (expected "hague-portal/application@1")'),
    (
        _set(["schema"], "hague-portal/application@2"),
        'schema: unsupported schema "hague-portal/application@2" (expected "hague-portal/application@1")',
    ),
    (
        _set(["designatons"], []),
        'designatons: unknown key "designatons"; did you mean "designations"?',
    ),
    (_set(["colour"], "red"), 'colour: unknown key "colour"'),
    (
        _set(["applicants", 0, "nmae"], "x"),
        'applicants[0].nmae: unknown key "nmae"; did you mean "name"?',
    ),
    (_drop(["applicants", 0, "name"]), "applicants[0].name: required"),  # item 1
    (
        _set(["applicants", 0, "kind"], "company"),
        'applicants[0].kind: must be one of "natural", "legal", got "company"',
    ),  # item 1
    (
        _set(["applicants", 0, "address", "country"], "che"),
        'applicants[0].address.country: invalid country code "che"',
    ),
    (
        _set(["entitlement", "domicile"], ["ch"]),
        'entitlement.domicile[0]: invalid Contracting Party code "ch"',
    ),  # item 2
    (
        _set(["applicant_contracting_party"], "CHE"),
        'applicant_contracting_party: invalid Contracting Party code "CHE"',
    ),  # item 3
    (_set(["designations", 1], 81), "designations[1]: expected a string, got a number"),  # item 7
    (_set(["designs", 1, "number"], True), "designs[1].number: expected an integer, got a boolean"),
    (_set(["designs", 1, "number"], 0), "designs[1].number: must be at least 1, got 0"),
    (_set(["designs", 1, "number"], 1.0), "designs[1].number: expected an integer, got a number"),
    (
        _set(["designs", 0, "locarno"], "6-1"),
        'designs[0].locarno: invalid Locarno code "6-1" (expected "CC" or "CC-SS")',
    ),  # item 8
    (
        _set(["designs", 0, "reproductions", 1, "number"], "1-2"),
        'designs[0].reproductions[1].number: invalid reproduction number "1-2" (expected "<design>.<n>")',
    ),  # item 10
    (
        _set(["designs", 0, "reproductions", 1, "number"], "1.0"),
        'designs[0].reproductions[1].number: invalid reproduction number "1.0" (expected "<design>.<n>")',
    ),
    (
        _set(["designs", 0, "reproductions", 0, "legend_code"], "front"),
        'designs[0].reproductions[0].legend_code: invalid legend code "front"',
    ),  # item 10
    (
        _set(["designs", 0, "reproductions", 0, "sha256"], "XYZ"),
        'designs[0].reproductions[0].sha256: invalid SHA-256 digest "XYZ" (expected 64 lowercase hex digits)',
    ),
    (
        _set(["creators", 0, "designs"], [1, -2]),
        "creators[0].designs[1]: must be at least 1, got -2",
    ),  # item 11
    (
        _set(["priorities", 0, "date"], "01.10.2024"),
        'priorities[0].date: expected a date as YYYY-MM-DD, got "01.10.2024"',
    ),  # item 13
    (
        _set(["priorities", 0, "date"], "2024-02-30"),
        'priorities[0].date: expected a date as YYYY-MM-DD, got "2024-02-30"',
    ),
    (
        _set(["priorities", 0, "date"], "20241001"),
        'priorities[0].date: expected a date as YYYY-MM-DD, got "20241001"',
    ),
    (
        _set(["priorities", 0, "office"], "Swiss office"),
        'priorities[0].office: invalid office code "Swiss office"',
    ),
    (_set(["exhibition"], []), "exhibition: expected an object, got an array"),  # item 14
    (
        _set(["novelty_exception", "parties"], "JP"),
        "novelty_exception.parties: expected an array, got a string",
    ),  # item 15
    (
        _set(["main_design", "related", 0, "principal"], "1"),
        "main_design.related[0].principal: expected an integer, got a string",
    ),  # item 16
    (
        _set(["publication", "months"], -1),
        "publication.months: must be at least 0, got -1",
    ),  # item 17
    (
        _set(["fee_reductions"], {"US": "large"}),
        'fee_reductions.US: must be true or one of "small", "micro", got "large"',
    ),
    (
        _set(["fee_reductions"], {"IL": False}),
        'fee_reductions.IL: must be true or one of "small", "micro", got false',
    ),
    (
        _set(["fee_reductions"], {"il": True}),
        'fee_reductions.il: invalid Contracting Party code "il"',
    ),  # item 18
    (_set(["annexes", "VI"], []), 'annexes.VI: unknown key "VI"; did you mean "V"?'),
    (
        _set(["annexes", "I", 0, "signed_on"], 20250301),
        "annexes.I[0].signed_on: expected a date as YYYY-MM-DD, got 20250301",
    ),
    (
        _set(["signatory", "capacity"], "office"),
        'signatory.capacity: must be one of "applicant", "representative", got "office"',
    ),  # item 19
]


@pytest.mark.parametrize(("data", "expected"), SHAPE_ERRORS)
def test_a_malformed_document_is_rejected_with_a_path_and_a_message(data, expected):
    assert errors_of(data) == [expected]


@pytest.mark.parametrize(
    ("locarno", "ok"),
    [
        ("06", True),
        ("06-01", True),
        ("32", True),
        ("6", False),
        ("06-1", False),
        ("06/01", False),
        ("", False),
    ],
)
def test_locarno_is_written_cc_or_cc_ss(locarno, ok):
    data = _set(["designs", 1, "locarno"], locarno)
    assert (parse_application(data).designs[1].locarno == locarno) if ok else errors_of(data)


@pytest.mark.parametrize("office", ["CH", "EM", "WIPO"])
def test_a_priority_office_may_be_any_office_code_or_wipo(office):
    # Guide item 13: an earlier international application names the International Bureau.
    assert (
        parse_application(_set(["priorities", 0, "office"], office)).priorities[0].office == office
    )


def test_an_application_without_a_language_is_in_english():
    # Rule 6(1); drafts and submissions from before the wizard asked have no "language".
    assert parse_application({"schema": SCHEMA}).language == "en"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_an_application_may_be_in_english_french_or_spanish(language):
    assert parse_application(with_(language=language)).language == language


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", 'language: must be one of "en", "fr", "es", got "de"'),
        ("FR", 'language: must be one of "en", "fr", "es", got "FR"'),
        (None, "language: expected a string, got null"),
    ],
)
def test_a_language_other_than_rule_6_1s_is_an_error_at_its_path(language, expected):
    assert errors_of(with_(language=language)) == [expected]


def test_a_null_optional_section_is_accepted():
    app = parse_application(
        with_(representative=None, exhibition=None, main_design=None, signatory=None)
    )
    assert app.representative is None and app.signatory is None


def test_a_null_where_a_section_is_not_optional_is_rejected():
    assert errors_of(with_(publication=None)) == ["publication: expected an object, got null"]


def test_applicants_may_each_carry_their_own_entitlement():
    data = _set(["applicants", 0, "entitlement"], {"nationality": ["FR"]})
    assert parse_application(data).applicants[0].entitlement.nationality == ("FR",)


# --- with reference data ---------------------------------------------------------------------

REF_ERRORS = [
    (_set(["designs", 0, "locarno"], "33"), 'designs[0].locarno: unknown class "33"'),  # item 8
    (_set(["designs", 0, "locarno"], "01-77"), 'designs[0].locarno: unknown subclass "01-77"'),
    (_set(["designations", 0], "XX"), 'designations[0]: unknown Contracting Party "XX"'),  # item 7
    (
        _set(["applicant_contracting_party"], "ZZ"),
        'applicant_contracting_party: unknown Contracting Party "ZZ"',
    ),
    (
        _set(["novelty_exception", "parties"], ["QQ"]),
        'novelty_exception.parties[0]: unknown Contracting Party "QQ"',
    ),
    # Guide item 2, "Entitlement via an intergovernmental organization": Sweden is no Contracting
    # Party, only the European Union is indicated.
    (
        _set(["entitlement", "nationality"], ["SE"]),
        'entitlement.nationality[0]: "SE" is not a Contracting Party; indicate "EM" instead',
    ),
    (
        _set(["entitlement", "domicile"], ["BE"]),
        'entitlement.domicile[0]: "BE" is not a Contracting Party; indicate "BX" and "EM" instead',
    ),
    # Guide item 18: the United States distinguish small and micro entities; Israel and Mexico
    # have one reduced amount; other parties none.
    (
        _set(["fee_reductions"], {"US": True}),
        'fee_reductions.US: must be "small" or "micro" for "US", got true',
    ),
    (
        _set(["fee_reductions"], {"IL": "small"}),
        'fee_reductions.IL: must be true for "IL", got "small"',
    ),
    (
        _set(["fee_reductions"], {"FR": True}),
        'fee_reductions.FR: "FR" provides no reduction of its designation fee',
    ),
]


@pytest.mark.parametrize(("data", "expected"), REF_ERRORS)
def test_codes_unknown_to_the_reference_data_are_rejected(data, expected, ref):
    assert errors_of(data, ref) == [expected]


def test_the_complete_document_passes_the_reference_checks(ref):
    assert parse_application(FULL, ref) == parse_application(FULL)


@pytest.mark.parametrize("locarno", ["07-01", "06-11"])
def test_a_subclass_is_not_judged_where_the_data_lists_only_part_of_its_class(locarno, ref):
    # locarno.csv holds a few subclasses only; a class counts as complete once its "-99" is there.
    assert (
        parse_application(_set(["designs", 0, "locarno"], locarno), ref).designs[0].locarno
        == locarno
    )


@pytest.mark.parametrize(
    ("party", "reduction"), [("US", "small"), ("US", "micro"), ("IL", True), ("MX", True)]
)
def test_declared_fee_reductions_are_accepted(party, reduction, ref):
    assert parse_application(_set(["fee_reductions"], {party: reduction}), ref).fee_reductions == {
        party: reduction
    }


# --- robustness ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


FULL_PATHS = [p for p in _paths(FULL) if p]


def _outcome(data, ref=None):
    try:
        return parse_application(data, ref)
    except DocumentError as error:
        assert error.errors and all(isinstance(e, FieldError) for e in error.errors)
        return error


@given(json_values)
def test_any_json_value_either_parses_or_raises_document_error(data):
    _outcome(data)


@settings(max_examples=300)
@given(path=st.sampled_from(FULL_PATHS), value=json_values)
def test_any_json_value_anywhere_in_a_document_either_parses_or_raises_document_error(
    path, value, ref
):
    outcome = _outcome(_set(list(path), value), ref)
    if isinstance(outcome, Application):  # whatever parses also round-trips
        assert parse_application(application_to_json(outcome)) == outcome
