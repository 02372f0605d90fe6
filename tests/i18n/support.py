"""Finding English left on a French or Spanish page (issue 12).

The portal is in English, French and Spanish. A page is checked by fetching it twice with the same
client (so the same user and data): once in English, once in French or Spanish (the language
cookie and Accept-Language). Every text the translated page shows that is IDENTICAL to a text of
the English page and reads as English is a problem: a string nobody marked or translated.

What is read ("texts"):
- the text nodes of the page (whitespace collapsed), including <title> and <option>;
- the attributes people hear or see: title, aria-label, placeholder, alt, and the value of
  <input type="submit|button|reset">.
What is skipped: <script>, <style>, <code>, <pre>, <template>, <svg>, anything inside an element
marked translate="no", and anything inside an element whose lang is another language (the
language switcher's "English" option has lang="en").

"Reads as English": at least two English words of three letters or more (a small stop-word list:
"the", "and", "your", …, and the portal's UI words: "application", "save", "draft", …), or a
short text (up to three words: buttons, headings, labels) with one of the UI words.

Data that is legitimately the same in every language (names, addresses, product titles from the
fixtures) goes in `allow`: strings or compiled regular expressions removed from each text before it
is judged. PERSONAS (the names of tests/conftest.py's users, firm and client) are always allowed.

Use:

    from tests.i18n.support import assert_translated

    def test_inbox_is_in_french_and_spanish(client, bob):
        client.force_login(bob)
        assert_translated(client, reverse("inbox:list"), allow=["Chair with three legs"])

`within=("title", "main")` checks only those elements (a page's own part, without the shared
navigation and footer of base.html). `untranslated(client, url, language)` returns the problems
instead of asserting;
`english_leftovers(english_html, translated_html, language)` compares two HTML strings (e-mails,
PDFs' HTML, pages fetched with POST).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from django.conf import settings

# Words of three letters or more that French and Spanish do not use.
STOP_WORDS = frozenset(
    """
    the and for with your you are this that from not has have was were will can may must into
    each any all been its our their they there which what when where who how here only more than
    then also before after about should would could these those other such does did being but
    out yet now see get got need needs want please none one two three yes off too very just
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# The portal's English UI words (buttons, headings, labels, the DM/1 vocabulary).
UI_WORDS = frozenset(
    """
    application applications save saved submit submitted cancel delete back next continue search
    edit close remove download upload sign signed add new show hide view views draft drafts fee
    fees workbench inbox settings account password help home print filter apply reset clear change
    create open send sent previous first last language applicant applicants representative
    representatives design designs creator creators priority claim deferment irregularity
    deadline deadlines time limit limits firm firms member members invite invited
    filed filing step steps preview approve approved share shared status read unread today days
    paid pay payment receipt check checks error errors warning warnings required optional
    notification notifications name address country number main toggle skip
    """.split()  # noqa: SIM905 - a word list reads better as words
)
# tests/conftest.py's personas: their names are data, the same in every language.
PERSONAS = (
    "Alice Applicant",
    "Bob Representative",
    "Charlie Outsider",
    "Vera Viewer",
    "Fiona Firm-Admin",
    "Erik Examiner",
    "Emma Editor",
    "Bob & Partners",
    "ACME Design GmbH",
    "Hague Portal",  # the portal's name
)

SKIPPED = frozenset({"script", "style", "code", "pre", "template", "svg", "noscript"})
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_TYPES = ("submit", "button", "reset")


