"""The steps that describe and claim: description (item 9), creators (item 11), claim (item 12),
priority (item 13), exhibition (item 14), exception to lack of novelty (item 15) and the main or
principal design (item 16)."""

from django.utils.translation import gettext_lazy as _

from ..forms.declarations import (
    ClaimForm,
    CreatorFormSet,
    DescriptionForm,
    ExhibitionForm,
    MainDesignForm,
    NoveltyExceptionForm,
    PriorityFormSet,
)
from ..forms.fields import design_numbers_text
from .base import ListStep, Step, _address, _address_initial, _or_none, designated_declaring


class DescriptionStep(Step):
    key, title, items = "description", _("Description"), ("9",)
    owns = ("description",)
    form_class = DescriptionForm
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
    formset_class = CreatorFormSet
    formset_prefix = "creators"
    template = "filings/steps/list.html"
    intro = _("The creators of the designs (item 11). Required by some designated parties.")

    def rows_initial(self, state):
        return [
            {
                "name": c.get("name", ""),
                "designs": design_numbers_text(c.get("designs")),
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
    form_class = ClaimForm
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
    formset_class = PriorityFormSet
    formset_prefix = "priorities"
    template = "filings/steps/list.html"
    intro = _("Earlier filings whose priority is claimed (item 13). Leave empty if none.")

    def rows_initial(self, state):
        return [
            {
                **{k: p.get(k) or "" for k in ("office", "number", "date", "das_code")},
                "designs": design_numbers_text(p.get("designs")),
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
    form_class = ExhibitionForm
    intro = _("Showing at an officially recognised international exhibition (item 14). Optional.")

    def initial(self, state):
        ex = state.document.get("exhibition")
        if not ex:
            return {"shown": False}
        return {
            "shown": True,
            **{k: ex.get(k) for k in ("name", "place", "date")},
            "designs": design_numbers_text(ex.get("designs")),
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
    form_class = NoveltyExceptionForm
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
            "designs": design_numbers_text(ne.get("designs")),
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
    form_class = MainDesignForm
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
