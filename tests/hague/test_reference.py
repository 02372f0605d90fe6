"""Reference data lookups: effective dates, Acts, IGOs, LDCs, fees and declarations."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hague_portal.hague.reference import (
    ReferenceData,
    ReferenceDataError,
    load_reference_dir,
    read_reference_dir,
    to_row,
    write_reference_dir,
)

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "reference"
TODAY = date(2025, 9, 1)


def test_basic_additional_fee_is_19_chf_on_2023_12_31(ref):
    assert ref.fee("basic_additional", date(2023, 12, 31)).amount == Decimal("19")


def test_basic_additional_fee_is_50_chf_from_2024_01_01(ref):
    assert ref.fee("basic_additional", date(2024, 1, 1)).amount == Decimal("50")


@pytest.mark.parametrize(("on", "amount"), [(date(2023, 12, 31), 2), (date(2024, 1, 1), 5)])
def test_basic_additional_ldc_amount_is_an_explicit_row(ref, on, amount):
    assert ref.fee("basic_additional", on, variant="ldc").amount == amount


def test_hungary_pays_an_individual_fee_until_2024_03_31(ref):
    fee_type = ref.fee_type("HU", date(2024, 3, 31))
    assert fee_type.fee_type == "individual"
    assert ref.fee("individual_first", date(2024, 3, 31), party="HU").amount == 47


def test_hungary_pays_standard_level_two_from_2024_04_01(ref):
    fee_type = ref.fee_type("HU", date(2024, 4, 1))
    assert (fee_type.fee_type, fee_type.level) == ("standard", 2)
    assert ref.fee("individual_first", date(2024, 4, 1), party="HU") is None


def test_standard_fee_falls_back_to_the_schedule_of_fees(ref):
    assert ref.fee("standard_first", TODAY, party="HU", level=2).amount == 60
    assert ref.fee("standard_additional", TODAY, level=3).amount == 50


def test_a_party_with_a_blank_1999_date_is_bound_with_date_unconfirmed(ref):
    (norway,) = ref.party_acts("NO")
    assert (norway.act, norway.bound_from, norway.date_confirmed) == (
        "1999",
        date(2003, 12, 23),
        False,
    )
    assert norway.confidence == "U"
    assert ref.acts_binding("NO", TODAY) == {"1999"}


def test_a_party_is_not_bound_before_its_entry_into_force(ref):
    assert ref.acts_binding("US", date(2015, 5, 12)) == frozenset()
    assert ref.is_member("US", date(2015, 5, 13))


def test_the_1960_act_is_open_by_default_because_the_freeze_is_unconfirmed(ref):
    assert ref.act("1960").new_designations_until is None
    assert ref.act("1960").confidence == "U"
    assert ref.acts_binding("SN", TODAY) == {"1960"}


def test_a_1960_act_freeze_is_a_data_change(ref):
    tables = _raw_tables()
    for act in tables["acts"]:
        if act["act"] == "1960":
            act["new_designations_until"] = "2024-12-31"
    frozen = ReferenceData.from_rows(**tables)
    assert frozen.acts_binding("SN", date(2024, 12, 31)) == {"1960"}
    assert frozen.acts_binding("SN", date(2025, 1, 1)) == frozenset()
    assert frozen.acts_binding("DE", date(2025, 1, 1)) == {"1999"}


def test_the_european_union_has_27_member_states(ref):
    assert len(ref.igo_members("EM")) == 27
    assert ref.igos_of("DE") == ("EM",)


def test_oapi_has_17_member_states(ref):
    assert len(ref.igo_members("OA")) == 17
    assert ref.igos_of("SN") == ("OA",)


def test_benelux_covers_belgium_but_is_not_an_igo(ref):
    assert ref.igo_members("BX") == ("BE", "LU", "NL")
    assert ref.parties_covering("BE") == ("BX", "EM")
    assert ref.igos_of("BE") == ("EM",)


def test_oapi_counts_as_ldc_because_most_members_are_ldcs(ref):
    assert ref.is_ldc("OA", TODAY)
    assert not ref.is_ldc("EM", TODAY)


def test_sao_tome_is_not_ldc_after_graduating_on_2024_12_13(ref):
    assert ref.is_ldc("ST", date(2024, 12, 12))
    assert not ref.is_ldc("ST", date(2024, 12, 13))


def test_samoa_was_ldc_before_2014(ref):
    assert ref.is_ldc("WS", date(2013, 6, 1))
    assert not ref.is_ldc("WS", date(2014, 6, 1))


def test_korea_pays_level_three_for_partial_examination_classes(ref):
    # Guide footnote 7: classes 1, 2, 3, 5, 9, 11, 19 -> standard level 3
    fee_type = ref.fee_type("KR", TODAY, locarno_class="09")
    assert (fee_type.fee_type, fee_type.level) == ("standard", 3)


def test_korea_pays_an_individual_fee_for_other_classes(ref):
    assert ref.fee_type("KR", TODAY, locarno_class="06").fee_type == "individual"
    assert ref.fee("individual_per_design", TODAY, party="KR").amount == 143


def test_us_second_part_follows_the_international_registration_date(ref):
    def micro(on):
        return ref.fee("individual_part2", on, party="US", variant="micro").amount

    assert micro(date(2019, 1, 1)) == 166
    assert micro(date(2024, 1, 1)) == 137
    assert micro(date(2025, 1, 19)) == 230


def test_oapi_has_explicit_ldc_amounts(ref):
    single = ref.fee("individual_single_deposit", TODAY, party="OA", variant="ldc")
    multiple = ref.fee("individual_multiple_deposit", TODAY, party="OA", variant="ldc")
    assert (single.amount, multiple.amount) == (8, 12)


def test_default_deferment_is_30_months(ref):
    assert ref.default("max_deferment_months", TODAY).int_value == 30
    assert ref.effective("DK", "max_deferment_months", TODAY).int_value == 6
    assert ref.effective("DE", "max_deferment_months", TODAY).int_value == 30


def test_application_in_creator_name_follows_the_guide(ref):
    # Guide item 11: BR, FI, GH, HU, IS, MU, MX
    declarants = ref.parties_declaring("application_in_creator_name", TODAY)
    assert declarants == {"BR", "FI", "GH", "HU", "IS", "MU", "MX"}


def test_us_claim_has_the_exact_wording_of_item_12(ref):
    claim = ref.declaration("US", "claim_required", TODAY)
    assert claim.value == "the ornamental design for [indicate an article] as shown and described"


def test_us_fee_reductions_are_small_and_micro(ref):
    values = {d.value for d in ref.declarations("US", TODAY, kind="fee_reduction")}
    assert values == {"small", "micro"}


def test_parties_declaring_never_contains_the_default_party(ref):
    assert "*" not in ref.parties_declaring("max_deferment_months", TODAY)


def test_japan_protection_term_changed_from_20_to_25_years(ref):
    assert ref.declaration("JP", "max_protection_years", date(2020, 3, 31)).int_value == 20
    assert ref.declaration("JP", "max_protection_years", date(2020, 4, 1)).int_value == 25


def test_locarno_has_32_classes_and_accepts_short_codes(ref):
    classes = [c for c in ref.rows("locarno") if c.level == "class"]
    assert len(classes) == 32
    assert ref.locarno_class("6-1").title == "Seats"


def test_only_legend_codes_1_2_and_00_exist(ref):
    assert {g.code for g in ref.rows("legend_codes")} == {"1", "2", "00"}
    assert ref.legend("3") is None


def test_parties_are_sorted_by_name(ref):
    names = [p.name for p in ref.parties()]
    assert names == sorted(names)


def test_every_row_keeps_confidence_and_source(ref):
    for table in ("parties", "party_acts", "declarations", "fees", "ldc", "locarno"):
        for row in ref.rows(table):
            assert row.confidence in ("C", "S", "U")
            assert row.source, (table, row)


def test_from_rows_accepts_native_values():
    ref = ReferenceData.from_rows(
        acts=[
            {
                "act": "1999",
                "name": "Geneva",
                "entry_into_force": date(2003, 12, 23),
                "confidence": "C",
            }
        ],
        parties=[{"code": "XX", "name": "X", "is_igo": False, "confidence": "C", "id": 7}],
        fees=[
            {
                "item": "basic_first",
                "party": "*",
                "variant": "default",
                "amount": Decimal("397"),
                "confidence": "C",
            }
        ],
    )
    assert ref.fee("basic_first", TODAY).amount == 397


@pytest.mark.parametrize(
    ("table", "row", "reason"),
    [
        (
            "fees",
            {"item": "basic_first", "party": "*", "variant": "default", "amount": "abc"},
            "amount",
        ),
        ("declarations", {"party": "ZZ", "kind": "x", "valid_from": "2020-13-01"}, "valid_from"),
        ("declarations", {"party": "ZZ", "kind": "x"}, "unknown party"),
    ],
)
def test_a_bad_row_is_reported_with_table_line_and_reason(table, row, reason):
    base = {"confidence": "C", "source": "test"}
    with pytest.raises(ReferenceDataError) as info:
        ReferenceData.from_rows(**{table: [{**row, **base}]})
    assert info.value.table == table
    assert info.value.line == 2
    assert reason in str(info.value)


def test_load_reference_dir_names_the_file_and_line(tmp_path):
    write_reference_dir(tmp_path, {"fees": ()})
    (tmp_path / "fees.csv").write_text(
        "item,party,variant,amount,confidence\nbasic_first,*,default,x,C\n"
    )
    with pytest.raises(ReferenceDataError, match=r"fees\.csv:2: amount"):
        load_reference_dir(tmp_path)


def test_written_csv_files_round_trip(ref, tmp_path):
    write_reference_dir(tmp_path, {name: ref.rows(name) for name in _raw_tables()})
    again = load_reference_dir(tmp_path)
    for name in _raw_tables():
        assert [to_row(r) for r in again.rows(name)] == [to_row(r) for r in ref.rows(name)]


def _raw_tables():
    return read_reference_dir(REFERENCE_DIR)


def test_fixture_files_have_a_header_with_confidence_source_and_notes():
    for path in Path(REFERENCE_DIR).glob("*.csv"):
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert {"confidence", "source", "notes"} <= set(header), path.name


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "European Union"),
        ("fr", "Union européenne"),
        ("es-mx", "Unión Europea"),
        (None, "European Union"),
    ],
)
def test_a_party_is_named_in_the_language_asked(ref, language, name):
    assert ref.party("EM").name_in(language) == name


def test_locarno_titles_and_legends_exist_in_three_languages(ref):
    assert ref.locarno_class("06").title_in("fr") == "Ameublement"
    assert ref.locarno_class("06").title_in("es") == "Mobiliario"
    assert ref.legend("1").legend_in("fr") == "Vue en perspective"
    assert ref.legend("1").legend_in("es") == "Vista en perspectiva"


def test_a_blank_translation_falls_back_to_english():
    ref = ReferenceData.from_rows(parties=[{"code": "XX", "name": "Xland", "confidence": "C"}])
    assert ref.party("XX").name_in("fr") == "Xland"


def test_parties_sort_by_their_name_in_the_language_ignoring_accents(ref):
    names = [p.name_in("fr") for p in ref.parties("fr")]
    assert names.index("Égypte") < names.index("Espagne") < names.index("Estonie")
    assert names[0] == "Albanie" and ref.parties("en") == ref.parties()
    assert [p.name_in("es") for p in ref.parties("es")][:2] == ["Albania", "Alemania"]


def test_loading_files_requires_every_translation(tmp_path):
    tables = _raw_tables()
    tables["parties"][0]["name_fr"] = ""
    write_reference_dir(
        tmp_path, {name: ReferenceData.from_rows(**tables).rows(name) for name in tables}
    )
    with pytest.raises(ReferenceDataError, match=r"parties\.csv:2: name_fr: value is required"):
        load_reference_dir(tmp_path)
