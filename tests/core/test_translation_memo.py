"""Django's gettext remembered per language (core.translation_memo, issue 11): what a page reads
must stay what the catalogues say, whichever language asked first."""

import gettext as gnu
from pathlib import Path

from django.utils import translation
from django.utils.translation import trans_real

from hague_portal.core import translation_memo

LOCALE = Path(__file__).resolve().parents[2] / "locale"
MESSAGES = ("Complete", "Not started", "Has errors", "In progress")


def catalogue(language):
    """The portal's own catalogue read by the standard library, not through Django."""
    return gnu.translation("django", localedir=LOCALE, languages=[language])


def test_each_language_keeps_its_own_answers_in_any_order():
    french, spanish = catalogue("fr"), catalogue("es")
    for _ in range(2):  # the second round is answered from the memo
        for language, expected in (("fr", french), ("en", None), ("es", spanish)):
            with translation.override(language):
                for message in MESSAGES:
                    want = expected.gettext(message) if expected else message
                    assert translation.gettext(message) == want, (language, message)
    assert french.gettext("Complete") != "Complete"  # the check above compares translations


def test_the_memo_stops_growing_at_its_limit_and_answers_stay_right(monkeypatch):
    monkeypatch.setattr(translation_memo, "MEMO_LIMIT", 2)
    monkeypatch.setattr(trans_real, "_translations", {})  # fresh objects, empty memos
    french = catalogue("fr")
    with translation.override("fr"):
        answers = [translation.gettext(m) for m in MESSAGES + MESSAGES]
        memo = trans_real.translation("fr").__dict__["_portal_memo"]
    assert answers == [french.gettext(m) for m in MESSAGES + MESSAGES]
    assert len(memo) == 2


def test_every_country_has_its_name_in_every_language(monkeypatch):
    # django-countries asks for a name with the translation fallback cut, to learn whether it is
    # translated; the memo remembered that answer ("") for 28 countries in English.
    from django_countries import countries

    monkeypatch.setattr(trans_real, "_translations", {})  # fresh objects, empty memos
    for language in ("en", "fr", "es", "en"):
        with translation.override(language):
            names = dict(countries)
            assert all(names.values()), [code for code, name in names.items() if not name]
    with translation.override("en"):
        assert countries.name("GB") == "United Kingdom"
        assert countries.name("NL") == "Netherlands"
