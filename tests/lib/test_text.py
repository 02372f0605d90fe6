"""NUL and lone surrogates are refused with a reason a person can act on (issue 8)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from hague_portal.lib.text import json_text_problems, text_problem, validate_storable_text


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Atelier Doe SARL", None),
        ("Zürich – 東京 🚲", None),  # non-ASCII and astral characters are ordinary text
        ("", None),
        ("Atelier\x00Doe", "contains a NUL character"),
        ("Lamp \ud800", "contains an invalid character (lone surrogate U+D800)"),
        ("\udfff tail", "contains an invalid character (lone surrogate U+DFFF)"),
    ],
)
def test_text_problem_names_the_offending_character(value, problem):
    assert text_problem(value) == problem


def test_validator_raises_a_field_message():
    with pytest.raises(ValidationError) as caught:
        validate_storable_text("a\ud83db")
    assert caught.value.messages == [
        "This value contains an invalid character (lone surrogate U+D83D)."
    ]
    assert caught.value.code == "invalid_characters"


def test_validator_in_a_form_keeps_the_entry_and_flags_the_field():
    class LegendForm(forms.Form):
        legend = forms.CharField(validators=[validate_storable_text])

    form = LegendForm(data={"legend": "front view\ud800"})
    assert not form.is_valid()
    assert form.errors["legend"] == [
        "This value contains an invalid character (lone surrogate U+D800)."
    ]
    assert form["legend"].value() == "front view\ud800"


def test_json_text_problems_lists_every_bad_string_with_its_path():
    data = {
        "reference": "ok",
        "designs": [{"product": "chair"}, {"product": "lamp\x00"}],
        "payment": {"method": "\udc00", "bad\x00key": 1},
    }
    assert json_text_problems(data) == [
        ("designs[1].product", "contains a NUL character"),
        ("payment", "a key contains a NUL character"),
    ]
    assert json_text_problems({"payment": {"method": "\udc00"}}) == [
        ("payment.method", "contains an invalid character (lone surrogate U+DC00)")
    ]
