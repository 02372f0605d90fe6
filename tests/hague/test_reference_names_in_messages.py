"""The core quotes party names in the language its messages are written in (issue 12): the
portal installs Django's active language; without it (scripts, these tests) English."""

from datetime import date

import pytest

from hague_portal.hague import i18n
from hague_portal.hague.wording import names_declaring


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setattr(i18n, "_language", lambda: "es")


def test_names_are_english_without_an_installed_language(ref, monkeypatch):
    monkeypatch.setattr(i18n, "_language", i18n._english)
    assert "United States of America" in names_declaring(ref, "creator_oath", date(2025, 9, 1))


def test_names_follow_the_installed_language(ref, spanish):
    assert names_declaring(ref, "creator_oath", date(2025, 9, 1)) == "Estados Unidos de América"
