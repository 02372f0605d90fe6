"""The copy of a refusal the International Bureau transmits to the holder without delay
(Article 12(3) of the Geneva Act), as a PDF in the language of the application."""

from __future__ import annotations

from django.template.loader import render_to_string

from hague_portal.lib.pdf import render_pdf
from hague_portal.submissions.selectors import designations_named

from .selectors_office import registration_designs


def refusal_copy(*, decision) -> bytes:
    """The notification of refusal as recorded (Rule 18(2)(b)): the Office, the designs
    concerned with their product indications, the grounds, the provisions, and where and by
    when a review or appeal may be asked for."""
    designation = decision.designation
    registration = designation.registration
    concerned = set(decision.designs)
    designs = [
        d for d in registration_designs(registration) if not concerned or d["number"] in concerned
    ]
    office = getattr(decision.by, "office", None)
    context = {
        "registration": registration,
        "submission": registration.examination.submission,
        "designation": designation,
        "party": designations_named([designation.party])[0],
        "office": office,
        "decision": decision,
        "designs": designs,
        "all_designs": not concerned,
    }
    return render_pdf(render_to_string("register/letter_refusal.html", context))
