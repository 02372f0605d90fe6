"""The pipeline with a real worker process and real Redis: completion, SIGKILL, broker down.

Run by CI (.ci/run sets DATABASE_URL and REDIS_URL); without them these tests skip with the
reason. Each test has hard deadlines and always stops its worker.
"""

import email
import io
import os
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from hague_portal.mail.models import OutgoingEmail
from hague_portal.submissions import services
from hague_portal.submissions.models import Job, JobKind, JobStatus, Submission

from .conftest import REFERENCE_DIR, make_draft, submit
from .worker import DEAD_BROKER, Worker, all_queues, broker_url, default_queue, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DONE_TIMEOUT = 120


@pytest.fixture
def pipeline(settings, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: the pipeline tests need a real Redis broker (.ci/run)")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: the worker must share the test database")
    from hague_portal.reference.services import reference_import

    reference_import(directory=REFERENCE_DIR)
    media, mail = tmp_path / "media", tmp_path / "mail"
    media.mkdir()
    mail.mkdir()
    settings.MEDIA_ROOT = str(media)
    queue = f"test-pipeline-{uuid.uuid4().hex[:10]}"
    workers = []

    def start(beat=False, queues=(), **extra_env):
        worker = Worker(
            directory=tmp_path,
            queue=queue,
            media=media,
            mail=mail,
            extra_env=extra_env,
            beat=beat,
            queues=queues,
        )
        workers.append(worker)
        return worker.start()

    with default_queue(queue):
        try:
            yield {"start": start, "media": media, "mail": mail, "queue": queue}
        finally:
            for worker in workers:
                worker.stop()
            redis.Redis.from_url(os.environ["REDIS_URL"]).delete(*all_queues(queue))


def wait_done(submission, worker, timeout=DONE_TIMEOUT):
    def settled():
        statuses = set(Job.objects.filter(submission=submission).values_list("status", flat=True))
        assert JobStatus.FAILED not in statuses, worker.log()[-4000:]
        return statuses == {JobStatus.DONE}

    wait_until(settled, timeout=timeout, what=f"jobs of {submission.number} done", worker=worker)
    submission.refresh_from_db()
    return submission


def sent_emails(mail_dir):
    separator = b"\n" + b"-" * 79 + b"\n"
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk))
    return messages


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_a_submission_is_numbered_rendered_and_acknowledged_by_a_real_worker(pipeline, alice):
    worker = pipeline["start"]()
    submission = submit(make_draft(alice, designs=2, views=3), alice)
    assert submission.number.startswith("WIPO")
    wait_done(submission, worker)
    text = pdf_text(pipeline["media"] / submission.dm1_pdf.name)
    assert "Atelier Doe SARL" in text and "CH" in text and "EM" in text
    for number in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3"):
        assert number in text
    (message,) = sent_emails(pipeline["mail"])
    assert message["To"] == "jane@doe.example"
    assert message["Message-ID"] == OutgoingEmail.objects.get(submission=submission).message_id
    pdfs = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1
    receipt = PdfReader(io.BytesIO(pdfs[0].get_payload(decode=True)))
    assert submission.number in receipt.pages[0].extract_text()


def test_the_acknowledgement_goes_out_while_the_dm1_waits_for_the_render_queue(pipeline, alice):
    # Queues per job kind, the workers as make run has them: the e-mail worker acknowledges while
    # the DM/1 waits in "render" (an e-mail never waits behind a render) until one consumes it.
    mail_worker = pipeline["start"](queues=("mail",))
    submission = submit(make_draft(alice, designs=2, views=3), alice)
    wait_until(
        lambda: OutgoingEmail.objects.filter(submission=submission, status="sent").exists(),
        timeout=DONE_TIMEOUT,
        what="acknowledgement sent",
        worker=mail_worker,
    )
    dm1 = submission.jobs.get(kind=JobKind.DM1_PDF)
    assert dm1.status == JobStatus.QUEUED and dm1.enqueued_at is not None
    assert len(sent_emails(pipeline["mail"])) == 1
    wait_done(submission, pipeline["start"](queues=("render", "checks")))
    assert submission.dm1_pdf


def _wait_running(submission, kind, worker):
    return wait_until(
        lambda: Job.objects.filter(
            submission=submission, kind=kind, status=JobStatus.RUNNING
        ).exists(),
        timeout=DONE_TIMEOUT,
        what=f"{kind} running",
        worker=worker,
        every=0.02,
    )


def _assert_exactly_one_of_everything(pipeline, submission):
    folder = pipeline["media"] / "submissions" / submission.number
    assert sorted(p.name for p in folder.iterdir()) == ["acknowledgement.pdf", "dm1.pdf"]
    assert len(sent_emails(pipeline["mail"])) == 1
    assert OutgoingEmail.objects.filter(submission=submission).count() == 1
    PdfReader(io.BytesIO((folder / "dm1.pdf").read_bytes()))  # complete and readable


