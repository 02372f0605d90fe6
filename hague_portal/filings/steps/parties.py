"""The steps about who applies and where: applicants and correspondence (items 1 and 4),
entitlement (items 2 and 3), representative (item 5) and designations (item 7)."""

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.eligibility import designation_acts

from ..forms.parties import (
    ApplicantFormSet,
    CorrespondenceForm,
    DesignationsForm,
    EntitlementForm,
    RepresentativeForm,
)
from .base import ListStep, Step, _address, _address_initial, _or_none, entitlement_of


class ApplicantsStep(ListStep):
    key, title, items = "applicants", _("Applicants and correspondence"), ("1", "4")
    owns = ("applicants", "correspondence_email", "reference", "language")
    form_class = CorrespondenceForm
    formset_class = ApplicantFormSet
    formset_prefix = "applicants"
    template = "filings/steps/applicants.html"
    intro = _("Who applies (item 1) and where the International Bureau writes to (item 4).")

    def is_completed(self, doc, ref=None, on=None):
        return bool(doc.get("applicants"))

    def initial(self, state):
        return {
            "correspondence_email": state.document.get("correspondence_email"),
            "reference": state.document.get("reference") or "",
            "language": state.document.get("language") or "en",
        }

    def rows_initial(self, state):
        out = []
        for a in state.document.get("applicants") or ():
            row = {
                k: a.get(k) or ""
                for k in ("name", "kind", "transliteration", "legal_nature", "email", "phone")
            }
            out.append({**row, **_address_initial(a)})
        return out

    def to_document(self, bundle, state):
        applicants = []
        before = state.document.get("applicants") or []
        for index, row in enumerate(self.rows(bundle)):
            applicant = {"name": row["name"], "kind": row["kind"], "address": _address(row)}
            for key in APPLICANT_TEXT_KEYS:
                applicant[key] = _or_none(row.get(key))
            applicants.append({**_not_edited_here(before, index, row["name"]), **applicant})
        email = bundle.form.cleaned_data.get("correspondence_email") or None
        reference = bundle.form.cleaned_data.get("reference") or None
        language = bundle.form.cleaned_data.get("language") or state.document.get("language")
        return {
            "applicants": applicants,
            "correspondence_email": email,
            "reference": reference,
            "language": language or "en",
        }, None


# What an applicant may hold that this step does not edit (its own item 2, set through the API
# or an import: a continuation sheet's entitlement), kept when the step is saved.
APPLICANT_TEXT_KEYS = ("email", "phone", "transliteration", "legal_nature")
APPLICANT_KEYS_EDITED = {"name", "kind", "address", *APPLICANT_TEXT_KEYS}


def _not_edited_here(before: list, index: int, name: str) -> dict:
    """The keys of the same applicant before this save that the step does not edit: the one at
    the same place if it has the same name, else the one of that name (rows may have moved)."""
    same = [a for a in before if isinstance(a, dict) and a.get("name") == name]
    if (
        index < len(before)
        and isinstance(before[index], dict)
        and before[index].get("name") == name
    ):
        same = [before[index]]
    if not same:
        return {}
    return {k: v for k, v in same[0].items() if k not in APPLICANT_KEYS_EDITED}


class EntitlementStep(Step):
    key, title, items = "entitlement", _("Entitlement"), ("2", "3")
    owns = ("entitlement", "applicant_contracting_party")
    form_class = EntitlementForm
    template = "filings/steps/entitlement.html"
    intro = _(
        "The Contracting Parties through which the applicant may file: establishment, domicile, "
        "nationality or habitual residence (item 2)."
    )

    def is_completed(self, doc, ref=None, on=None):
        return (
            any((doc.get("entitlement") or {}).values())
            if isinstance(doc.get("entitlement"), dict)
            else False
        )

    def initial(self, state):
        raw = state.document.get("entitlement") or {}
        return {
            **raw,
            "applicant_contracting_party": state.document.get("applicant_contracting_party"),
        }

    def to_document(self, bundle, state):
        form = bundle.form
        acp = form.cleaned_data.get("applicant_contracting_party") or None
        return {"entitlement": form.entitlement(), "applicant_contracting_party": acp}, None


