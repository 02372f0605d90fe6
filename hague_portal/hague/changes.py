"""Changes in the International Register (Article 16; Rule 21): what a request may ask.

Pure rules over plain values (the Register's state as lists and dicts), so that the online
form, the staff's examination and the tests ask the same questions:

- change in ownership (DM/2, Article 16(1)(i)): any or all designs, any or all designated
  parties, recorded only if the new owner is entitled under Article 3 (nationality, domicile,
  habitual residence or establishment in a Contracting Party, or in a member State of an
  intergovernmental organisation that is one);
- change in the holder's name or address (DM/6, Rule 21(1)(a)(ii)): only what changed;
- limitation (DM/3, Article 16(1)(v)): some designs, never all, for any or all parties;
- renunciation (DM/5, Article 16(1)(iv)): all designs, for any or all parties;
- representative (DM/7, Article 16(1)(iii)): appointment, change or cancellation.

Each check returns findings {field: message}; an empty dict means the request may be filed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .eligibility import entitlement_acts
from .i18n import gettext

if TYPE_CHECKING:
    from .document import Entitlement
    from .reference import ReferenceData

OWNERSHIP = "ownership"
NAME_ADDRESS = "name_address"
REPRESENTATIVE = "representative"
LIMITATION = "limitation"
RENUNCIATION = "renunciation"
KINDS = (OWNERSHIP, NAME_ADDRESS, REPRESENTATIVE, LIMITATION, RENUNCIATION)

# The fee item of the Schedule of Fees each kind is charged under (Article 16(3)), and whether
# it is due per registration (DM/2, DM/3) or once per request (DM/5, DM/6).
FEE_ITEMS = {
    OWNERSHIP: "recording_ownership",
    NAME_ADDRESS: "recording_name_address",
    REPRESENTATIVE: "recording_representative",
    LIMITATION: "recording_limitation",
    RENUNCIATION: "recording_renunciation",
}
PHONE_EMAIL_ITEM = "recording_phone_email"  # only the telephone or e-mail changed: no fee
ADDRESS_FIELDS = ("name", "address", "country")


@dataclass(frozen=True)
class Scope:
    """What a registration holds now: its designs in force per designated party in force."""

    designs: dict[str, tuple[int, ...]]  # party -> designs in force

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(sorted(self.designs))

    @property
    def all_designs(self) -> tuple[int, ...]:
        return tuple(sorted({n for numbers in self.designs.values() for n in numbers}))


def _numbers(values) -> str:
    return ", ".join(str(v) for v in values)


def scope_findings(scope: Scope, parties, designs) -> dict[str, str]:
    """Unknown parties or designs (not designated, not in force): at their field."""
    findings = {}
    unknown_parties = sorted(set(parties) - set(scope.parties))
    if unknown_parties:
        findings["parties"] = gettext(
            "{parties}: not a designated party in force in this registration."
        ).format(parties=_numbers(unknown_parties))
    unknown_designs = sorted(set(designs) - set(scope.all_designs))
    if unknown_designs:
        findings["designs"] = gettext(
            "Design {numbers} is not in force in this registration (designs in force: {known})."
        ).format(numbers=_numbers(unknown_designs), known=_numbers(scope.all_designs))
    if not parties and "parties" not in findings:
        findings["parties"] = gettext("Choose at least one designated party.")
    return findings


def ownership_findings(
    scope: Scope,
    *,
    parties,
    designs,
    entitlement: Entitlement,
    new_holder_name: str,
    ref: ReferenceData,
    on: date,
) -> dict[str, str]:
    """A change in ownership (Article 16(1)(i)): the parties and designs transferred exist, and
    the new owner is entitled under Article 3 through at least one Contracting Party."""
    findings = scope_findings(scope, parties, designs)
    if not designs and "designs" not in findings:
        findings["designs"] = gettext("Choose at least one design.")
    if not new_holder_name.strip():
        findings["new_holder_name"] = gettext("Give the new holder's name.")
    findings.update(entitlement_findings(entitlement, ref, on))
    return findings


def entitlement_findings(entitlement: Entitlement, ref: ReferenceData, on: date) -> dict[str, str]:
    """Article 3: no change is recorded for a new owner without a connection to a Contracting
    Party (or to a member State of an IGO that is one)."""
    named = sorted(
        {
            code
            for factor in ("establishment", "domicile", "nationality", "habitual_residence")
            for code in getattr(entitlement, factor)
        }
    )
    if not named:
        return {
            "entitlement": gettext(
                "Give at least one connection of the new holder with a Contracting Party "
                "(nationality, domicile, habitual residence or establishment; Article 3)."
            )
        }
    if entitlement_acts(entitlement, ref, on):
        return {}
    return {
        "entitlement": gettext(
            "{parties}: neither a Contracting Party nor a member State of one on {date}; the "
            "new holder is not entitled to hold an international registration (Articles 3 and "
            "16(1)(i)), so the change cannot be recorded."
        ).format(parties=_numbers(named), date=on.isoformat())
    }


def limitation_findings(scope: Scope, *, parties, designs) -> dict[str, str]:
    """DM/3: some designs, never all (all of them is a renunciation, DM/5)."""
    findings = scope_findings(scope, parties, designs)
    if "designs" in findings:
        return findings
    if not designs:
        findings["designs"] = gettext("Choose the designs for which protection is limited.")
    elif _covers_all(scope, parties, designs):
        findings["designs"] = gettext(
            "A limitation may not cover every design in force: to give up all of them for "
            "these parties, request a renunciation (form DM/5)."
        )
    return findings


def _covers_all(scope: Scope, parties, designs) -> bool:
    chosen = set(designs)
    return all(set(scope.designs.get(p, ())) <= chosen for p in parties)


def renunciation_findings(scope: Scope, *, parties) -> dict[str, str]:
    """DM/5: all designs, for the parties chosen."""
    return scope_findings(scope, parties, ())


def name_address_findings(current: dict, new: dict) -> dict[str, str]:
    """DM/6: only what changed, and something must have (Rule 21(2)(a)(iii))."""
    changed = {k: v for k, v in new.items() if k in ADDRESS_FIELDS and v and v != current.get(k)}
    if changed:
        return {}
    if new.get("email") and new.get("email") != current.get("email"):
        return {}
    return {
        "name": gettext("Give the new name or the new address: nothing differs from the Register.")
    }


def only_phone_or_email(current: dict, new: dict) -> bool:
    """Only the e-mail changed: no DM/6 and no fee (Guide, change of name/address)."""
    return not any(new.get(k) and new.get(k) != current.get(k) for k in ADDRESS_FIELDS)


def representative_findings(action: str, current: dict, new: dict) -> dict[str, str]:
    """Appoint (or change to) a named representative, or cancel the one recorded."""
    if action == "cancel":
        if not current:
            return {"action": gettext("No representative is recorded: there is none to cancel.")}
        return {}
    if not (new.get("name") or "").strip():
        return {"name": gettext("Give the representative's name.")}
    if not (new.get("address") or "").strip():
        return {"address": gettext("Give the representative's address.")}
    return {}


def fee_item(kind: str, current: dict | None = None, new: dict | None = None) -> str:
    if kind == NAME_ADDRESS and only_phone_or_email(current or {}, new or {}):
        return PHONE_EMAIL_ITEM
    return FEE_ITEMS[kind]


def fee_count(kind: str, registrations: int) -> int:
    """DM/2 and DM/3 are charged per registration; DM/5, DM/6 and DM/7 once per request."""
    return registrations if kind in (OWNERSHIP, LIMITATION) else 1


def partial(scope: Scope, *, parties, designs) -> bool:
    """A change in ownership of only some parties or some designs (the rest stays)."""
    return set(parties) != set(scope.parties) or set(designs) != set(scope.all_designs)


OWNERSHIP_EFFECT = "ownership_change_effect"  # the declarations table's kind for Article 16(2)


def ownership_effect_deferred(parties, ref: ReferenceData, on: date) -> tuple[str, ...]:
    """Article 16(2): the parties among these that declared that a change in ownership has no
    effect in them until their Office receives the statements or documents they specify (MX,
    SA, UZ in the declarations table). The change is still recorded in the Register; the
    holder is told to send those documents to each such Office."""
    return tuple(p for p in sorted(parties) if ref.declaration(p, OWNERSHIP_EFFECT, on) is not None)


def ownership_effect_note(parties: tuple[str, ...]) -> str:
    """What the holder reads of `ownership_effect_deferred`'s parties; "" for none."""
    if not parties:
        return ""
    return gettext(
        "{parties}: a change in ownership has no effect there until the Office receives the "
        "statements or documents it requires (Article 16(2)). Send them to that Office."
    ).format(parties=_numbers(parties))
