"""The steps of the filing wizard, in DM/1 order (pretix style: a plain tuple of step classes).

Each step answers `is_applicable(doc, ref, on)` (does the section concern this application?) and
`is_completed(doc)` (has it been answered?) over the assembled application document, builds its
form from the document and turns the cleaned form back into its part of the document.
What makes a step applicable is data: the designated parties' declarations (e.g. `claim_required`).
"""

import datetime
import re

from django import forms as django_forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.document import Entitlement
from hague_portal.hague.eligibility import designation_acts
from hague_portal.hague.items import REPRODUCTIONS
from hague_portal.hague.periods import deferment_limit

from . import forms
from .annexes import ANNEX_KINDS, annex_title


def designated_declaring(doc, ref, on, kind) -> list[str]:
    """The designated parties that declare `kind` on `on`."""
    return [p for p in doc.get("designations") or () if ref.declaration(p, kind, on)]


def entitlement_of(doc) -> Entitlement:
    raw = doc.get("entitlement") or {}
    factors = ("establishment", "domicile", "nationality", "habitual_residence")
    return Entitlement(**{f: tuple(raw.get(f) or ()) for f in factors if isinstance(raw, dict)})


class Bundle:
    """A step's form and, for list sections, its formset: validated and rendered together."""

    def __init__(self, form=None, formset=None):
        self.form = form or django_forms.Form()
        self.formset = formset

    def is_valid(self) -> bool:
        ok = self.form.is_valid()
        return (self.formset.is_valid() if self.formset is not None else True) and ok

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor id, message) for the error summary at the top of the page."""
        out = [("", str(e)) for e in self.form.non_field_errors()]
        out += [
            (f"id_{n}", str(e))
            for n, errs in self.form.errors.items()
            if n != "__all__"
            for e in errs
        ]
        if self.formset is not None:
            out += [
                (f"{self.formset.prefix}-errors", str(e)) for e in self.formset.non_form_errors()
            ]
            for form in self.formset.forms:
                for name, errs in form.errors.items():
                    anchor = "" if name == "__all__" else form[name].auto_id
                    out += [(anchor, str(e)) for e in errs]
        return out

    def silence_errors(self) -> None:
        """Show restored (autosaved) input without judging it yet."""
        from django.forms.utils import ErrorDict, ErrorList

        forms_ = [self.form, *(self.formset.forms if self.formset is not None else ())]
        for form in forms_:
            if form.is_bound:
                form.full_clean()
                form._errors = ErrorDict()
        if self.formset is not None and self.formset.is_bound:
            self.formset.full_clean()
            self.formset._errors = [ErrorDict() for _ in self.formset.forms]
            self.formset._non_form_errors = ErrorList()


class Step:
    key = ""
    title = ""
    items: tuple[str, ...] = ()
    owns: tuple[str, ...] = ()  # document keys (finding field prefixes) this step edits
    template = "filings/steps/form.html"
    url_name = None  # a step served by another view (reproductions, helper-7)
    form_class = forms.WizardForm
    intro = _("")

    def is_applicable(self, doc, ref, on) -> bool:
        return True

    def is_completed(self, doc, ref=None, on=None) -> bool:
        """Answered. `ref`/`on` are for steps whose completeness depends on declarations."""
        return all(key in doc for key in self.owns)

    # form <-> document

    def form_kwargs(self, state) -> dict:
        return {}

    def initial(self, state) -> dict:
        return {}

    def build(self, state, data=None) -> Bundle:
        kwargs = {"state": state, "prefix": None, **self.form_kwargs(state)}
        if data is None:
            return Bundle(self.form_class(initial=self.initial(state), **kwargs))
        return Bundle(self.form_class(data, **kwargs))

    def to_document(self, bundle, state) -> tuple[dict, dict | None]:
        return {key: bundle.form.cleaned_data.get(key) for key in self.owns}, None

    def extra_context(self, state, bundle) -> dict:
        return {}

    def request_context(self, request, state, **page) -> dict:
        """Context that depends on who asks (e.g. the accounts the user may debit, which the
        page gives as `accounts`)."""
        return {}

    def anchor(self, field: str) -> str:
        """The HTML id of the input a finding's `field` points at."""
        match = re.match(r"(\w+)\[(\d+)\]\.?(.*)", field)
        if match and self.formset_prefix == match[1]:
            last = re.sub(r"\[\d+\]", "", (match[3] or "").split(".")[-1]) or "name"
            return f"id_{match[1]}-{match[2]}-{last}"
        last = re.sub(r"\[\d+\]", "", field.split(".")[-1]) if field else ""
        return f"id_{last}" if last else ""

    formset_prefix = None


