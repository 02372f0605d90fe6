"""The steps about the designs themselves: the designs and their products (items 6 and 8) and
their reproductions (item 10, served by views_files)."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..forms.designs import DesignFormSet
from .base import ListStep, Step


class DesignsStep(ListStep):
    key, title, items = "designs", _("Designs"), ("6", "8")
    owns = ("designs",)
    formset_class = DesignFormSet
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
