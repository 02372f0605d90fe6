"""What changed between two versions of an application document, in words.

document_changes(old, new) -> ['Designs: design 2 product changed from "chair" to "stool"']
"""

SECTIONS = {
    "applicants": ("Applicants", "applicant"),
    "entitlement": ("Entitlement", None),
    "applicant_contracting_party": ("Applicant's Contracting Party", None),
    "correspondence_email": ("Correspondence", None),
    "representative": ("Representative", None),
    "designations": ("Designations", None),
    "designs": ("Designs", "design"),
    "description": ("Description", None),
    "creators": ("Creators", "creator"),
    "claim": ("Claim", None),
    "priorities": ("Priority", "priority claim"),
    "exhibition": ("Exhibition", None),
    "novelty_exception": ("Exception to lack of novelty", None),
    "main_design": ("Main design", None),
    "publication": ("Publication", None),
    "fee_reductions": ("Fee reductions", None),
    "signatory": ("Signature", None),
    "payment": ("Payment", None),
}
MAX_VALUE = 60


def document_changes(old: dict, new: dict) -> list[str]:
    out = []
    for key in dict.fromkeys([*(old or {}), *(new or {})]):
        before, after = (old or {}).get(key), (new or {}).get(key)
        if before == after:
            continue
        section, singular = SECTIONS.get(key, (key.replace("_", " ").capitalize(), None))
        for where, text in _changes(before, after, singular):
            out.append(f"{section}: {where + ' ' if where else ''}{text}")
    return out


def _changes(before, after, singular, where=""):
    if isinstance(before, dict) and isinstance(after, dict):
        for key in dict.fromkeys([*before, *after]):
            if before.get(key) != after.get(key):
                label = f"{where} {key.replace('_', ' ')}".strip()
                yield from _changes(before.get(key), after.get(key), None, label)
        return
    if singular and isinstance(before, list) and isinstance(after, list):
        for i in range(max(len(before), len(after))):
            old = before[i] if i < len(before) else None
            new = after[i] if i < len(after) else None
            if old != new:
                label = f"{where} {singular} {i + 1}".strip()
                if old is None or new is None:
                    yield label, "added" if old is None else "removed"
                else:
                    yield from _changes(old, new, None, label)
        return
    if before in (None, "", [], {}):
        yield where, f"set to {_show(after)}"
    elif after in (None, "", [], {}):
        yield where, f"cleared (was {_show(before)})"
    else:
        yield where, f"changed from {_show(before)} to {_show(after)}"


def _show(value) -> str:
    if isinstance(value, list):
        text = ", ".join(_show(v) for v in value) or "none"
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v not in (None, ""))
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, str):
        text = f"'{value}'"
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"
