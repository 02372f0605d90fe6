"""The whole loop after filing with a real Celery worker (and beat), real Redis and PostgreSQL:
filed -> checks (worker) -> raise -> invitation e-mail (worker, exactly one) -> respond -> accept
-> register; and a time limit that passes -> considered abandoned by the beat task."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from hague_portal.examination import services
from hague_portal.examination.models import Examination, ExaminationStatus, Invitation
from hague_portal.examination.services.common import long_date
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import Irregularity
from tests.submissions.conftest import make_draft, submit
from tests.submissions.test_worker import pipeline, sent_emails, wait_done  # noqa: F401
from tests.submissions.worker import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = ExaminationStatus
TIMEOUT = 120


def emails_to(mail_dir, address: str, subject_part: str) -> list:
    return [
        m
        for m in sent_emails(mail_dir)
        if m["To"] == address and subject_part in " ".join(str(m["Subject"]).split())
    ]


def body_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


def pay_from_current_account(submission, user):
    account = CurrentAccount.objects.create(
        number="CA-LOOP", holder_name=str(user), owner_user=user, balance=Decimal("10000")
    )
    payment_create(
        submission=submission, user=user, method=PaymentMethod.CURRENT_ACCOUNT, account=account
    )


def test_raise_notify_respond_accept_register_with_a_real_worker(pipeline, alice, erik):  # noqa: F811
    worker = pipeline["start"]()
    submission = wait_done(submit(make_draft(alice, designs=1, views=2), alice), worker)
    examination = Examination.objects.get(pk=submission.pk)
    assert examination.status == S.EXAMINATION  # the check job (in the worker) queued it
    pay_from_current_account(submission, alice)

    services.irregularity_raise(
        examination=examination, by=erik, category="description", message="", parties=["EM"]
    )
    invitation = services.invitation_send(examination=examination, by=erik)

    def invitation_mails():
        return emails_to(pipeline["mail"], alice.email, "Invitation to correct irregularities")

    (alert,) = wait_until(
        invitation_mails, timeout=TIMEOUT, what="invitation e-mail", worker=worker
    )
    body = body_of(alert)
    assert long_date(invitation.time_limit) in body
    link = re.search(r"https?://\S+/inbox/link/(\S+?)/", body)
    assert link, body  # a signed download link, not the PDF in the clear
    assert not [p for p in alert.walk() if p.get_content_type() == "application/pdf"]

    document = {**submission.document, "description": "A chair with a curved back."}
    response = services.response_submit(
        invitation=invitation, user=alice, message="Added.", document=document, files=[]
    )
    ids = Irregularity.objects.filter(invitation=invitation).values_list("pk", flat=True)
    services.irregularities_accept(examination=examination, by=erik, irregularity_ids=ids)
    examination = services.examination_register(
        examination=Examination.objects.get(pk=submission.pk), by=erik
    )
    assert examination.status == S.REGISTERED and examination.revision == response.revision
    # Article 10(2): the description was required by no designated party here, but the kind
    # postpones the date; the correction arrived today, as did the filing.
    assert examination.registration_date == geneva_today()
    registered = wait_until(
        lambda: emails_to(pipeline["mail"], alice.email, examination.registration_number),
        timeout=TIMEOUT,
        what="registration e-mail",
        worker=worker,
    )
    assert len(registered) == 1
    # Exactly one alert per notification: the invitation, the remedy and the registration.
    assert len(invitation_mails()) == 1
    assert len(emails_to(pipeline["mail"], alice.email, submission.number)) == 3


def test_a_passed_time_limit_abandons_the_application_through_beat(pipeline, alice, erik):  # noqa: F811
    worker = pipeline["start"](beat=True, EXAMINATION_BEAT_SECONDS="1")
    submission = wait_done(submit(make_draft(alice, designs=1, views=2), alice), worker)
    examination = Examination.objects.get(pk=submission.pk)
    services.irregularity_raise(examination=examination, by=erik, category="product", message="")
    invitation = services.invitation_send(examination=examination, by=erik)
    # The time limit ended on the last day the International Bureau was open before today (as
    # if the invitation were three months old): a Saturday or Sunday would run on to Monday
    # under Rule 4(4), and beat rightly carries it there first.
    ref, ended = reference_data(), geneva_today() - timedelta(days=1)
    while ref.ib_closed(ended):
        ended -= timedelta(days=1)
    Irregularity.objects.filter(invitation=invitation).update(time_limit=ended)
    Invitation.objects.filter(pk=invitation.pk).update(time_limit=ended)

    def abandoned():
        return Examination.objects.filter(pk=submission.pk, status=S.ABANDONED).exists()

    wait_until(abandoned, timeout=TIMEOUT, what="abandoned by beat", worker=worker)
    notices = wait_until(
        lambda: emails_to(pipeline["mail"], alice.email, "abandoned"),
        timeout=TIMEOUT,
        what="abandonment e-mail",
        worker=worker,
    )
    assert len(notices) == 1
