"""The steps that follow a submission, each safe to run twice.

Each step first looks whether its result already exists (the findings, the stored PDF, the e-mail
row marked sent) and only then does the work, so a job redelivered after its worker died, or
re-sent by `jobs_resend`, finishes the work instead of repeating it.
"""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from hague_portal.events.services import event_record, unit
from hague_portal.lib import emails
from hague_portal.lib.pdf import PrintCopies, render_pdf
from hague_portal.mail.services import email_send_once

from . import filechecks
from .models import (
    Irregularity,
    JobKind,
    Submission,
)
from .selectors import application_language, submission_pdf_context

logger = logging.getLogger(__name__)

ACKNOWLEDGEMENT = "acknowledgement"
DM1_PRINT_PX = 480  # 40 mm at 300 dpi: the largest a view prints on a reproduction sheet
# In the default storage: downscaled copies, made again if deleted.
PRINT_COPIES_DIR = "print-copies"


def in_application_language(step):
    """Run a step in the language the application was filed in (Rule 6(1)): the DM/1, the
    acknowledgement and its e-mail, and the stored findings are read by the applicant and the
    examiner in that language, whatever language the filer's browser or the worker has."""

    @functools.wraps(step)
    def run(submission: Submission, *args, **kwargs):
        with translation.override(application_language(submission)):
            return step(submission, *args, **kwargs)

    return run


# --- full formality check ----------------------------------------------------------------------


@in_application_language
def submission_check(submission: Submission) -> None:
    """The rules core on the frozen document plus the checks that need the files."""
    if submission.findings is not None:
        return
    findings = [*filechecks.document_findings(submission), *filechecks.file_findings(submission)]
    errors = [f for f in findings if f["severity"] == "error"]
    with unit():
        _irregularities_record(submission, errors)
        Submission.objects.filter(pk=submission.pk, findings__isnull=True).update(
            findings={"checked_at": timezone.now().isoformat(), "findings": findings}
        )
        # The examination follows (its consumer): into the examiners' queue.
        event_record(
            submission=submission,
            kind="checks.run",
            summary=f"Full formality check: {len(findings)} findings, {len(errors)} errors "
            "for the examiner to review",
            after={"findings": len(findings), "errors": len(errors)},
        )


def _irregularities_record(submission: Submission, errors: list[dict]) -> None:
    Irregularity.objects.bulk_create(
        [
            Irregularity(
                submission=submission,
                kind=Irregularity.Kind.FORMALITY,
                code=f["code"][:60],
                item=f.get("item", "")[:20],
                message=f["message"],
                details=f,
            )
            for f in errors
        ],
        ignore_conflicts=True,  # a second run finds the same ones
    )


# --- PDFs --------------------------------------------------------------------------------------


@in_application_language
def submission_render_dm1(submission: Submission) -> None:
    _pdf_store(
        submission, "dm1_pdf", "dm1.pdf", "submissions/dm1.html", print_copies=dm1_print_copies()
    )


def dm1_print_copies() -> PrintCopies:
    """The reproductions as the DM/1 embeds them: at most 40 mm wide on the sheets, so 480 px
    (300 dpi); the filed originals stay as they are (and downloadable), copies are kept by
    SHA-256 in the media storage, shared by every worker and every render of the same file."""
    return PrintCopies(PRINT_COPIES_DIR, max_px=DM1_PRINT_PX)


@in_application_language
def submission_render_receipt(submission: Submission) -> None:
    _pdf_store(submission, "receipt_pdf", "acknowledgement.pdf", "submissions/receipt.html")


def _pdf_store(
    submission: Submission, field: str, filename: str, template: str, print_copies=None
) -> None:
    """Render and store once: the field stays empty until the file is complete."""
    if getattr(submission, field):
        return
    context = submission_pdf_context(submission)
    html = render_to_string(template, context)
    pdf = render_pdf(html, files=context["file_names"], print_copies=print_copies)
    name = f"submissions/{submission.number}/{filename}"
    if default_storage.exists(name):  # a half-written file left by a worker that died
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(pdf))
    updated = Submission.objects.filter(pk=submission.pk, **{field: ""}).update(**{field: stored})
    if not updated and stored != name:
        default_storage.delete(stored)  # a concurrent duplicate run stored it first
    submission.refresh_from_db(fields=[field])


# --- acknowledgement of receipt ----------------------------------------------------------------


@in_application_language
def submission_acknowledge(submission: Submission) -> None:
    """The receipt PDF, then the e-mail with it attached, to the address of Guide items 4/5."""
    submission_render_receipt(submission)
    with submission.receipt_pdf.open("rb") as handle:
        pdf = handle.read()
    email_send_once(
        submission=submission,
        email=emails.Email(
            name=ACKNOWLEDGEMENT,
            to=submission.correspondence_email,
            context={
                **submission_pdf_context(submission, with_paths=False),
                # Absolute: the e-mail is read outside the portal (the way back, issue 8).
                "submission_url": settings.SITE_URL
                + reverse("submissions:detail", args=[submission.number]),
            },
            attachments=(emails.Attachment(f"{submission.number}-acknowledgement.pdf", pdf),),
        ),
    )


STEPS = {
    JobKind.CHECKS: submission_check,
    JobKind.DM1_PDF: submission_render_dm1,
    JobKind.ACKNOWLEDGEMENT: submission_acknowledge,
}
