"""Annexes I-V: what each one is (the Attachment kinds are the one source of the titles) and
which parties call for it (read from the declarations, so a new declarant needs no code change)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.wording import names_declaring

from .models import Attachment

ANNEX_KINDS = {
    "I": Attachment.Kind.ANNEX_I,
    "II": Attachment.Kind.ANNEX_II,
    "III": Attachment.Kind.ANNEX_III,
    "IV": Attachment.Kind.ANNEX_IV,
    "V": Attachment.Kind.ANNEX_V,
}
# Guide, Annexes I-V: the declaration (and value) that makes each annex relevant to a party.
ANNEX_DECLARATIONS = {
    "I": ("creator_oath", None),  # Rule 8(1)(a)(ii)
    "II": ("novelty_exception", None),  # item 15, A.I. Section 408(c)
    "III": ("information_disclosure", None),  # A.I. Section 408(d)
    "IV": ("fee_reduction", "micro"),  # item 18: micro-entity certification
    "V": ("priority_document", None),  # item 13, Rule 7(6)
}
ANNEX_HELP = {
    "I": _("For %(parties)s: one declaration or substitute statement per creator (Rule 8)."),
    "II": _("For %(parties)s: documents supporting an exception to lack of novelty (item 15)."),
    "III": _("For %(parties)s: information material to the eligibility for protection."),
    "IV": _("For %(parties)s: the certification of micro-entity status (item 18)."),
    "V": _(
        "For %(parties)s: a copy of the earlier application whose priority is claimed (item 13)."
    ),
}


def annex_title(annex: str) -> str:
    """'oath or declaration of the creator' for "I" (without "Annex I: ")."""
    return str(ANNEX_KINDS[annex].label).split(": ", 1)[-1]


def annex_help(ref, on, designations=None) -> dict[str, str]:
    """Per annex, the sentence naming the parties that call for it on `on`: with `designations`,
    those designated (item 7), else all of them, said to be not designated."""
    out = {}
    for annex, (kind, value) in ANNEX_DECLARATIONS.items():
        out[annex] = str(ANNEX_HELP[annex]) % {
            "parties": _annex_parties(ref, on, kind, value, designations)
        }
    return out


def _annex_parties(ref, on, kind, value, designations) -> str:
    everyone = names_declaring(ref, kind, on, value=value) or gettext("no party at present")
    if designations is None:
        return everyone
    designated = names_declaring(ref, kind, on, value=value, among=designations)
    return designated or gettext("%(parties)s (not designated in this application)") % {
        "parties": everyone
    }