class ListStep(Step):
    """A section that is a list of rows (applicants, designs, creators, priorities)."""

    formset_class = None
    list_key = ""
    extra_rows = 1

    def rows_initial(self, state) -> list[dict]:
        return []

    def build(self, state, data=None) -> Bundle:
        prefix = self.formset_prefix
        bundle = super().build(state, data)
        if data is None:
            formset = self.formset_class(
                prefix=prefix, state=state, initial=self.rows_initial(state)
            )
        else:
            formset = self.formset_class(data, prefix=prefix, state=state)
        bundle.formset = formset
        return bundle

    def rows(self, bundle) -> list[dict]:
        return [f.cleaned_data for f in bundle.formset.kept_forms()]


def _address(data) -> dict:
    return {k: data.get(k) or "" for k in ("street", "city", "postcode", "country")}


def _address_initial(row) -> dict:
    address = row.get("address") or {}
    return {k: address.get(k, "") for k in ("street", "city", "postcode", "country")}


def _or_none(value):
    return value if value not in ("", None) else None


# --- the steps --------------------------------------------------------------------------------


class ApplicantsStep(ListStep):
    key, title, items = "applicants", _("Applicants and correspondence"), ("1", "4")
    owns = ("applicants", "correspondence_email", "reference", "language")
    form_class = forms.CorrespondenceForm
    formset_class = forms.ApplicantFormSet
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
        for row in self.rows(bundle):
            applicant = {"name": row["name"], "kind": row["kind"], "address": _address(row)}
            for key in ("email", "phone", "transliteration", "legal_nature"):
                applicant[key] = _or_none(row.get(key))
            applicants.append(applicant)
        email = bundle.form.cleaned_data.get("correspondence_email") or None
        reference = bundle.form.cleaned_data.get("reference") or None
        language = bundle.form.cleaned_data.get("language") or state.document.get("language")
        return {
            "applicants": applicants,
            "correspondence_email": email,
            "reference": reference,
            "language": language or "en",
        }, None


class EntitlementStep(Step):
    key, title, items = "entitlement", _("Entitlement"), ("2", "3")
    owns = ("entitlement", "applicant_contracting_party")
    form_class = forms.EntitlementForm
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
    form_class = forms.RepresentativeForm
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
    form_class = forms.DesignationsForm
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


class DesignsStep(ListStep):
    key, title, items = "designs", _("Designs"), ("6", "8")
    owns = ("designs",)
    formset_class = forms.DesignFormSet
    formset_prefix = "designs"
    template = "filings/steps/designs.html"
    intro = _(
        "Up to 100 designs of the same Locarno class: the product and its class for each (items 6 and 8)."
    )

    def is_completed(self, doc, ref=None, on=None):
        designs = doc.get("designs") or []
        # Guide, item 8: the Locarno class is not compulsory, the product indication is.
        return bool(designs) and all(d.get("product") for d in designs)

    def rows_initial(self, state):
        return [
            {
                "number": d.get("number", i),
                "product": d.get("product", ""),
                "locarno": d.get("locarno") or "",
            }
            for i, d in enumerate(state.document.get("designs") or (), start=1)
        ]

    def to_document(self, bundle, state):
        designs, renumber = [], {}
        kept = {id(f) for f in bundle.formset.kept_forms()}
        for form in bundle.formset.forms:
            old = form.cleaned_data.get("number") if hasattr(form, "cleaned_data") else None
            if id(form) in kept:
                new = len(designs) + 1
                designs.append(
                    {
                        "number": new,
                        "product": form.cleaned_data["product"],
                        "locarno": form.cleaned_data["locarno"],
                    }
                )
                if old:
                    renumber[old] = new
            elif old:
                renumber[old] = None  # removed: its reproductions become unassigned
        changed = {old: new for old, new in renumber.items() if old != new}
        return {"designs": designs}, changed or None

    def extra_context(self, state, bundle):
        codes = [(c.code, c.title_in(get_language())) for c in state.ref.rows("locarno")]
        return {"locarno_codes": codes, "max_designs": 100}


