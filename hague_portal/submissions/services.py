"""Writes of the submission pipeline: submit (snapshot, number, jobs) and run the jobs.

    # inside the caller's transaction (payments.submit.draft_submit), after its checks:
    submission = submission_create(draft=locked, user=user, document=document, fees=fees)

Jobs are rows first and broker messages second: they are sent after commit, a periodic task
re-sends whatever the broker never got, and every job can run twice safely (claimed with a
conditional UPDATE; each step checks whether its result already exists).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from hague_portal.events.services import event_record, unit
from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.filings.sharing import draft_events_audit

from .models import (
    ApplicationNumberCounter,
    Job,
    JobKind,
    JobStatus,
    Submission,
)

logger = logging.getLogger(__name__)

NUMBER_SERIES = "WIPO"
NUMBER_DIGITS = 6
# A job queued this long ago and still not started was probably lost by the broker.
STALE_QUEUED = timedelta(minutes=10)
JOB_KINDS = (JobKind.CHECKS, JobKind.DM1_PDF, JobKind.ACKNOWLEDGEMENT)


class SubmissionError(Exception):
    pass


class AlreadySubmitted(SubmissionError):
    pass


def job_lease() -> timedelta:
    # Short, and renewed by job_heartbeat while the job runs: a job whose worker died is taken
    # again by jobs_resend soon after, not after the broker's visibility timeout (an hour).
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def canonical_sha256(data) -> str:
    """SHA-256 of the canonical JSON form (sorted keys, no whitespace)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# --- submit ------------------------------------------------------------------------------------


def submission_create(*, draft, user, document: dict, fees: dict) -> Submission:
    """Freeze the draft as an application with a number, and record the jobs that follow.

    Must run inside the caller's transaction: the number, the snapshot, the jobs and the draft's
    status commit together or not at all. The jobs are sent to the broker only after commit.
    `fees` is the FeeCalculation.as_dict() the applicant saw and accepted.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submission_create must be called inside transaction.atomic()")
    with unit():  # its events (application.filed) go to their consumers when it ends
        locked = _draft_lock(draft)
        files = submission_files(draft=locked, document=document)  # before the number: no lock held
        submission = Submission.objects.create(
            number=number_next(),  # locks the counter until commit: keep it the last thing before
            draft=locked,
            created_by=user,
            client=locked.client,
            received_at=timezone.now(),
            document=document,
            document_sha256=canonical_sha256(document),
            files=files,
            fees=fees,
            fees_sha256=canonical_sha256(fees),
            fees_total=Decimal(str(fees.get("total_due_at_filing", "0"))),
            currency=fees.get("currency", "CHF"),
            correspondence_email=correspondence_email(document) or user.email,
        )
        draft_events_audit(draft=locked, submission=submission)  # shares, approvals
        event_record(
            submission=submission,
            actor=user,
            kind="application.filed",
            summary=f"International application {submission.number} filed",
            after={"document_sha256": submission.document_sha256},
            applicant_visible=True,
        )
        jobs = Job.objects.bulk_create(Job(submission=submission, kind=kind) for kind in JOB_KINDS)
        job_ids = [job.pk for job in jobs]
        transaction.on_commit(lambda: jobs_enqueue(job_ids=job_ids))
    return submission


def _draft_lock(draft) -> Draft:
    # Serialises concurrent submits of one draft: the second waits here, then finds the first's
    # submission. draft_submit may already have set SUBMITTED in this transaction; a draft still
    # in DRAFT (called directly) is marked submitted here.
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if Submission.objects.filter(draft=locked).exists():
        raise AlreadySubmitted("This application has already been submitted.")
    if locked.status == DraftStatus.DRAFT:
        Draft.objects.filter(pk=locked.pk, status=DraftStatus.DRAFT).update(
            status=DraftStatus.SUBMITTED, submitted_at=timezone.now()
        )
    return locked


def number_next(series: str = NUMBER_SERIES) -> str:
    """The next application number, e.g. "WIPO000123": never skipped, never reused.

    The counter row stays locked until the caller's transaction ends; a rollback releases
    the number, so the next submission gets it.
    """
    ApplicationNumberCounter.objects.bulk_create(
        [ApplicationNumberCounter(series=series)], ignore_conflicts=True
    )
    counter = ApplicationNumberCounter.objects.select_for_update().get(series=series)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{series}{counter.last:0{NUMBER_DIGITS}d}"


def correspondence_email(document: dict) -> str | None:
    """Guide items 4 and 5: the representative's, else item 4's, else the first applicant's."""
    representative = document.get("representative") or {}
    if representative.get("email"):
        return representative["email"]
    if document.get("correspondence_email"):
        return document["correspondence_email"]
    applicants = document.get("applicants") or []
    return (applicants[0] or {}).get("email") if applicants else None


