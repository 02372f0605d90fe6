"""The International Bureau's letters as PDFs (WeasyPrint): the invitation to correct
irregularities, the registration certificate and the notice of abandonment. Each carries the
application number (in the heading and the page footer)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA
from hague_portal.hague.periods import period_end
from hague_portal.lib.pdf import render_pdf


def _context(examination, **extra) -> dict:
    submission = examination.submission
    applicants = [a.get("name", "") for a in submission.document.get("applicants") or []]
    return {
        "submission": submission,
        "examination": examination,
        "applicants": applicants,
        "correspondence_email": submission.correspondence_email,
        "received_on": submission.received_at.astimezone(GENEVA).date(),
        "today": timezone.now().astimezone(GENEVA).date(),
        **extra,
    }


def _rows(irregularities) -> list[dict]:
    return [
        {
            "label": rule14.kind_of(row.category).label,
            "item": row.item,
            "message": row.message,
            "postpones_date": row.postpones_date,
            "amount": row.amount,
            "time_limit": row.time_limit,
        }
        for row in irregularities
    ]


def invitation_letter(*, invitation, irregularities) -> bytes:
    sent_on = invitation.sent_at.astimezone(GENEVA).date()
    three_months = period_end(sent_on, months=rule14.RESPONSE_MONTHS)
    context = _context(
        invitation.examination,
        invitation=invitation,
        sent_on=sent_on,
        irregularities=_rows(irregularities),
        # Rule 4(4): the letter says why its time limit is later than three months.
        closed_on=three_months if invitation.time_limit > three_months else None,
    )
    return render_pdf(render_to_string("examination/letter_invitation.html", context))


def registration_certificate(*, examination) -> bytes:
    return render_pdf(
        render_to_string("examination/letter_registration.html", _context(examination))
    )


def abandonment_letter(*, examination, irregularities) -> bytes:
    context = _context(examination, irregularities=_rows(irregularities))
    return render_pdf(render_to_string("examination/letter_abandoned.html", context))
