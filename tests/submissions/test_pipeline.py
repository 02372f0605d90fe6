"""The jobs run in-process: findings, the DM/1 and receipt PDFs, one e-mail, run-twice safety."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from hague_portal.mail.models import EmailStatus, OutgoingEmail
from hague_portal.mail.services import EmailBusy
from hague_portal.submissions import pipeline, services
from hague_portal.submissions.models import (
    Irregularity,
    IrregularityStatus,
    Job,
    JobKind,
    JobStatus,
)
from hague_portal.submissions.tasks import job_run_task

from .conftest import add_attachment, jpeg, make_draft, submit

pytestmark = pytest.mark.django_db


def run_all(submission, task_id="task-1"):
    for job in submission.jobs.order_by("id"):
        services.job_run(job_id=job.pk, task_id=task_id)
    submission.refresh_from_db()
    return submission


def pdf_text(field_file) -> str:
    with field_file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


@pytest.fixture
def submitted(alice, media, no_broker, reference_db):
    return submit(make_draft(alice, designs=2, views=2), alice)


def test_the_dm1_pdf_shows_the_applicant_designations_and_every_reproduction(submitted):
    submission = run_all(submitted)
    text = pdf_text(submission.dm1_pdf)
    assert "Atelier Doe SARL" in text
    assert "CH" in text and "EM" in text
    for number in ("1.1", "1.2", "2.1", "2.2"):
        assert number in text
    assert "19. Signature" in text and "Fee calculation sheet" in text
    assert submission.dm1_pdf.name == f"submissions/{submission.number}/dm1.pdf"


def test_the_dm1_items_come_in_form_order(submitted):
    text = pdf_text(run_all(submitted).dm1_pdf)
    positions = [text.index(f"\n{n}. ") for n in range(1, 20)]
    assert positions == sorted(positions)


def test_one_acknowledgement_email_with_the_receipt_pdf_goes_to_the_correspondence_address(
    submitted, mailoutbox
):
    submission = run_all(submitted)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["jane@doe.example"]
    assert submission.number in message.subject
    assert "Designs: 2; reproductions: 4" in message.body
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and name.endswith("acknowledgement.pdf")
    assert submission.number in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(content)).pages
    )
    row = OutgoingEmail.objects.get(submission=submission)
    assert row.status == EmailStatus.SENT
    assert message.extra_headers["Message-ID"] == row.message_id


def test_every_job_ends_done(submitted):
    submission = run_all(submitted)
    assert set(submission.jobs.values_list("status", flat=True)) == {JobStatus.DONE}
    assert submission.findings["findings"] is not None


def test_running_every_job_twice_does_the_work_once(submitted, mailoutbox, media):
    submission = run_all(submitted)
    Job.objects.filter(submission=submission).update(status=JobStatus.QUEUED)
    run_all(submission, task_id="task-2")
    assert len(mailoutbox) == 1
    assert sorted(p.name for p in (media / "submissions" / submission.number).iterdir()) == [
        "acknowledgement.pdf",
        "dm1.pdf",
    ]


def test_a_job_held_by_a_live_worker_is_skipped(submitted):
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    assert services.job_claim(job_id=job.pk, task_id="a") is not None
    assert services.job_run(job_id=job.pk, task_id="b") == "skipped"


def test_a_redelivered_message_takes_over_the_job_its_dead_worker_held(submitted):
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    services.job_claim(job_id=job.pk, task_id="a")  # then the worker was killed
    assert services.job_run(job_id=job.pk, task_id="a") == "done"


def test_a_job_whose_lease_expired_can_be_claimed_by_another_task(submitted):
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    services.job_claim(job_id=job.pk, task_id="a")
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert services.job_run(job_id=job.pk, task_id="b") == "done"


def test_an_email_being_sent_by_another_worker_is_not_sent_again(submitted, mailoutbox):
    run_all(submitted)
    row = OutgoingEmail.objects.get()
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now()
    )
    submitted.refresh_from_db()
    with pytest.raises(EmailBusy):
        pipeline.submission_acknowledge(submitted)
    assert len(mailoutbox) == 1


def test_file_checks_record_irregularities_for_a_bad_dpi_and_an_unreadable_annex(
    alice, media, no_broker, reference_db
):
    draft = make_draft(alice, annex=False)
    row = draft.reproductions.first()
    (media / row.file.name).write_bytes(jpeg(1, dpi=72))
    import hashlib

    row.sha256 = hashlib.sha256((media / row.file.name).read_bytes()).hexdigest()
    row.save()
    add_attachment(draft, "annex_I", b"%PDF-1.4 this is not really a PDF", creator="Jane Doe")
    submission = run_all(submit(draft, alice))
    codes = {f["code"] for f in submission.findings["findings"]}
    assert {"file.reproduction_dpi", "file.attachment_unreadable"} <= codes
    irregularities = Irregularity.objects.filter(submission=submission)
    assert {"file.reproduction_dpi", "file.attachment_unreadable"} <= set(
        irregularities.values_list("code", flat=True)
    )
    assert set(irregularities.values_list("status", flat=True)) == {
        IrregularityStatus.AWAITING_REVIEW
    }


def test_a_job_that_keeps_failing_is_retried_then_marked_failed(submitted, monkeypatch):
    calls = []

    def broken(submission):
        calls.append(1)
        raise OSError("storage unavailable")

    monkeypatch.setitem(pipeline.STEPS, JobKind.DM1_PDF, broken)
    monkeypatch.setattr(job_run_task, "max_retries", 2)
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    job_run_task.apply(args=[job.pk], task_id="t-eager")  # eager: retries run inline
    job.refresh_from_db()
    assert len(calls) == 3  # the first attempt and two retries
    assert job.status == JobStatus.FAILED
    assert "storage unavailable" in job.last_error
    assert job.attempts == 3


def test_a_render_error_fails_at_once_without_retrying(submitted, monkeypatch):
    from hague_portal.lib.pdf import PDFRenderError

    calls = []

    def refused(submission):
        calls.append(1)
        raise PDFRenderError("refused 'file:///etc/passwd'")

    monkeypatch.setitem(pipeline.STEPS, JobKind.DM1_PDF, refused)
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    job_run_task.apply(args=[job.pk], task_id="t-eager")
    job.refresh_from_db()
    assert (len(calls), job.status) == (1, JobStatus.FAILED)


def test_staff_retry_queues_a_failed_job_again(
    submitted, no_broker, django_capture_on_commit_callbacks
):
    job = submitted.jobs.get(kind=JobKind.DM1_PDF)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, last_error="boom", attempts=9)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.job_requeue(job=job)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error) == (JobStatus.QUEUED, 0, "")
    assert no_broker == [job.pk]


def test_jobs_resend_sends_jobs_never_enqueued_stale_or_with_an_expired_lease(submitted, no_broker):
    checks, dm1, ack = submitted.jobs.order_by("id")
    now = timezone.now()
    Job.objects.filter(pk=checks.pk).update(enqueued_at=None)
    Job.objects.filter(pk=dm1.pk).update(status=JobStatus.RUNNING, lease_until=now - timedelta(1))
    Job.objects.filter(pk=ack.pk).update(enqueued_at=now)  # in the broker: leave it
    assert services.jobs_resend() == 2
    assert sorted(no_broker) == sorted([checks.pk, dm1.pk])
