"""The committed French and Spanish catalogues (issue 12): complete, translated, consistent.

`make messages` extracts and compiles; these tests fail when someone
marked a string and did not run it, left an entry untranslated or fuzzy, dropped or altered a
placeholder, or committed a .mo that is not the .po's.
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
CATALOGUES = sorted(
    path
    for language in ("fr", "es")
    for domain in ("django", "djangojs")
    if (path := LOCALE / language / "LC_MESSAGES" / f"{domain}.po").exists()
)
IDS = [str(path.relative_to(LOCALE)) for path in CATALOGUES]
# %(name)s, %s / %d, {name} / {} (str.format and our scripts' interpolation); "%%" is a percent sign.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def _list(found) -> str:
    return "\n".join(f"  {where}: {text!r}" for where, text in found)


def _where(entry) -> str:
    return entry.occurrences[0][0] if entry.occurrences else "?"


def test_there_are_french_and_spanish_catalogues():
    assert {path.parts[-3] for path in CATALOGUES} == {"fr", "es"}


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    left = [(_where(e), e.msgid) for e in entries(path) if not e.translated() or e.fuzzy]
    assert not left, (
        f"{len(left)} untranslated or fuzzy in {path.relative_to(ROOT)} (translate them there, "
        f"then `make messages`):\n{_list(left)}"
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_every_plural_has_all_the_forms_of_its_language(path):
    """Spanish counts three forms (Django's CLDR rule: 1, millions, the rest): an entry with
    two shows the English for most numbers."""
    catalogue = polib.pofile(str(path))
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"])[1])
    short = [
        (_where(e), e.msgid)
        for e in entries(path)
        if e.msgid_plural
        and sorted(k for k, v in e.msgstr_plural.items() if v) != list(range(forms))
    ]
    assert not short, f"plurals without their {forms} forms in {path.name}:\n{_list(short)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_translations_keep_the_placeholders_of_the_english(path):
    wrong = []
    for entry in entries(path):
        if entry.fuzzy:  # a guess of msgmerge's, never used: the test above reports it
            continue
        if entry.msgid_plural:
            allowed = (set(placeholders(entry.msgid)), set(placeholders(entry.msgid_plural)))
            # A singular form may name its one item instead of the count ("Un fichier").
            forms = [f for f in entry.msgstr_plural.values() if f]
            wrong += [(entry.msgid, f) for f in forms if set(placeholders(f)) not in allowed]
        elif entry.msgstr and placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, "placeholders differ (msgid: msgstr):\n" + _list(wrong)


def _translations(catalogue) -> dict:
    """(context, msgid) -> the msgstr, or the plural forms as a tuple."""
    return {
        (entry.msgctxt or "", entry.msgid): (
            tuple(v for _, v in sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
            if entry.msgid_plural
            else entry.msgstr
        )
        for entry in catalogue
        if entry.msgid  # not the header
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_the_compiled_catalogue_is_the_po_s_translations(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} missing: run `make messages`"
    expected = _translations(e for e in entries(path) if e.translated() and not e.fuzzy)
    compiled = _translations(polib.mofile(str(mo)))
    differing = sorted(set(expected.items()) ^ set(compiled.items()))
    assert not differing, (
        f"{mo.relative_to(ROOT)} is not {path.name} compiled (run `make messages`); "
        f"{len(differing)} entries differ, e.g. {differing[:5]}"
    )


def test_every_string_of_the_code_is_in_the_catalogues():
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext) is needed to extract the code's strings")
    result = subprocess.run(
        [sys.executable, "scripts/messages.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"marked strings missing from the catalogues:\n{result.stdout}{result.stderr}"
    )
