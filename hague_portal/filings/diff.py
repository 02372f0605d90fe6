"""What changed between two versions of an application document, in words.

document_changes(old, new) -> ['Designs: design 2 product changed from "chair" to "stool"']
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "language": (_("Language of the application"), None),
    "applicants": (_("Applicants"), _("applicant")),
    "entitlement": (_("Entitlement"), None),
    "applicant_contracting_party": (_("Applicant's Contracting Party"), None),
    "correspondence_email": (_("Correspondence"), None),
    "representative": (_("Representative"), None),
    "designations": (_("Designations"), None),
    "designs": (_("Designs"), _("design")),
    "description": (_("Description"), None),
    "creators": (_("Creators"), _("creator")),
    "claim": (_("Claim"), None),
    "priorities": (_("Priority"), _("priority claim")),
    "exhibition": (_("Exhibition"), None),
    "novelty_exception": (_("Exception to lack of novelty"), None),
    "main_design": (_("Main design"), None),
    "publication": (_("Publication"), None),
    "fee_reductions": (_("Fee reductions"), None),
    "signatory": (_("Signature"), None),
    "payment": (_("Payment"), None),
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
                    yield label, gettext("added") if old is None else gettext("removed")
                else:
                    yield from _changes(old, new, None, label)
        return
    if before in (None, "", [], {}):
        yield where, gettext("set to %(value)s") % {"value": _show(after)}
    elif after in (None, "", [], {}):
        yield where, gettext("cleared (was %(value)s)") % {"value": _show(before)}
    else:
        yield (
            where,
            gettext("changed from %(before)s to %(after)s")
            % {
                "before": _show(before),
                "after": _show(after),
            },
        )


def _show(value) -> str:
    if isinstance(value, list):
        text = ", ".join(_show(v) for v in value) or gettext("none")
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v not in (None, ""))
    elif isinstance(value, bool):
        text = gettext("yes") if value else gettext("no")
    elif isinstance(value, str):
        text = f"'{value}'"
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"
