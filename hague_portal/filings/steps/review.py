"""The last step: review the application, sign it (item 19) and submit it. What the page shows
is built by filings/review.py."""

from django.utils.translation import gettext_lazy as _

from hague_portal.hague.checks import is_blocking

from ..forms.review import SignatureForm
from .base import Step


class ReviewStep(Step):
    key, title, items = "review", _("Review, sign and submit"), ("19",)
    owns = ("signatory",)
    form_class = SignatureForm
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
        from ..review import payment_plan, review_sections, submit_form

        return {
            # What the signature typed here cannot fix disables Submit (sign and submit at once).
            "blocked_elsewhere": is_blocking(
                [f for f in state.findings if not (f.field or "").startswith("signatory")]
            ),
            "sections": review_sections(state),
            "plan": payment_plan(state=state, accounts=accounts),
            "submit_form": submit_form(state=state, accounts=accounts, data=submit_data),
        }