class RepresentativeStep(Step):
    key, title, items = "representative", _("Representative"), ("5",)
    owns = ("representative",)
    form_class = RepresentativeForm
    template = "filings/steps/representative.html"
    intro = _(
        "A representative before the International Bureau (optional). Appointing one needs a power of attorney unless named in the application."
    )

    def initial(self, state):
        rep = state.document.get("representative")
        if not rep:
            return {"appoint": False}
        return {
            "appoint": True,
            "name": rep.get("name"),
            "email": rep.get("email"),
            "phone": rep.get("phone"),
            **_address_initial(rep),
        }

    def to_document(self, bundle, state):
        data = bundle.form.cleaned_data
        if not data.get("appoint"):
            return {"representative": None}, None
        rep = {
            "name": data["name"],
            "email": _or_none(data.get("email")),
            "phone": _or_none(data.get("phone")),
            "address": _address(data),
        }
        return {"representative": rep}, None


class DesignationsStep(Step):
    key, title, items = "designations", _("Designations"), ("7",)
    owns = ("designations",)
    form_class = DesignationsForm
    template = "filings/steps/designations.html"
    intro = _("The Contracting Parties where protection is sought (item 7).")
    RISKS = (
        ("refusal_period_months", _("Refusal period %(value)s months")),
        ("unity_of_design", _("Unity of design required")),
        ("unity_max_designs", _("At most %(value)s designs per application")),
        ("locarno_refusal_risk", _("Refusal risk for class %(value)s")),
        ("no_deferment", _("Does not allow deferred publication")),
        ("specified_views", _("Requires specified views")),
        ("security_clearance", _("Security clearance may apply")),
        ("claim_required", _("Requires a claim (item 12)")),
        ("creator_oath", _("Requires the creator's declaration (Annex I)")),
        ("description_required", _("Requires a description (item 9)")),
    )

    def is_completed(self, doc, ref=None, on=None):
        return bool(doc.get("designations"))

    def eligible(self, state) -> dict[str, str]:
        return designation_acts(entitlement_of(state.document), state.ref, state.on)

    def form_kwargs(self, state):
        eligible = set(self.eligible(state)) | set(state.document.get("designations") or ())
        return {"eligible": sorted(eligible)}

    def initial(self, state):
        return {"designations": state.document.get("designations") or []}

    def to_document(self, bundle, state):
        order = {p.code: i for i, p in enumerate(state.ref.parties())}
        chosen = sorted(bundle.form.cleaned_data["designations"], key=lambda c: order.get(c, 999))
        return {"designations": chosen}, None

    def extra_context(self, state, bundle):
        acts = self.eligible(state)
        selected = set(bundle.form["designations"].value() or ())
        rows = []
        for party in state.ref.parties(get_language()):
            if party.code not in acts and party.code not in selected:
                continue
            fee = state.ref.fee_type(party.code, state.on)
            fee_text = (
                gettext("no fee data")
                if fee is None
                else (
                    gettext("standard fee, level %(level)s") % {"level": fee.level}
                    if fee.fee_type == "standard"
                    else gettext("individual fee")
                )
            )
            risks = []
            for kind, text in self.RISKS:
                for decl in state.ref.declarations(party.code, state.on, kind=kind):
                    risks.append(str(text) % {"value": decl.value})
            rows.append(
                {
                    "code": party.code,
                    "name": party.name_in(get_language()),
                    "act": acts.get(party.code),
                    "fee": fee_text,
                    "risks": risks,
                    "checked": party.code in selected,
                    "group": _designation_group(party, fee),
                }
            )
        groups = [(title, [r for r in rows if r["group"] == title]) for title in DESIGNATION_GROUPS]
        return {
            "designation_groups": [(t, g) for t, g in groups if g],
            "has_entitlement": bool(acts),
        }


# The designations page groups the parties as the fees do (Guide, item 7 and "Fees"):
# organizations, parties with an individual fee, parties with the standard fee.
DESIGNATION_GROUPS = (
    _("Intergovernmental organizations"),
    _("States with an individual designation fee"),
    _("States with the standard designation fee"),
    _("States without fee data"),
)


def _designation_group(party, fee) -> str:
    if party.is_igo:
        return DESIGNATION_GROUPS[0]
    if fee is None:
        return DESIGNATION_GROUPS[3]
    return DESIGNATION_GROUPS[1] if fee.fee_type == "individual" else DESIGNATION_GROUPS[2]
