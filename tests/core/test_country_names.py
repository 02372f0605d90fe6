"""Country lists name every country in every language (issue 19: 28 countries, the United
Kingdom and the Netherlands among them, were blank options in English while a gettext memo
remembered the empty answer django-countries gets when it asks whether a name is translated)."""

from django.utils import translation
from django.utils.translation import trans_real


def test_every_country_has_its_name_in_every_language(monkeypatch):
    from django_countries import countries

    monkeypatch.setattr(trans_real, "_translations", {})  # fresh translation objects
    for language in ("en", "fr", "es", "en"):
        with translation.override(language):
            names = dict(countries)
            assert all(names.values()), [code for code, name in names.items() if not name]
    with translation.override("en"):
        assert countries.name("GB") == "United Kingdom"
        assert countries.name("NL") == "Netherlands"
