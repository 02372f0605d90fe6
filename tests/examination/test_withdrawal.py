"""Withdrawal of an application by the applicant before registration (issue 22): recorded with
its date, open invitations closed, no time limit running, nothing registered or published after,
fees refunded as on abandonment (the Guide's DM/1 chapter is silent on withdrawal: Rule 14(3)'s
"less the basic fee"), and everyone told: inbox, e-mail, webhook, workbench."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from hague_portal.api.models import WebhookDelivery
from hague_portal.api.webhooks import webhook_create
from hague_portal.events.models import Event
from hague_portal.examination import services
from hague_portal.examination.event_words import event_line
from hague_portal.examination.models import ExaminationStatus, InvitationStatus
from hague_portal.filings.models import Draft
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import CurrentAccount, LedgerEntry, PaymentMethod
from hague_portal.payments.services import payment_create

from .test_services import geneva, raise_and_invite, reload

S = ExaminationStatus


@pytest.fixture
def paid(filed, alice):
    """Filed and paid from Alice's current account."""
    account = CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )
    payment_create(
        submission=filed.submission,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )
    return account


def basic_fee(examination) -> Decimal:
    lines = examination.submission.fees["lines"]
    return sum((Decimal(line["amount"]) for line in lines if line["kind"] == "basic"), Decimal(0))


def test_withdrawing_closes_the_application_records_the_date_and_refunds_less_the_basic_fee(
    filed,
    paid,
    erik,
    alice,
):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        raise_and_invite(filed, erik)
    with time_machine.travel(geneva(date(2027, 1, 15)), tick=False):
        services.application_withdraw(examination=filed, by=alice)
    examination = reload(filed)
    assert examination.status == S.WITHDRAWN
    assert examination.withdrawn_at.date() == date(2027, 1, 15)
    assert (examination.time_limit, examination.open_irregularities) == (None, 0)
    assert set(examination.invitations.values_list("status", flat=True)) == {
        InvitationStatus.WITHDRAWN
    }
    refund = filed.submission.fees_total - basic_fee(filed)
    assert examination.refund_amount == refund
    credit = LedgerEntry.objects.get(account=paid, kind=LedgerEntry.Kind.CREDIT)
    assert credit.amount == refund
    assert "withdrawn by the applicant" in credit.description
    event = Event.objects.get(kind="application.withdrawn")
    assert (event.actor, event.before, event.after["withdrawn_on"]) == (
        alice,
        {"status": "irregular"},
        "2027-01-15",
    )
    assert event_line(event) == (
        f"Withdrawn by the applicant on 15 January 2027; {refund:.2f} CHF refunded (fees paid "
        "less the basic fee)"
    )
    assert event_line(Event.objects.get(kind="refund.made")).endswith(
        "owed by transfer (withdrawal)"
    )


def test_a_withdrawn_application_is_never_registered_nor_lapses(filed, paid, erik, alice):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        raise_and_invite(filed, erik)
        services.application_withdraw(examination=filed, by=alice)
    with pytest.raises(services.ExaminationError, match="is withdrawn; nothing more"):
        services.examination_register(examination=filed, by=erik)
    with time_machine.travel(geneva(date(2027, 6, 1)), tick=False):
        assert services.examinations_lapse().abandoned == 0
        assert services.examinations_remind() == 0
    examination = reload(filed)
    assert (examination.status, examination.registration_number) == (S.WITHDRAWN, None)
    assert examination.publication_date is None


def test_a_registered_application_cannot_be_withdrawn_and_nothing_changes(filed, paid, erik, alice):
    services.examination_register(examination=filed, by=erik)
    events = Event.objects.count()
    with pytest.raises(services.ExaminationError, match="is registered: only an application not"):
        services.application_withdraw(examination=filed, by=alice)
    assert reload(filed).status == S.REGISTERED
    assert Event.objects.count() == events
    assert not LedgerEntry.objects.filter(account=paid, kind=LedgerEntry.Kind.CREDIT).exists()


def test_withdrawing_twice_is_refused_the_second_time(filed, alice):
    services.application_withdraw(examination=filed, by=alice)
    with pytest.raises(services.ExaminationError, match="is withdrawn"):
        services.application_withdraw(examination=filed, by=alice)
    assert Event.objects.filter(kind="application.withdrawn").count() == 1


def test_only_those_who_may_act_for_the_application_withdraw_it(filed, charlie, erik):
    for user in (charlie, erik):
        with pytest.raises(services.ExaminationError, match="Only the applicant"):
            services.application_withdraw(examination=filed, by=user)
    assert reload(filed).status == S.EXAMINATION


def test_the_withdrawal_reaches_the_inbox_the_webhook_and_the_workbench(filed, alice, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True
    webhook_create(
        user=alice,
        url="http://127.0.0.1:9/hook",
        events=["application.status_changed", "notification.created"],
    )
    services.application_withdraw(examination=filed, by=alice)
    notification = Notification.objects.get(kind=NotificationKind.WITHDRAWN)
    assert notification.title == f"Application {filed.submission.number} withdrawn"
    assert "will not be registered or published" in notification.body
    assert notification.recipients.filter(user=alice).exists()
    sent = {d.event: d.payload["data"] for d in WebhookDelivery.objects.all()}
    assert sent["application.status_changed"] == {
        "status": "withdrawn",
        "previous_status": "examination",
        "action": "application.withdrawn",
    }
    assert sent["notification.created"]["kind"] == "withdrawn"
    assert Draft.objects.get(submission=filed.submission).workbench_state == "withdrawn"


def test_the_timeline_ends_with_the_withdrawal(filed, alice):
    from hague_portal.examination.selectors import examination_timeline

    services.application_withdraw(examination=filed, by=alice)
    last = examination_timeline(submission=filed.submission, for_staff=False)[-1]
    assert (last.kind, last.state) == ("withdrawn", "failed")
    assert last.lines[0].startswith("Withdrawn by the applicant on ")