def submission_files(*, draft, document: dict) -> list[dict]:
    """Every file of the application with its SHA-256, re-computed from the stored bytes."""
    return [*_reproduction_files(draft, document), *_attachment_files(draft)]


def _reproduction_files(draft, document: dict) -> list[dict]:
    rows = list(draft.reproductions.filter(design_number__isnull=False))
    by_sha = {row.sha256: row for row in rows}
    out = []
    for design in document.get("designs") or ():
        for view in design.get("reproductions") or ():
            row = by_sha.get(view.get("sha256")) or _row_by_file(rows, view.get("file"))
            if row is None:
                raise SubmissionError(f"Reproduction {view.get('number')} has no stored file.")
            out.append(
                _file_entry(
                    row,
                    "reproduction",
                    number=view.get("number"),
                    design=design.get("number"),
                    legend_code=view.get("legend_code"),
                    legend_text=view.get("legend_text"),
                    width_px=row.width_px,
                    height_px=row.height_px,
                    dpi=row.dpi,
                    mode=row.mode,
                )
            )
    return out


def _row_by_file(rows, name):
    return next((row for row in rows if name and row.file.name == name), None)


def _attachment_files(draft) -> list[dict]:
    return [
        _file_entry(row, "attachment", kind=row.kind, original_name=row.original_name)
        for row in draft.attachments.all()
    ]


def _file_entry(row, role: str, **extra) -> dict:
    digest = _sha256_of(row.file)
    if row.sha256 and digest != row.sha256:
        raise SubmissionError(f"{row.file.name} changed since it was uploaded.")
    return {"role": role, "path": row.file.name, "sha256": digest, "size": row.file.size, **extra}


def _sha256_of(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- jobs: sending -----------------------------------------------------------------------------


def jobs_enqueue(*, job_ids) -> int:
    """Send each job to the broker; a job the broker does not take stays queued (enqueued_at
    null) for `jobs_resend`. Returns how many were sent. Never raises: the submission stands.

    The first refusal ends the round: the broker is down, and each further job would wait out
    the same connection timeouts (settings, CELERY_BROKER_TRANSPORT_OPTIONS) while the
    applicant waits for the page after Submit."""
    from .tasks import job_run_task

    sent = 0
    for position, job_id in enumerate(job_ids):
        try:
            job_run_task.apply_async(args=[job_id], retry=False)
        except Exception as exc:  # noqa: BLE001 - any broker failure: leave it to jobs_resend
            logger.warning(
                "jobs %s not sent to the broker (%s); jobs_resend will retry",
                list(job_ids)[position:],
                exc,
            )
            break
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(enqueued_at=timezone.now())
        sent += 1
    return sent


def jobs_resend() -> int:
    """Re-send jobs the broker never received or lost: queued and never (or long ago) sent, or
    running with an expired lease (its worker died and the message did not come back)."""
    now = timezone.now()
    lost = Job.objects.filter(
        Q(status=JobStatus.QUEUED, enqueued_at__isnull=True)
        | Q(status=JobStatus.QUEUED, enqueued_at__lt=now - STALE_QUEUED)
        | Q(status=JobStatus.RUNNING, lease_until__lt=now)
    )
    return jobs_enqueue(job_ids=list(lost.values_list("pk", flat=True)))


def job_requeue(*, job: Job) -> bool:
    """Staff retry of a failed job (admin action): back to queued, sent after commit."""
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
            status=JobStatus.QUEUED, attempts=0, last_error="", enqueued_at=None, task_id=""
        )
        if updated:
            transaction.on_commit(lambda: jobs_enqueue(job_ids=[job.pk]))
    return bool(updated)


