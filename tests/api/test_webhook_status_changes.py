"""Every change of an application's status reaches its webhooks (issue 19): one
`application.status_changed` POST per transition, at a real receiver, whichever service makes
the change: the check job, the examiner's invitations, acceptances and registration, the
applicant's response, a payment, the time limit's lapse.
"""

import json
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from hague_portal.api import webhooks
from hague_portal.api.models import DeliveryStatus, WebhookDelivery
from hague_portal.examination import services
from hague_portal.examination.models import Examination, ExaminationStatus
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.submissions import pipeline
from tests.submissions.conftest import make_draft, submit

from .webhook_helpers import Receiver

pytestmark = pytest.mark.django_db
S = ExaminationStatus


@pytest.fixture
def receiver(alice, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on 127.0.0.1
    server = Receiver()
    webhooks.webhook_create(user=alice, url=server.url, events=["application.status_changed"])
    yield server
    server.close()


@pytest.fixture
def received(alice, media, receiver):
    """Alice's application as filed: received, its check job not yet run."""
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    return Examination.objects.select_related("submission").get(pk=submission.pk)


def heard(receiver) -> list[tuple[str, str]]:
    """Send every delivery due, then what the receiver was told since last asked."""
    for row in WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING):
        assert webhooks.delivery_send(delivery_id=row.pk) == "sent"
    data = [json.loads(body)["data"] for _, body in receiver.received]
    receiver.received.clear()
    return [(d["previous_status"], d["status"]) for d in data]


def reload(examination) -> Examination:
    return Examination.objects.select_related("submission").get(pk=examination.pk)


# --- the steps of a walk: each makes one transition through the service that makes it ----------


def check_job(exam, who):
    pipeline.submission_check(exam.submission)


def invite(exam, who, category="product"):
    services.irregularity_raise(examination=exam, by=who.erik, category=category, message="")
    services.invitation_send(examination=exam, by=who.erik)


def respond(exam, who):
    invitation = exam.invitations.order_by("-sequence").first()
    document = exam.submission.document
    services.response_submit(
        invitation=invitation, user=who.alice, message="", document=document, files=[]
    )


def invite_again(exam, who):
    # The response did not remedy it: the answered irregularity is invited again.
    services.invitation_again(examination=exam, by=who.erik)


def accept(exam, who):
    ids = exam.submission.irregularities.values_list("pk", flat=True)
    services.irregularities_accept(examination=exam, by=who.erik, irregularity_ids=list(ids))


def register(exam, who):
    pay(exam, who)  # the fees in full first (no status change)
    services.examination_register(examination=exam, by=who.erik)


def invite_to_pay(exam, who):
    pay(exam, who)
    services.irregularity_raise(
        examination=exam, by=who.erik, category="fees", message="", amount="150.00"
    )
    services.invitation_send(examination=exam, by=who.erik)


def pay(exam, who):
    account, _ = CurrentAccount.objects.get_or_create(
        number="CA-ALICE",
        defaults={"holder_name": "Alice", "owner_user": who.alice, "balance": Decimal("10000")},
    )
    payment_create(
        submission=exam.submission,
        user=who.alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )


def invite_for_em_only(exam, who):
    services.irregularity_raise(
        examination=exam, by=who.erik, category="description", message="", parties=["EM"]
    )
    services.invitation_send(examination=exam, by=who.erik)


def withdraw(exam, who):
    services.application_withdraw(examination=exam, by=who.alice)


def lapse(exam, who):
    # Rule 14(1): three months from the invitation; four later the time limit has passed.
    who.clock.shift(timedelta(days=120))
    services.examinations_lapse()


WALKS = {
    "examination, response, registration": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite, (S.EXAMINATION, S.IRREGULAR)),
        (respond, (S.IRREGULAR, S.RESPONDED)),
        (invite_again, (S.RESPONDED, S.IRREGULAR)),
        (respond, (S.IRREGULAR, S.RESPONDED)),
        (accept, (S.RESPONDED, S.EXAMINATION)),
        (register, (S.EXAMINATION, S.REGISTERED)),
    ],
    "accepted without a response": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite, (S.EXAMINATION, S.IRREGULAR)),
        (accept, (S.IRREGULAR, S.EXAMINATION)),
    ],
    "a fee irregularity remedied by paying": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite_to_pay, (S.EXAMINATION, S.IRREGULAR)),
        (pay, (S.IRREGULAR, S.EXAMINATION)),
    ],
    "abandoned at the time limit": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite, (S.EXAMINATION, S.IRREGULAR)),
        (lapse, (S.IRREGULAR, S.ABANDONED)),
    ],
    "withdrawn by the applicant": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite, (S.EXAMINATION, S.IRREGULAR)),
        (withdraw, (S.IRREGULAR, S.WITHDRAWN)),
    ],
    "a designation lapses": [
        (check_job, (S.RECEIVED, S.EXAMINATION)),
        (invite_for_em_only, (S.EXAMINATION, S.IRREGULAR)),
        (lapse, (S.IRREGULAR, S.EXAMINATION)),
    ],
}


@pytest.mark.parametrize("walk", WALKS, ids=list(WALKS))
def test_each_status_change_reaches_the_webhook_once(walk, received, erik, alice, receiver):
    with time_machine.travel(timezone.now(), tick=True) as clock:  # a lapse moves it on
        who = SimpleNamespace(erik=erik, alice=alice, clock=clock)
        for step, transition in WALKS[walk]:
            step(reload(received), who)
            assert heard(receiver) == [transition], step.__name__
    assert reload(received).status == WALKS[walk][-1][1][1]


def test_the_walks_go_through_every_status():
    transitions = {transition for steps in WALKS.values() for _, transition in steps}
    assert {before for before, _ in transitions} | {after for _, after in transitions} == set(S)
