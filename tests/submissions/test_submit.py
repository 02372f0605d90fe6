"""Submitting: the frozen snapshot, the application number, the job rows, enqueue after commit."""

import hashlib

import pytest
from django.db import transaction
from django.utils import timezone

from hague_portal.filings.models import DraftStatus
from hague_portal.filings.selectors import draft_document
from hague_portal.submissions.models import (
    FrozenSubmissionError,
    Job,
    JobKind,
    JobStatus,
    Submission,
)
from hague_portal.submissions.services import (
    AlreadySubmitted,
    SubmissionError,
    correspondence_email,
    submission_create,
)

from .conftest import document, fees_for, make_draft, submit

pytestmark = pytest.mark.django_db


def test_submission_freezes_the_document_and_the_digest_of_every_file(alice, media, no_broker):
    draft = make_draft(alice, designs=2, views=2)
    submission = submit(draft, alice)
    assert submission.number == "WIPO000001"
    assert submission.document["designs"][1]["reproductions"][1]["number"] == "2.2"
    assert [f["number"] for f in submission.files if f["role"] == "reproduction"] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
    ]
    for entry in submission.files:
        content = (media / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert [f["kind"] for f in submission.files if f["role"] == "attachment"] == ["annex_I"]


def test_submission_records_receipt_time_fees_and_marks_the_draft_submitted(
    alice, media, no_broker
):
    before = timezone.now()
    submission = submit(make_draft(alice), alice)
    assert before <= submission.received_at <= timezone.now()
    assert submission.fees_total == submission.fees_total.quantize(submission.fees_total)
    assert str(submission.fees_total) == submission.fees["total_due_at_filing"]
    assert len(submission.fees_sha256) == 64
    submission.draft.refresh_from_db()
    assert submission.draft.status == DraftStatus.SUBMITTED


def test_submission_records_the_three_jobs_queued(alice, media, no_broker):
    submission = submit(make_draft(alice), alice)
    jobs = list(submission.jobs.order_by("id"))
    assert [j.kind for j in jobs] == [JobKind.CHECKS, JobKind.DM1_PDF, JobKind.ACKNOWLEDGEMENT]
    assert all(j.status == JobStatus.QUEUED for j in jobs)


def test_jobs_are_sent_to_the_broker_only_after_commit(
    alice, media, no_broker, django_capture_on_commit_callbacks
):
    draft = make_draft(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = submit(draft, alice)
    assert no_broker == []  # nothing sent inside the transaction
    for callback in callbacks:
        callback()
    assert sorted(no_broker) == sorted(submission.jobs.values_list("pk", flat=True))
    assert not submission.jobs.filter(enqueued_at__isnull=True).exists()


def test_broker_down_leaves_jobs_queued_and_never_enqueued(
    alice, media, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from hague_portal.submissions import tasks

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.job_run_task, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(make_draft(alice), alice)  # the submission stands
    assert set(submission.jobs.values_list("status", flat=True)) == {JobStatus.QUEUED}
    assert submission.jobs.filter(enqueued_at__isnull=True).count() == 3


@pytest.mark.django_db(transaction=True)
def test_submission_create_outside_a_transaction_is_refused(alice, media):
    draft = make_draft(alice)
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        submission_create(draft=draft, user=alice, document=draft_document(draft), fees={})


def test_a_rolled_back_submission_releases_its_number(alice, media, no_broker):
    first, second = make_draft(alice), make_draft(alice)
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        doc = draft_document(first)
        submission_create(draft=first, user=alice, document=doc, fees=fees_for(doc))
        raise ZeroDivisionError("the caller's transaction fails after the number was taken")
    assert submit(second, alice).number == "WIPO000001"
    assert submit(first, alice).number == "WIPO000002"


def test_a_draft_is_submitted_once(alice, media, no_broker):
    draft = make_draft(alice)
    submit(draft, alice)
    with pytest.raises(AlreadySubmitted):
        submit(draft, alice)
    assert Submission.objects.count() == 1


def test_a_file_changed_since_upload_refuses_the_submission(alice, media, no_broker):
    draft = make_draft(alice)
    reproduction = draft.reproductions.first()
    (media / reproduction.file.name).write_bytes(b"tampered")
    with pytest.raises(SubmissionError, match="changed since it was uploaded"):
        submit(draft, alice)
    assert not Submission.objects.exists()


def test_what_was_filed_cannot_be_changed(alice, media, no_broker):
    submission = submit(make_draft(alice), alice)
    submission.document = {"schema": "tampered"}
    with pytest.raises(FrozenSubmissionError):
        submission.save()
    with pytest.raises(FrozenSubmissionError):
        submission.save(update_fields=["document"])
    submission.findings = {"findings": []}
    submission.save(update_fields=["findings"])  # results of the jobs may be stored


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Guide item 5: the representative's address when one is appointed.
        (
            {
                "representative": {"name": "Bob & Partners", "email": "bob@example.test"},
                "correspondence_email": "all@doe.example",
            },
            "bob@example.test",
        ),
        # Guide item 4: the address given for correspondence with several applicants.
        ({"correspondence_email": "all@doe.example"}, "all@doe.example"),
        # Guide item 4, default: the first applicant's.
        ({}, "jane@doe.example"),
    ],
)
def test_correspondence_goes_where_the_guide_says(changes, expected):
    assert correspondence_email(document(**changes)) == expected


def test_the_acknowledgement_goes_to_the_representative(alice, media, no_broker):
    draft = make_draft(
        alice, representative={"name": "Bob & Partners", "email": "bob@example.test"}
    )
    assert submit(draft, alice).correspondence_email == "bob@example.test"


def test_jobs_have_one_row_per_kind(alice, media, no_broker):
    submission = submit(make_draft(alice), alice)
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(submission=submission, kind=JobKind.DM1_PDF)
