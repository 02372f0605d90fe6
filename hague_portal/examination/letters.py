"""The International Bureau's letters as PDFs (WeasyPrint): the invitation to correct
irregularities, the certificate of registration and the notice of abandonment. Each carries the
application number (in the heading and the page footer)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from hague_portal.hague import irregularities as rule14
from hague_portal.hague.clock import GENEVA
from hague_portal.hague.periods import period_end
from hague_portal.lib.pdf import render_pdf
from hague_portal.submissions.selectors import designations_named, designs_for_pdf, file_names


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
    """What is registered, in the language of the application: the holder's name and address,
    the registration number and date, each design with its product indication, Locarno class
    and reproductions, the designated Contracting Parties, and the publication date with how it
    was asked for (item 17). From the application as it now stands (the last accepted revision):
    its reproductions may be replacements sent in a response."""
    from hague_portal.submissions.pipeline import dm1_print_copies

    files = registration_files(examination)
    context = _context(examination, **certificate_context(examination, files))
    html = render_to_string("examination/letter_registration.html", context)
    # The reproductions as the DM/1 prints them: 40 mm views from the same print copies.
    return render_pdf(html, files=file_names(files.values()), print_copies=dm1_print_copies())


def registration_files(examination) -> dict[str, dict]:
    """SHA-256 -> entry of every file of the application: as filed and sent in responses."""
    from .models import Response

    entries = list(examination.submission.files)
    for files in Response.objects.filter(invitation__examination=examination).values_list(
        "files", flat=True
    ):
        entries += files or []
    return {entry["sha256"]: entry for entry in entries if entry.get("sha256")}


def certificate_context(examination, files: dict[str, dict]) -> dict:
    from .services import document_now

    document = document_now(examination)
    removed = set(examination.designations_removed or ())
    designations = [c for c in document.get("designations") or [] if c not in removed]
    designs = designs_for_pdf(document.get("designs") or [], files)
    titles = locarno_titles(d.get("locarno") for d in designs)
    designs = [{**d, "locarno_title": titles.get(d.get("locarno") or "", "")} for d in designs]
    return {
        "document": document,
        "holders": document.get("applicants") or [],
        "designations": designations_named(designations),
        "designs": designs,
        "publication": publication_words(document.get("publication") or {}),
    }


def locarno_titles(codes) -> dict[str, str]:
    """Class or subclass code -> its title in the active language ("06-01": "Chairs"); a
    subclass the reference data lacks takes its class's title."""
    from hague_portal.reference.models import LocarnoClass

    codes = {code for code in codes if code}
    wanted = codes | {code.split("-")[0] for code in codes}
    language = get_language()
    titles = {
        row.code: row.title_in(language) for row in LocarnoClass.objects.filter(code__in=wanted)
    }
    return {code: titles.get(code) or titles.get(code.split("-")[0], "") for code in codes}


def publication_words(publication: dict) -> str:
    """How publication was asked for in item 17 (Rule 17(1)), in words."""
    mode, months = publication.get("mode") or "standard", publication.get("months")
    if mode == "immediate":
        return _("immediate publication, as requested (Rule 17(1)(i))")
    if mode in ("deferred", "chosen") and months:
        return ngettext(
            "deferred publication, as requested: %(months)s month from the filing date "
            "(Rule 17(1)(ii))",
            "deferred publication, as requested: %(months)s months from the filing date "
            "(Rule 17(1)(ii))",
            int(months),
        ) % {"months": months}
    return _(
        "standard publication: 12 months after the date of the international registration "
        "(Rule 17(1)(iii))"
    )


def abandonment_letter(*, examination, irregularities) -> bytes:
    context = _context(examination, irregularities=_rows(irregularities))
    return render_pdf(render_to_string("examination/letter_abandoned.html", context))
