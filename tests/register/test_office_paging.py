"""The Office's list reads a page in its second half backwards from the end (bench/office.py:
the last of 3,600 pages cost as much as the 200 ms budget): every page holds the rows, in the
order, that reading forwards gives."""

import uuid
from datetime import date, timedelta

from django.utils import timezone

from hague_portal.examination.models import Examination
from hague_portal.filings.models import Draft
from hague_portal.register.models import Designation, Registration
from hague_portal.register.selectors_office import office_designations, office_page
from hague_portal.submissions.models import Submission

TODAY = date(2027, 2, 1)


def _registration(user, n: int, *, period_end: date | None) -> None:
    draft = Draft.objects.create(
        id=uuid.uuid4(), created_by=user, updated_by=user, status="submitted", title=""
    )
    submission = Submission.objects.create(
        number=f"WIPO{n:06d}",
        draft=draft,
        created_by=user,
        received_at=timezone.now(),
        document={},
        document_sha256="0" * 64,
        files=[],
        fees={},
        fees_sha256="0" * 64,
        fees_total=1000,
        correspondence_email="holder@example.com",
    )
    Examination.objects.create(
        submission=submission, status="registered", received_at=timezone.now(), fees_expected=0
    )
    registration = Registration.objects.create(
        examination_id=submission.pk,
        number=f"DM/{n:06d}",
        registration_date=date(2026, 1, 5),
        publication_date=date(2027, 1, 5),
        published_on=date(2027, 1, 5),
        holder_name=f"Holder {n}",
    )
    Designation.objects.create(
        registration=registration,
        party="US",
        refusal_period_months=6,
        refusal_period_end=period_end,
    )


def test_each_page_holds_what_reading_forwards_gives(olivia):
    # ties on the period's end (broken by the number) and periods not set yet (last)
    ends = [date(2027, 7, 5) + timedelta(days=n % 3) if n % 4 else None for n in range(1, 12)]
    for n, end in enumerate(ends, start=1):
        _registration(olivia, 12 - n, period_end=end)
    rows = office_designations(user=olivia, today=TODAY)
    forwards = [d.registration.number for d in rows]
    assert len(forwards) == 11
    pages = [
        [d.registration.number for d in office_page(rows, number, per_page=3)]
        for number in range(1, 5)
    ]
    assert pages == [forwards[0:3], forwards[3:6], forwards[6:9], forwards[9:11]]
    past_the_end = office_page(rows, 99, per_page=3)
    assert past_the_end.number == 4
    assert [d.registration.number for d in past_the_end] == forwards[9:11]
    assert forwards[-2:] == ["DM/000004", "DM/000008"]  # periods not set: at the end, by number