class ReproductionsStep(Step):
    key, title, items = "reproductions", _("Reproductions"), ("10",)
    url_name = "filings:reproductions"  # helper-7's view

    def is_completed(self, doc, ref=None, on=None):
        designs = doc.get("designs") or []
        return bool(designs) and all(d.get("reproductions") for d in designs)

    def anchor(self, field):
        return ""


class DescriptionStep(Step):
    key, title, items = "description", _("Description"), ("9",)
    owns = ("description",)
    form_class = forms.DescriptionForm
    template = "filings/steps/description.html"
    intro = _("A description of the characteristic features of the reproductions (item 9).")

    def initial(self, state):
        return {"description": state.document.get("description") or ""}

    def to_document(self, bundle, state):
        return {"description": _or_none(bundle.form.cleaned_data["description"].strip())}, None

    def extra_context(self, state, bundle):
        from hague_portal.hague import fees as fee_rules

        line = (
            next((ln for ln in state.fees.lines if ln.kind == fee_rules.DESCRIPTION), None)
            if state.fees
            else None
        )
        if line is not None:
            unit = line.unit_amount
        else:  # no charge yet: the amount the calculation would use, from the Schedule of Fees
            row = state.ref.fee("description_word", state.on)
            unit = row.amount if row else None
        required = designated_declaring(state.document, state.ref, state.on, "description_required")
        return {
            "word_fee": unit,
            "free_words": fee_rules.FREE_DESCRIPTION_WORDS,
            "description_required_by": required,
        }


class CreatorsStep(ListStep):
    key, title, items = "creators", _("Creators"), ("11",)
    owns = ("creators",)
    formset_class = forms.CreatorFormSet
    formset_prefix = "creators"
    template = "filings/steps/list.html"
    intro = _("The creators of the designs (item 11). Required by some designated parties.")

    def rows_initial(self, state):
        return [
            {
                "name": c.get("name", ""),
                "designs": forms.design_numbers_text(c.get("designs")),
                **_address_initial(c),
            }
            for c in state.document.get("creators") or ()
        ]

    def to_document(self, bundle, state):
        rows = self.rows(bundle)
        return {
            "creators": [
                {"name": r["name"], "address": _address(r), "designs": r["designs"]} for r in rows
            ]
        }, None


class ClaimStep(Step):
    key, title, items = "claim", _("Claim"), ("12",)
    owns = ("claim",)
    form_class = forms.ClaimForm
    intro = _("A designated party requires a claim in its own wording (item 12).")

    def is_applicable(self, doc, ref, on):
        return bool(designated_declaring(doc, ref, on, "claim_required"))

    def is_completed(self, doc, ref=None, on=None):
        return bool(doc.get("claim"))

    def initial(self, state):
        if state.document.get("claim"):
            return {"claim": state.document["claim"]}
        parties = designated_declaring(state.document, state.ref, state.on, "claim_required")
        wording = (
            state.ref.declaration(parties[0], "claim_required", state.on).value if parties else ""
        )
        return {"claim": wording}


class PriorityStep(ListStep):
    key, title, items = "priority", _("Priority"), ("13",)
    owns = ("priorities",)
    formset_class = forms.PriorityFormSet
    formset_prefix = "priorities"
    template = "filings/steps/list.html"
    intro = _("Earlier filings whose priority is claimed (item 13). Leave empty if none.")

    def rows_initial(self, state):
        return [
            {
                **{k: p.get(k) or "" for k in ("office", "number", "date", "das_code")},
                "designs": forms.design_numbers_text(p.get("designs")),
            }
            for p in state.document.get("priorities") or ()
        ]

    def to_document(self, bundle, state):
        rows = [
            {
                "office": r["office"],
                "number": r["number"],
                "date": r["date"].isoformat(),
                "designs": r["designs"],
                "das_code": _or_none(r.get("das_code")),
            }
            for r in self.rows(bundle)
        ]
        return {"priorities": rows}, None


