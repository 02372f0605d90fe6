"""The steps about publication and money: publication (item 17), fee reductions (item 18), the
annexes some designated parties require (Annexes I to V) and the fees with how they are paid."""

import datetime

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from hague_portal.hague.eligibility import designation_acts
from hague_portal.hague.periods import deferment_limit

from ..annexes import ANNEX_KINDS, annex_title
from ..forms.publication_fees import AnnexesForm, FeeReductionsForm, PaymentForm, PublicationForm
from .base import Step, designated_declaring, entitlement_of


def _iso_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class PublicationStep(Step):
    key, title, items = "publication", _("Publication"), ("17",)
    owns = ("publication",)
    form_class = PublicationForm
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
    form_class = FeeReductionsForm
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
    form_class = AnnexesForm
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
    form_class = PaymentForm
    template = "filings/steps/fees.html"
    intro = _("The fees of this application, itemised, and how you will pay them.")

    def is_completed(self, doc, ref=None, on=None):
        return bool((doc.get("payment") or {}).get("method"))

    def initial(self, state):
        return {"method": (state.document.get("payment") or {}).get("method")}

    def to_document(self, bundle, state):
        return {"payment": {"method": bundle.form.cleaned_data["method"]}}, None
