"""An extract of the International Register (issue 23) as a PDF, in the language of the
application: the registration's current state and its history, on the day it is asked for.

Article 18 of the Geneva Act: certified extracts, issued by the International Bureau on
request, are its only official statements about a registration; this one is not certified, and
says so on its first page."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from hague_portal.lib.pdf import render_pdf
from hague_portal.submissions.selectors import application_language, designations_named

from .models import Registration
from .selectors import register_view


def register_extract(*, registration: Registration, today: date | None = None) -> bytes:
    """The PDF of the extract; the registration's submission is read with it."""
    submission = registration.examination.submission
    with translation.override(application_language(submission)):
        view = register_view(registration, today=today)
        parties = {
            p["code"]: p for p in designations_named([d.party for d in view["designations"]])
        }
        for designation in view["designations"]:
            designation.named = parties.get(designation.party, {})
        html = render_to_string("register/extract.html", {**view, "submission": submission})
        return render_pdf(html)


def register_extract_filename(registration: Registration) -> str:
    return f"{registration.number.replace('/', '-')}-register-extract.pdf"
