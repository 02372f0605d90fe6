"""Django's gettext, remembered per language (issue 11).

A message is looked up in every catalogue of the language, then in each fallback's, at every
call: ~6 µs, and a wizard step page asks ~240 times (a field's lazy help text alone is read
four times per render). The catalogues do not change once loaded, so each translation object
remembers what it answered. A new object (Django makes new ones when LANGUAGES or LOCALE_PATHS
change, as tests do) starts empty; the memo stops growing at MEMO_LIMIT messages, for code
that translates text it builds at run time.
"""

from __future__ import annotations

from django.utils.translation import trans_real
from django_countries import _translation_state as _countries_state

MEMO_LIMIT = 20_000
_lookup = trans_real.DjangoTranslation.gettext  # gettext.GNUTranslations.gettext


def _gettext(self, message):
    if not getattr(_countries_state, "fallback", True):
        # django-countries asks whether a name is translated in this language, the fallback
        # chain cut ("" if not, then it tries the country's older names). Remembering that ""
        # blanked "United Kingdom", "Netherlands" and 26 more in English (issue 19).
        return _lookup(self, message)
    memo = self.__dict__.get("_portal_memo")
    if memo is None:
        memo = self.__dict__["_portal_memo"] = {}
    try:
        return memo[message]
    except KeyError:
        pass
    result = _lookup(self, message)
    if len(memo) < MEMO_LIMIT:
        memo[message] = result
    return result


def install() -> None:
    trans_real.DjangoTranslation.gettext = _gettext
