"""Extract and compile the French and Spanish catalogues: `make messages`.

1. `makemessages` for fr and es over the templates, the Python code (domain django) and our
   scripts (djangojs): existing translations in locale/<lang>/LC_MESSAGES/*.po are kept, new
   msgids added untranslated, entries no longer in the code dropped;
2. the catalogues are compiled (.mo, committed so that a deployment needs no gettext).

Translate the new entries in the .po files, then run it again to compile them.

Prints, per language, the entries and those still untranslated (listed with --missing).
One run at a time (a lock file): two runs would write the same catalogue.

`--check` writes nothing under locale/: it extracts the msgids of the code into a temporary
directory and lists those missing from the committed catalogues (with the file they come from);
exit status 1 when any is missing (tests/i18n/test_catalogues.py runs it).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
LANGUAGES = ("fr", "es")
# "locale": holds no code, and makemessages would otherwise put it first of the places it writes to.
IGNORE = (".venv", "var", "tests", "bench", "scripts", "static", "node_modules", "build", "locale")
DOMAINS = ("django", "djangojs")

# makemessages writes a file's msgids into the first of settings.LOCALE_PATHS (then ./locale) whose
# parent directory holds the file: --check puts its temporary directory first, directly in ROOT
# (a dot-directory, which makemessages does not walk), and locale/ is not touched.
MAKEMESSAGES_INTO = """
import sys, django
from django.conf import settings
django.setup()
settings.LOCALE_PATHS = [sys.argv[1]]
from django.core.management import call_command
call_command("makemessages", *sys.argv[2:])
"""


def extract(locale: Path = LOCALE) -> None:
    """Both domains: django (templates, Python) and djangojs (our scripts in static/, not vendor)."""
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    env.setdefault("DJANGO_SETTINGS_MODULE", "hague_portal.settings")
    base = [sys.executable, "-c", MAKEMESSAGES_INTO, str(locale), "--no-obsolete"]
    base += ["--add-location=file"] + [f"--locale={language}" for language in LANGUAGES]
    django = base + [f"--ignore={pattern}" for pattern in IGNORE]
    ignore_js = [p for p in IGNORE if p != "static"] + ["static/vendor", "var"]
    djangojs = base + ["--domain=djangojs"] + [f"--ignore={pattern}" for pattern in ignore_js]
    for command in (django, djangojs):
        subprocess.run(command, cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)


def _keys(path: Path) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(path))} if path.exists() else set()


def check() -> int:
    """The msgids of the code missing from the committed catalogues, with their files."""
    missing = 0
    with tempfile.TemporaryDirectory(prefix=".messages-check-", dir=ROOT) as directory:
        extract(Path(directory))
        for language in LANGUAGES:
            for domain in DOMAINS:
                fresh = Path(directory, language, "LC_MESSAGES", f"{domain}.po")
                committed = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
                known = _keys(committed)
                extracted = polib.pofile(str(fresh)) if fresh.exists() else []
                absent = [e for e in extracted if (e.msgctxt or "", e.msgid) not in known]
                for entry in absent:
                    where = ", ".join(sorted({path for path, _ in entry.occurrences})) or "?"
                    print(f"missing from {committed.relative_to(ROOT)}: {entry.msgid!r} ({where})")
                missing += len(absent)
    print(f"{missing} msgids missing: run `make messages`" if missing else "catalogues complete")
    return 1 if missing else 0


def compile_catalogue(language: str, domain: str) -> polib.POFile:
    path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return polib.POFile()
    catalogue = polib.pofile(str(path), wrapwidth=100)
    catalogue.metadata["Language"] = language
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    catalogue.save(str(path))
    catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    return catalogue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list untranslated entries")
    parser.add_argument("--check", action="store_true", help="list msgids not in the catalogues")
    args = parser.parse_args()
    LOCALE.mkdir(exist_ok=True)
    with open(LOCALE / ".lock", "w") as lock:
        # Also for --check: makemessages writes temporary copies of the templates beside them.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if args.check:
            return check()
        extract()
        for language in LANGUAGES:
            catalogue = compile_catalogue(language, "django")
            catalogue += compile_catalogue(language, "djangojs")
            missing = [e for e in catalogue if not e.translated() or "fuzzy" in e.flags]
            print(f"{language}: {len(catalogue)} entries, {len(missing)} untranslated")
            if args.missing:
                for entry in missing:
                    where = entry.occurrences[0][0] if entry.occurrences else "?"
                    print(f"  {where}: {entry.msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