class ExhibitionStep(Step):
    key, title, items = "exhibition", _("Exhibition"), ("14",)
    owns = ("exhibition",)
    form_class = forms.ExhibitionForm
    intro = _("Showing at an officially recognised international exhibition (item 14). Optional.")

    def initial(self, state):
        ex = state.document.get("exhibition")
        if not ex:
            return {"shown": False}
        return {
            "shown": True,
            **{k: ex.get(k) for k in ("name", "place", "date")},
            "designs": forms.design_numbers_text(ex.get("designs")),
        }

    def to_document(self, bundle, state):
        d = bundle.form.cleaned_data
        if not d.get("shown"):
            return {"exhibition": None}, None
        return {
            "exhibition": {
                "name": d["name"],
                "place": d["place"],
                "date": d["date"].isoformat(),
                "designs": d["designs"],
            }
        }, None


class NoveltyExceptionStep(Step):
    key, title, items = "novelty", _("Exception to lack of novelty"), ("15",)
    owns = ("novelty_exception",)
    form_class = forms.NoveltyExceptionForm
    intro = _(
        "For designated parties that allow it, a disclosure before filing may be excused (item 15)."
    )

    def is_applicable(self, doc, ref, on):
        return bool(designated_declaring(doc, ref, on, "novelty_exception"))

    def form_kwargs(self, state):
        return {
            "parties": designated_declaring(
                state.document, state.ref, state.on, "novelty_exception"
            )
        }

    def initial(self, state):
        ne = state.document.get("novelty_exception")
        if not ne:
            return {"claimed": False}
        return {
            "claimed": True,
            "parties": ne.get("parties") or [],
            "designs": forms.design_numbers_text(ne.get("designs")),
            "disclosure_date": ne.get("disclosure_date"),
            "explanation": ne.get("explanation"),
        }

    def to_document(self, bundle, state):
        d = bundle.form.cleaned_data
        if not d.get("claimed"):
            return {"novelty_exception": None}, None
        when = d.get("disclosure_date")
        return {
            "novelty_exception": {
                "designs": d["designs"],
                "parties": d["parties"],
                "disclosure_date": when.isoformat() if when else None,
                "explanation": _or_none(d.get("explanation")),
            }
        }, None


class MainDesignStep(Step):
    key, title, items = "main-design", _("Main or principal design"), ("16",)
    owns = ("main_design",)
    form_class = forms.MainDesignForm
    intro = _(
        "The main design among similar designs, or related designs and their principal design, "
        "for the parties that provide for them (item 16)."
    )

    def is_applicable(self, doc, ref, on):
        return bool(designated_declaring(doc, ref, on, "principal_design"))

    def initial(self, state):
        md = state.document.get("main_design") or {}
        related = ", ".join(
            f"{r.get('design')}:{r.get('principal') or r.get('principal_earlier')}"
            for r in md.get("related") or ()
        )
        return {"main": md.get("main"), "related": related}

    def to_document(self, bundle, state):
        d = bundle.form.cleaned_data
        # Item 16: a choice not offered (no designated party takes it) is not kept.
        if d.get("main") is None and not d.get("related"):
            return {"main_design": None}, None
        return {"main_design": {"main": d.get("main"), "related": d.get("related") or []}}, None

    def anchor(self, field):
        # The related designs and their principals are one text field ("2:1, 3:DM/085 123"):
        # a finding on main_design.related[i].principal points at it.
        if field.startswith("main_design.related"):
            return "id_related"
        return "id_main" if field.startswith("main_design") else super().anchor(field)