class _Texts(HTMLParser):
    """The texts of a page a person reads or hears, as (where, text) pairs."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.skipping: list[str] = []  # tag names of the open skipped elements (nested included)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.skipping:
            if tag == self.skipping[-1] and tag not in VOID:
                self.skipping.append(tag)
            return
        if self._skips(tag, attributes):
            if tag not in VOID:
                self.skipping.append(tag)
            return
        for name in READ_ATTRIBUTES:
            self._add(name, attributes.get(name))
        if tag == "input" and (attributes.get("type") or "").lower() in BUTTON_TYPES:
            self._add("value", attributes.get("value"))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and not self._skips(tag, dict(attrs)):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self._add("text", data)

    def _skips(self, tag: str, attributes: dict) -> bool:
        lang = (attributes.get("lang") or "").split("-")[0].lower()
        return (
            tag in SKIPPED
            or (attributes.get("translate") or "").lower() == "no"
            or bool(lang and lang != self.language)
        )

    def _add(self, where: str, value: str | None) -> None:
        text = " ".join((value or "").split())
        if text:
            self.found.append((where, text))


def texts(html: str, language: str) -> list[tuple[str, str]]:
    """(where, text) for every text of `html` a reader meets: where is "text" or an attribute."""
    parser = _Texts(language)
    parser.feed(html)
    parser.close()
    return parser.found


def reads_as_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    known = [w for w in words if len(w) >= 3 and w.lower() in STOP_WORDS | UI_WORDS]
    if len(known) >= 2:
        return True
    short = 0 < len(words) <= 3
    return short and any(w.lower() in UI_WORDS for w in known)


def _without_allowed(text: str, allow: Iterable) -> str:
    for item in (*PERSONAS, *allow):
        text = item.sub(" ", text) if isinstance(item, re.Pattern) else text.replace(item, " ")
    return text


def parts(html: str, within: Iterable[str] | None) -> str:
    """Only the elements named in `within` (tag names: each first <tag …> to its last </tag>)."""
    if within is None:
        return html
    found = []
    for tag in within:
        start, end = html.find(f"<{tag}"), html.rfind(f"</{tag}>")
        if start != -1 and end != -1:
            found.append(html[start : end + len(tag) + 3])
    return "\n".join(found)


def english_leftovers(
    english_html: str,
    translated_html: str,
    language: str,
    allow: Iterable = (),
    within: Iterable[str] | None = None,
) -> list[str]:
    """The texts of `translated_html` that are identical to one of `english_html` and read as
    English, each once, as 'where: "text"'."""
    allow = tuple(allow)
    english_html, translated_html = parts(english_html, within), parts(translated_html, within)
    english = {text for _, text in texts(english_html, "en")}
    problems: list[str] = []
    for where, text in texts(translated_html, language):
        problem = f"{where}: {text!r}"
        if text not in english or problem in problems:
            continue
        if reads_as_english(_without_allowed(text, allow)):
            problems.append(problem)
    return problems


def fetch(client, url: str, language: str, **extra):
    """GET `url` in `language` (the language cookie and Accept-Language): the response."""
    name = settings.LANGUAGE_COOKIE_NAME
    before = client.cookies.get(name)
    client.cookies[name] = language
    try:
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **extra)
    finally:
        del client.cookies[name]
        if before is not None:
            client.cookies[name] = before


def untranslated(
    client, url: str, language: str, allow: Iterable = (), status=200, within=None
) -> list[str]:
    """The English left on `url` in `language` (see the module's docstring)."""
    english, translated = fetch(client, url, "en"), fetch(client, url, language)
    for response in (english, translated):
        assert response.status_code == status, f"{url} in {language}: {response.status_code}"
    assert translated.headers.get("Content-Language") == language, translated.headers
    english_html, translated_html = english.content.decode(), translated.content.decode()
    return english_leftovers(english_html, translated_html, language, allow, within)


def assert_translated(
    client, url: str, languages=("fr", "es"), allow: Iterable = (), status=200, within=None
) -> None:
    """Fails listing, per language, the English texts left on the page at `url`."""
    allow = tuple(allow)
    problems = {
        language: found
        for language in languages
        if (found := untranslated(client, url, language, allow, status, within))
    }
    assert not problems, f"English left on {url}: " + "; ".join(
        f"{language}: {', '.join(found)}" for language, found in problems.items()
    )
