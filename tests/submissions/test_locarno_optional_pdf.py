"""Guide, item 8: the Locarno class is not compulsory; the DM/1 PDF says it was not indicated."""

import io

import pytest
from pypdf import PdfReader

from hague_portal.submissions import services

from .conftest import make_draft, submit

pytestmark = pytest.mark.django_db


def test_the_dm1_says_not_indicated_for_a_design_without_locarno_class(
    alice, media, no_broker, reference_db, mailoutbox
):
    draft = make_draft(alice, designs=1, views=1)
    draft.document["designs"][0].pop("locarno")
    draft.save(update_fields=["document"])
    submission = submit(draft, alice)
    for job in submission.jobs.order_by("id"):
        services.job_run(job_id=job.pk, task_id="task-1")
    submission.refresh_from_db()

    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(submission.dm1_pdf.read())).pages
    )
    assert "not indicated" in text
    assert "None" not in text
