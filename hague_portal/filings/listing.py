"""The columns of a draft that the workbench filters and searches on, taken from its document.

The document is JSON (up to 100 designs); the workbench lists up to 100,000 applications, so
what it filters on is copied into plain columns by the one service that saves the document
(`services.draft_save_step`, `services._draft_insert`). Parties and classes are stored as
" CH EM " (a space around each code) so that "contains ' CH '" finds one code exactly.
"""

from __future__ import annotations

import re

REFERENCE_MAX = 100
WORD = re.compile(r"[^\W_]+")


def draft_list_columns(document: dict, *, client_name: str = "", title: str = "") -> dict:
    """reference, parties, locarno_classes, applicant_names and search_text of a document."""
    applicants = _names(document.get("applicants"))
    products = [d.get("product") or "" for d in _dicts(document.get("designs"))]
    reference = str(document.get("reference") or "")[:REFERENCE_MAX]
    words = [title, reference, client_name, *applicants, *products]
    return {
        "reference": reference,
        "parties": _spaced(document.get("designations")),
        "locarno_classes": _spaced(_classes(document.get("designs"))),
        "applicant_names": "; ".join(applicants)[:500],
        "search_text": search_words(" ".join(w for w in words if w)),
    }


def search_words(text: str) -> str:
    """Letters and digits only, as the search splits what is typed: PostgreSQL's parser would
    read "ACME-2" as "acme" and "-2" (a signed number), which "2" never finds."""
    return " ".join(WORD.findall(text))


def _dicts(value) -> list[dict]:
    return [v for v in value or () if isinstance(v, dict)] if isinstance(value, list) else []


def _names(applicants) -> list[str]:
    return [str(a.get("name")) for a in _dicts(applicants) if a.get("name")]


def _classes(designs) -> list[str]:
    # "06-01" is class 06, subclass 01: the workbench filters on the class.
    return sorted({str(d["locarno"]).split("-")[0] for d in _dicts(designs) if d.get("locarno")})


def _spaced(codes) -> str:
    codes = [str(c) for c in codes or () if isinstance(c, str) and c]
    return f" {' '.join(codes)} " if codes else ""
