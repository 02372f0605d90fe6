"""Finding a country by what a person types: its ISO code or a name of it (issue 19).

Every country field of the portal (applicant, creators, representative, a firm's clients) is a
list of names with the ISO 3166-1 code as the value. The searchable list (static/filings/
choices.js) and the form (CountryField) both take the code ("DE"), the name in any of the
portal's languages ("Germany", "Allemagne", "Alemania"), the names django-countries keeps
beside its own ("Czech Republic", "Swaziland") and a few everyday forms ("Deutschland",
"USA"). Names are compared as `search_key` writes them: lower case, accents and punctuation
dropped ("Côte d’Ivoire" and "cote d'ivoire" are one key).
"""

import json
import re
import unicodedata
from functools import cache

from django.conf import settings
from django.utils import translation
from django_countries import countries

# What people write that none of the three languages' names is. A key shared with another
# country's name would make both ambiguous, and neither is then taken (tests check there is none).
EVERYDAY_NAMES = {
    "AE": ("UAE",),
    "AT": ("Österreich",),
    "BE": ("België", "Belgien"),
    "CH": ("Schweiz", "Svizzera", "Svizra"),
    "CZ": ("Česko", "Czechia"),
    "DE": ("Deutschland",),
    "DK": ("Danmark",),
    "FI": ("Suomi",),
    "GB": ("UK", "Great Britain", "Britain", "England", "Scotland", "Wales"),
    "HR": ("Hrvatska",),
    "HU": ("Magyarország",),
    "IT": ("Italia",),
    "JP": ("Nippon", "Nihon"),
    "NL": ("Holland", "Nederland"),
    "NO": ("Norge",),
    "PL": ("Polska",),
    "RO": ("România",),
    "SE": ("Sverige",),
    "US": ("USA", "United States", "America", "États-Unis"),
}


def search_key(text: str) -> str:
    """The form names are compared in; choices.js's `searchKey` does the same."""
    decomposed = unicodedata.normalize("NFD", str(text))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


@cache
def country_search_keys() -> dict[str, tuple[str, ...]]:
    """{code: the search keys of its names}: in every language of the portal, the names
    django-countries shadows, and EVERYDAY_NAMES. Built once per process."""
    keys: dict[str, set[str]] = {code: set() for code in countries.countries}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code in keys:
                names = [countries.name(code), *countries._shadowed_names.get(code, ())]
                keys[code].update(search_key(name) for name in names)
    for code, names in EVERYDAY_NAMES.items():
        keys[code].update(search_key(name) for name in names)
    return {code: tuple(sorted(k for k in found if k)) for code, found in keys.items()}


@cache
def _codes_by_key() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for code, keys in country_search_keys().items():
        for key in keys:
            index.setdefault(key, set()).add(code)
    return {key: frozenset(codes) for key, codes in index.items()}


def country_code_for(text: str) -> str | None:
    """The one country `text` names exactly ("de", "Allemagne", "deutschland" -> "DE"); None
    when it names none, or more than one."""
    key = search_key(text)
    if key.upper() in countries.countries:
        return key.upper()
    codes = _codes_by_key().get(key, frozenset())
    return next(iter(codes)) if len(codes) == 1 else None


@cache
def country_search_keys_json() -> str:
    """country_search_keys for the page (a <script type="application/json">), written once."""
    return json.dumps(country_search_keys(), separators=(",", ":"), ensure_ascii=True)