def _iso_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class PublicationStep(Step):
    key, title, items = "publication", _("Publication"), ("17",)
    owns = ("publication",)
    form_class = forms.PublicationForm
    template = "filings/steps/publication.html"
    intro = _("When the international registration is published (item 17).")

    def limits(self, state) -> dict:
        """Rule 16(1), Art 11(1): the shortest maximum among the designated parties."""
        doc, ref, on = state.document, state.ref, state.on
        designations = doc.get("designations") or []
        default = ref.default("max_deferment_months", on)
        maxima = {}
        for party in designations:
            decl = ref.declaration(party, "max_deferment_months", on)
            if decl and decl.int_value is not None:
                maxima[party] = decl.int_value
        acts = designation_acts(entitlement_of(doc), ref, on)
        if any(acts.get(p) == "1960" for p in designations):
            d1960 = ref.default("max_deferment_months_1960", on)
            if d1960 and d1960.int_value:
                maxima["1960 Act"] = d1960.int_value
        overall = min(
            [*maxima.values(), default.int_value if default and default.int_value else 30]
        )
        no_deferment = designated_declaring(doc, ref, on, "no_deferment")
        # Guide, item 17: the maximum counts from the priority date when priority is claimed.
        priority_dates = [_iso_date(p.get("date")) for p in doc.get("priorities") or ()]
        from_filing = deferment_limit(ref, priority_dates, on, overall)
        return {
            "max_months": from_filing,
            "maximum": overall,
            "from_priority": from_filing != overall,
            "maxima": maxima,
            "no_deferment": no_deferment,
        }

    def form_kwargs(self, state):
        return {"max_months": self.limits(state)["max_months"]}

    def initial(self, state):
        pub = state.document.get("publication") or {}
        return {"mode": pub.get("mode", "standard"), "months": pub.get("months")}

    def to_document(self, bundle, state):
        d = bundle.form.cleaned_data
        return {"publication": {"mode": d["mode"], "months": d.get("months")}}, None

    def extra_context(self, state, bundle):
        return {"limits": self.limits(state)}


class FeeReductionsStep(Step):
    key, title, items = "fee-reductions", _("Fee reductions"), ("18",)
    owns = ("fee_reductions",)
    form_class = forms.FeeReductionsForm
    intro = _(
        "Some designated parties reduce their individual fee for qualifying applicants (item 18)."
    )

    def is_applicable(self, doc, ref, on):
        return bool(designated_declaring(doc, ref, on, "fee_reduction"))

    def offers(self, state) -> dict:
        out = {}
        for party in designated_declaring(state.document, state.ref, state.on, "fee_reduction"):
            values = [
                d.value for d in state.ref.declarations(party, state.on, kind="fee_reduction")
            ]
            out[party] = (state.ref.party(party).name_in(get_language()), values)
        return out

    def form_kwargs(self, state):
        return {"offers": self.offers(state)}

    def initial(self, state):
        current = state.document.get("fee_reductions") or {}
        return {p: ("reduced" if v is True else v) for p, v in current.items()}

    def to_document(self, bundle, state):
        out = {}
        for party, value in bundle.form.cleaned_data.items():
            if value:
                # item 18: US names a level; parties with one reduced amount take `true`.
                out[party] = True if value not in ("small", "micro") else value
        return {"fee_reductions": out}, None

    def anchor(self, field):
        return f"id_{field.split('.')[-1]}" if "." in field else "id_fee_reductions"


class AnnexesStep(Step):
    key, title, items = (
        "annexes",
        _("Annexes I to V"),
        ("annex_I", "annex_II", "annex_III", "annex_IV", "annex_V"),
    )
    owns = ("annexes",)
    form_class = forms.AnnexesForm
    template = "filings/steps/annexes.html"
    intro = _("Documents some designated parties require with the application.")

    def required(self, doc, ref, on) -> dict[str, str]:
        """Annexes this application calls for, with the reason (Guide, Annexes I-V)."""
        out = {}
        if designated_declaring(doc, ref, on, "creator_oath"):
            out["I"] = gettext("a designated party requires the creator's declaration")
        if doc.get("novelty_exception"):
            out["II"] = gettext("an exception to lack of novelty is claimed (item 15)")
        if "micro" in (doc.get("fee_reductions") or {}).values():
            out["IV"] = gettext("a micro-entity fee reduction is claimed (item 18)")
        if doc.get("priorities") and designated_declaring(doc, ref, on, "priority_document"):
            out["V"] = gettext("a designated party asks for the priority document")
        return out

    def is_applicable(self, doc, ref, on):
        return bool(self.required(doc, ref, on) or doc.get("annexes"))

    def is_completed(self, doc, ref=None, on=None):
        # Complete when every annex this application calls for has a document.
        if ref is None:
            return "annexes" in doc
        provided = doc.get("annexes") or {}
        return all(provided.get(annex) for annex in self.required(doc, ref, on))

    def to_document(self, bundle, state):
        return {}, None

    def extra_context(self, state, bundle):
        required = self.required(state.document, state.ref, state.on)
        provided = state.document.get("annexes") or {}
        rows = [
            {
                "annex": a,
                "title": annex_title(a),
                "required": required.get(a),
                "count": len(provided.get(a) or ()),
            }
            for a in ANNEX_KINDS
        ]
        return {"annex_rows": rows}