# --- jobs: running -----------------------------------------------------------------------------


def job_claim(*, job_id: int, task_id: str) -> Job | None:
    """Take the job with a conditional UPDATE; None if it is done or held by a live worker.

    Claimable: queued; or running but held by this very task id (the message was redelivered
    because the worker running it died) or with an expired lease.
    """
    now = timezone.now()
    claimable = Q(status=JobStatus.QUEUED) | Q(
        Q(task_id=task_id) | Q(lease_until__lt=now), status=JobStatus.RUNNING
    )
    updated = Job.objects.filter(claimable, pk=job_id).update(
        status=JobStatus.RUNNING,
        task_id=task_id,
        lease_until=now + job_lease(),
        attempts=F("attempts") + 1,
        started_at=now,
    )
    return Job.objects.select_related("submission").get(pk=job_id) if updated else None


def job_run(*, job_id: int, task_id: str) -> str:
    """Run one job once; returns what happened ("done", or "skipped" if not claimable)."""
    from .pipeline import STEPS

    job = job_claim(job_id=job_id, task_id=task_id)
    if job is None:
        logger.info("job %s skipped: done, or held by a live worker", job_id)
        return "skipped"
    with job_heartbeat(job_id=job_id, task_id=task_id):
        STEPS[job.kind](job.submission)
    _job_finish(job, task_id, status=JobStatus.DONE, error="")
    logger.info(
        "job %s (%s) of %s done", job_id, job.kind, job.submission.number, extra={"job": job_id}
    )
    return "done"


@contextmanager
def job_heartbeat(*, job_id: int, task_id: str):
    """Renew the job's lease every JOB_HEARTBEAT_SECONDS while the block runs.

    A thread, so a render that takes minutes keeps its lease while it works; when the worker
    dies the thread dies with it, the lease runs out and jobs_resend hands the job on.
    """
    stop = threading.Event()
    beat = threading.Thread(
        target=_heartbeat, args=(job_id, task_id, stop), name=f"job-{job_id}-heartbeat"
    )
    beat.daemon = True
    beat.start()
    try:
        yield
    finally:
        stop.set()
        beat.join()


def _heartbeat(job_id: int, task_id: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            try:
                Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, task_id=task_id).update(
                    lease_until=timezone.now() + job_lease()
                )
            except DatabaseError as exc:  # the next beat tries again; the lease has slack
                logger.warning("job %s: lease not renewed (%s)", job_id, exc)
    finally:
        connections.close_all()  # this thread's own database connection


def job_retry_later(*, job_id: int, task_id: str, error: str) -> None:
    """A failed attempt that will be retried (the retry message is already in the broker)."""
    _job_finish(
        Job(pk=job_id), task_id, status=JobStatus.QUEUED, error=error, enqueued_at=timezone.now()
    )


def job_fail(*, job_id: int, task_id: str, error: str) -> None:
    """Gave up after its retries: failed, visible to staff, who may retry it."""
    _job_finish(Job(pk=job_id), task_id, status=JobStatus.FAILED, error=error)


def _job_finish(job: Job, task_id: str, *, status: str, error: str, **extra) -> None:
    # Only the holder finishes the job: a late duplicate cannot overwrite its outcome.
    Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, task_id=task_id).update(
        status=status,
        last_error=error[:4000],
        lease_until=None,
        finished_at=timezone.now() if status in (JobStatus.DONE, JobStatus.FAILED) else None,
        **extra,
    )
