"""Staff of the examination groups signed in with their second factor, and rows for the queue."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.urls import reverse

from hague_portal.accounts.services import user_enrol_totp
from hague_portal.examination.groups import staff_groups_ensure
from hague_portal.examination.models import Examination
from hague_portal.filings.listing import draft_list_columns
from hague_portal.filings.models import Draft
from hague_portal.hague.clock import GENEVA
from hague_portal.submissions.models import Submission
from tests.conftest import TOTP_SECRET, totp_now
from tests.factories import UserFactory

QUEUE = reverse("admin:examination_examination_changelist")


def staff_in(group: str, email: str, name: str):
    staff_groups_ensure()  # a live_server test before this one flushed the migration's rows
    user = UserFactory(email=email, full_name=name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    return user


def sign_in_with_totp(client, user, password):
    client.post(reverse("account_login"), {"login": user.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})


def page_url(examination) -> str:
    return reverse("admin:examination_examination_change", args=[examination.pk])


def act_url(examination, action: str) -> str:
    return reverse("admin:examination_examination_act", args=[examination.pk, action])


def queue_rows(owner, count, *, start=0, parties=("CH", "EM"), status="examination", **fields):
    """`count` filed applications in the queue, straight into the tables (no files)."""
    documents = [
        {
            "applicants": [{"name": f"Applicant {start + i}"}],
            "designations": list(parties),
            "designs": [{"number": 1, "product": "Chair"}],
        }
        for i in range(count)
    ]
    drafts = Draft.objects.bulk_create(
        [Draft(created_by=owner, document=doc, **draft_list_columns(doc)) for doc in documents]
    )
    received = datetime(2026, 10, 1, 9, tzinfo=GENEVA)
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                number=f"WIPO9{start + i:05d}",
                draft=draft,
                created_by=owner,
                received_at=received + timedelta(hours=start + i),
                document=draft.document,
                document_sha256="0" * 64,
                fees={},
                fees_sha256="0" * 64,
                fees_total=Decimal("397.00"),
                correspondence_email="owner@example.test",
            )
            for i, draft in enumerate(drafts)
        ]
    )
    return Examination.objects.bulk_create(
        [
            Examination(
                submission=submission,
                received_at=submission.received_at,
                parties=f" {' '.join(parties)} ",
                fees_expected=Decimal("397.00"),
                status=status,
                **fields,
            )
            for submission in submissions
        ]
    )


def in_days(days: int) -> date:
    from hague_portal.hague.clock import geneva_today

    return geneva_today() + timedelta(days=days)