class FeesStep(Step):
    key, title, items = "fees", _("Fees and payment"), ("fees",)
    owns = ("payment",)
    form_class = forms.PaymentForm
    template = "filings/steps/fees.html"
    intro = _("The fees of this application, itemised, and how you will pay them.")

    def is_completed(self, doc, ref=None, on=None):
        return bool((doc.get("payment") or {}).get("method"))

    def initial(self, state):
        return {"method": (state.document.get("payment") or {}).get("method")}

    def to_document(self, bundle, state):
        return {"payment": {"method": bundle.form.cleaned_data["method"]}}, None


class ReviewStep(Step):
    key, title, items = "review", _("Review, sign and submit"), ("19",)
    owns = ("signatory",)
    form_class = forms.SignatureForm
    template = "filings/steps/review.html"
    intro = _("Check the application, sign it (item 19) and submit it to the International Bureau.")

    def is_completed(self, doc, ref=None, on=None):
        return bool(doc.get("signatory"))

    def initial(self, state):
        sig = state.document.get("signatory") or {}
        default = "representative" if state.document.get("representative") else "applicant"
        return {"name": sig.get("name", ""), "capacity": sig.get("capacity", default)}

    def to_document(self, bundle, state):
        d = bundle.form.cleaned_data
        return {"signatory": {"name": d["name"], "capacity": d["capacity"]}}, None

    def request_context(self, request, state, submit_data=None, accounts=(), **page):
        """The whole application, what happens to the payment, and the confirmation form."""
        from .review import payment_plan, review_sections, submit_form

        return {
            "sections": review_sections(state),
            "plan": payment_plan(state=state, accounts=accounts),
            "submit_form": submit_form(state=state, accounts=accounts, data=submit_data),
        }


STEPS = (
    ApplicantsStep(),
    EntitlementStep(),
    RepresentativeStep(),
    DesignationsStep(),
    DesignsStep(),
    ReproductionsStep(),
    DescriptionStep(),
    CreatorsStep(),
    ClaimStep(),
    PriorityStep(),
    ExhibitionStep(),
    NoveltyExceptionStep(),
    MainDesignStep(),
    PublicationStep(),
    FeeReductionsStep(),
    AnnexesStep(),
    FeesStep(),
    ReviewStep(),
)
STEPS_BY_KEY = {step.key: step for step in STEPS}

# Finding fields whose prefix is not simply a step's document key.
_FIELD_STEPS = (
    (re.compile(r"designs\[\d+\]\.reproductions"), "reproductions"),
    (re.compile(r"payment"), "fees"),
)
_ITEM_STEPS = {item: step.key for step in STEPS for item in step.items}
_ITEM_STEPS.update({"10": "reproductions", REPRODUCTIONS: "reproductions"})


def step_for_finding(field: str, item: str) -> str:
    """The key of the step where a finding (by its `field`, else its DM/1 item) is fixed."""
    for pattern, key in _FIELD_STEPS:
        if pattern.match(field or ""):
            return key
    head = re.split(r"[.\[]", field or "", maxsplit=1)[0]
    for step in STEPS:
        if head and head in step.owns:
            return step.key
    return _ITEM_STEPS.get(item, "review")


def applicable_steps(doc, ref, on) -> list:
    return [s for s in STEPS if s.is_applicable(doc, ref, on)]