def test_sigkill_of_the_pool_process_mid_render_still_gives_one_pdf_and_one_email(pipeline, alice):
    worker = pipeline["start"]()
    # Large enough that the DM/1 render takes seconds: the kill lands in the middle of it.
    submission = submit(make_draft(alice, designs=20, views=5, size=(1800, 1800)), alice)
    _wait_running(submission, JobKind.DM1_PDF, worker)
    time.sleep(0.2)
    worker.kill_pool_child()
    wait_done(submission, worker)
    # acks_late + reject_on_worker_lost: the message came back and the job ran a second time.
    assert "SIGKILL" in worker.log() or "WorkerLostError" in worker.log()
    assert submission.jobs.get(kind=JobKind.DM1_PDF).attempts == 2
    _assert_exactly_one_of_everything(pipeline, submission)


# Seconds instead of production's 60 s lease, 15 s heartbeat and 60 s re-send, so the tests run
# in seconds; the mechanism is the same.
SHORT_LEASE = {"JOB_LEASE_SECONDS": "2", "JOB_HEARTBEAT_SECONDS": "0.5", "JOBS_RESEND_SECONDS": "1"}


def test_sigkill_of_the_whole_worker_mid_render_is_retaken_after_the_lease_exactly_once(
    pipeline, alice
):
    # The broker's visibility timeout stays at its hour: the job must come back through its
    # lease running out and beat's jobs_resend, not through Redis redelivering the message.
    worker = pipeline["start"](**SHORT_LEASE)
    submission = submit(make_draft(alice, designs=20, views=5, size=(1800, 1800)), alice)
    _wait_running(submission, JobKind.DM1_PDF, worker)
    time.sleep(0.2)
    worker.kill()  # main process and pool: nothing acknowledged, nobody left to requeue it
    job = submission.jobs.get(kind=JobKind.DM1_PDF)
    assert job.status == JobStatus.RUNNING and job.attempts == 1
    worker = pipeline["start"](beat=True, **SHORT_LEASE)
    wait_done(submission, worker)
    job.refresh_from_db()
    assert job.attempts == 2  # taken once more, by the new worker
    _assert_exactly_one_of_everything(pipeline, submission)


def test_a_long_healthy_job_keeps_its_lease_and_is_not_taken_again(pipeline, alice):
    # A lease much shorter than the render: without the heartbeat it would run out mid-render.
    lease = {**SHORT_LEASE, "JOB_LEASE_SECONDS": "1", "JOB_HEARTBEAT_SECONDS": "0.25"}
    worker = pipeline["start"](beat=True, **lease)
    submission = submit(make_draft(alice, designs=40, views=5, size=(2400, 2400)), alice)
    _wait_running(submission, JobKind.DM1_PDF, worker)
    job = submission.jobs.get(kind=JobKind.DM1_PDF)
    leases = set()
    while True:  # the render runs several leases long; the heartbeat keeps each one fresh
        job.refresh_from_db()
        if job.status != JobStatus.RUNNING:
            break
        assert job.lease_until > timezone.now(), "lease ran out while the job was running"
        leases.add(job.lease_until)
        time.sleep(0.2)
    wait_done(submission, worker)
    assert len(leases) > 2, "the render ended before the lease was renewed twice"
    job.refresh_from_db()
    assert job.attempts == 1
    # beat ran jobs_resend every second throughout: no job was sent a second time.
    received = re.findall(r"tasks\.job_run\[[0-9a-f-]+\] received", worker.log())
    assert len(received) == 3, worker.log()[-4000:]  # checks, DM/1 PDF, acknowledgement
    _assert_exactly_one_of_everything(pipeline, submission)


def test_a_submission_made_while_the_broker_is_down_completes_when_it_returns(pipeline, alice):
    draft = make_draft(alice)
    with broker_url(DEAD_BROKER):
        submission = submit(draft, alice)  # the applicant still gets a number
    jobs = Job.objects.filter(submission=submission)
    assert set(jobs.values_list("status", flat=True)) == {JobStatus.QUEUED}
    assert jobs.filter(enqueued_at__isnull=True).count() == 3
    worker = pipeline["start"]()
    from hague_portal.submissions.tasks import jobs_resend

    jobs_resend.delay()  # the periodic task, sent to and run by the real worker
    wait_done(submission, worker)
    assert len(sent_emails(pipeline["mail"])) == 1


# --- concurrency of submit (PostgreSQL row locks; no worker needed) ------------------------------


@pytest.fixture
def postgres_only(no_broker, media):
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: SQLite has no row locks to test")


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        except Exception as exc:  # noqa: BLE001 - returned for the test to inspect
            return exc
        finally:
            connection.close()

    return run


def test_concurrent_submissions_of_different_drafts_get_distinct_consecutive_numbers(
    postgres_only, alice
):
    drafts = [make_draft(alice, views=1, annex=False) for _ in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_in_thread(lambda d: submit(d, alice).number), drafts))
    assert sorted(results) == [f"WIPO{n:06d}" for n in range(1, 9)]


def test_one_draft_submitted_twice_concurrently_gives_one_application(postgres_only, alice):
    draft = make_draft(alice, views=1, annex=False)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(_in_thread(lambda _: submit(draft, alice)), range(4)))
    assert sum(isinstance(r, Submission) for r in results) == 1
    assert all(isinstance(r, (Submission, services.AlreadySubmitted)) for r in results)
    assert Submission.objects.count() == 1
    # The refused attempts took no number: the next application gets the next one.
    assert submit(make_draft(alice, views=1, annex=False), alice).number == "WIPO000002"
