"""Registered applications in bulk for the benches of what follows registration (the Bulletin,
the Office's list): drafts, frozen submissions and registered examinations, written with
bulk_create in one go per batch. Each bench adds the Register's rows it needs."""

from __future__ import annotations

import uuid


def registered_batch(user, indexes, rows):
    """One registered application per index (`WIPO` + index + 1), whose examination carries the
    row's registration number and designated parties; returns the submissions, in order."""
    from django.utils import timezone

    from hague_portal.examination.models import Examination
    from hague_portal.filings.models import Draft
    from hague_portal.submissions.models import Submission

    now = timezone.now()
    drafts = Draft.objects.bulk_create(
        Draft(id=uuid.uuid4(), created_by=user, updated_by=user, status="submitted", title="")
        for _ in indexes
    )
    submissions = Submission.objects.bulk_create(
        Submission(
            number=f"WIPO{i + 1:06d}",
            draft=draft,
            created_by=user,
            received_at=now,
            document={},
            document_sha256="0" * 64,
            files=[],
            fees={},
            fees_sha256="0" * 64,
            fees_total=1000,
            correspondence_email="holder@bench.test",
        )
        for i, draft in zip(indexes, drafts, strict=True)
    )
    Examination.objects.bulk_create(
        Examination(
            submission=s,
            status="registered",
            received_at=now,
            parties=" ".join(r["parties"]),
            fees_expected=1000,
            registration_number=r["number"],
        )
        for s, r in zip(submissions, rows, strict=True)
    )
    return submissions
