"""The event stream (issue 21): every transition of an application is one event, written with
the change, and each event reaches each of its consumers once (notifications, webhooks, the
workbench), also when a consumer fails and beat runs it again.

Walks go through the real services (the check job, the examiner's steps, the applicant's response,
a payment, beat's lapse and reminders), with a real webhook receiver on 127.0.0.1.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import psycopg
import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from hague_portal.api import webhooks
from hague_portal.api.models import WebhookDelivery
from hague_portal.events import registry
from hague_portal.events.models import Delivery, DeliveryStatus, Event
from hague_portal.events.services import event_record, events_redeliver, unit
from hague_portal.examination import services
from hague_portal.examination.models import Examination
from hague_portal.filings.models import Draft
from hague_portal.hague.clock import GENEVA
from hague_portal.notifications.models import Notification
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.submissions import pipeline
from tests.api.webhook_helpers import Receiver
from tests.submissions.conftest import make_draft, submit

pytestmark = pytest.mark.django_db


def geneva(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=GENEVA)


@pytest.fixture
def receiver(alice, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on 127.0.0.1
    server = Receiver()
    webhooks.webhook_create(
        user=alice, url=server.url, events=["application.status_changed", "notification.created"]
    )
    yield server
    server.close()


@pytest.fixture
def world(alice, erik, media, reference_db, receiver):
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    account = CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("100000")
    )
    return SimpleNamespace(alice=alice, erik=erik, submission=submission, account=account)


def exam(world) -> Examination:
    return Examination.objects.select_related("submission").get(pk=world.submission.pk)


def walk_to_registration(world):
    """Filed, checked, paid, invited, reminded, answered, invited again, accepted, a fee found
    missing and paid, registered: each through the service that does it."""
    pipeline.submission_check(world.submission)
    payment_create(
        submission=world.submission,
        user=world.alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=world.account,
    )
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        services.irregularity_raise(
            examination=exam(world), by=world.erik, category="product", message=""
        )
        invitation = services.invitation_send(examination=exam(world), by=world.erik)
    with time_machine.travel(geneva(date(2027, 2, 1)), tick=False):
        assert services.examinations_remind() == 1
        services.response_submit(
            invitation=invitation,
            user=world.alice,
            message="",
            document=world.submission.document,
            files=[],
        )
        services.invitation_again(examination=exam(world), by=world.erik)
        row = exam(world).submission.irregularities.get(category="product")
        services.irregularities_accept(
            examination=exam(world), by=world.erik, irregularity_ids=[row.pk]
        )
        services.irregularity_raise(
            examination=exam(world), by=world.erik, category="fees", amount="50.00", message=""
        )
        services.invitation_send(examination=exam(world), by=world.erik)
        payment_create(
            submission=world.submission,
            user=world.alice,
            method=PaymentMethod.CURRENT_ACCOUNT,
            account=world.account,
        )
        services.examination_register(examination=exam(world), by=world.erik)


def test_every_transition_is_one_event_that_reaches_each_of_its_consumers_once(world, receiver):
    walk_to_registration(world)
    events = list(Event.objects.filter(submission=world.submission).order_by("id"))
    kinds = [e.kind for e in events]
    for kind in (
        "application.filed",
        "checks.done",
        "payment.received",
        "irregularity.raised",
        "invitation.sent",
        "reminder.sent",
        "response.submitted",
        "invitation.again",
        "irregularity.remedied",
        "application.registered",
    ):
        assert kind in kinds, kind
    for event in events:
        expected = {c.name for c in registry.consumers_for(event.kind)}
        rows = list(event.deliveries.values_list("consumer", "status", "attempts"))
        assert sorted(rows) == sorted((name, DeliveryStatus.DONE, 1) for name in expected), (
            event.kind
        )
        if "notifications" in expected:
            assert event.notifications.count() == 1, event.kind
    assert Draft.objects.get(pk=world.submission.draft_id).workbench_state == "registered"


def test_each_notification_and_status_change_reaches_the_webhooks_once(world, receiver):
    walk_to_registration(world)
    notifications = Notification.objects.filter(submission=world.submission)
    told = WebhookDelivery.objects.filter(event="notification.created")
    assert sorted(d.payload["data"]["notification"] for d in told) == sorted(
        notifications.values_list("pk", flat=True)
    )
    moved = [
        e
        for e in Event.objects.filter(submission=world.submission)
        if e.kind in webhooks.STATUS_KINDS and e.status_before != e.status_after
    ]
    changed = WebhookDelivery.objects.filter(event="application.status_changed")
    assert changed.count() == len(moved) >= 5


def test_a_consumer_that_fails_is_rolled_back_alone_and_run_again_by_beat(world, receiver):
    pipeline.submission_check(world.submission)
    services.irregularity_raise(
        examination=exam(world), by=world.erik, category="product", message=""
    )
    invitation = services.invitation_send(examination=exam(world), by=world.erik)
    event = Event.objects.get(submission=world.submission, kind="invitation.sent")
    # As if the storage had lost the letter when the notification was made: its notification
    # and webhook undone, their deliveries failed, the file gone.
    storage, name = invitation.letter_pdf.storage, invitation.letter_pdf.name
    with storage.open(name, "rb") as handle:
        pdf = handle.read()
    storage.delete(name)
    Notification.objects.filter(event=event).delete()
    WebhookDelivery.objects.filter(event="notification.created").delete()
    Delivery.objects.filter(event=event, consumer__in=["notifications", "webhooks"]).update(
        status=DeliveryStatus.FAILED, next_attempt_at=timezone.now()
    )

    assert events_redeliver() == 0  # the letter is missing: it fails again, the webhook waits
    failed = event.deliveries.get(consumer="notifications")
    assert failed.status == DeliveryStatus.FAILED and failed.last_error
    assert event.deliveries.get(consumer="webhooks").status == DeliveryStatus.FAILED
    assert not Notification.objects.filter(event=event).exists()
    assert exam(world).status == "irregular"  # the change itself stands

    assert storage.save(name, ContentFile(pdf)) == name  # the storage is back
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert events_redeliver() == 2  # notifications, then the webhook that waited for it
        assert events_redeliver() == 0  # done: never twice
    assert Notification.objects.filter(event=event).count() == 1
    assert WebhookDelivery.objects.filter(event="notification.created").count() == 1


def test_an_event_rolled_back_with_its_change_reaches_no_consumer(world):
    with pytest.raises(RuntimeError), unit():
        event_record(
            submission=world.submission,
            kind="reminder.sent",
            summary="never",
            after={"invitation": 0, "week": True},
        )
        raise RuntimeError("the change fails")
    assert not Event.objects.filter(summary="never").exists()
    assert not Delivery.objects.filter(event__summary="never").exists()


def test_a_delivery_never_dispatched_is_run_by_beat(world):
    pipeline.submission_check(world.submission)
    # Outside a unit the dispatch waits for the commit, which a test's transaction never makes:
    # as when the process dies between the commit and the dispatch.
    event = event_record(
        submission=world.submission,
        kind="checks.done",
        summary="again",
        before={"status": "received"},
        after={"status": "under_examination"},
    )
    assert set(event.deliveries.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    assert events_redeliver() == 0  # too fresh: its own dispatch may still be on its way
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert events_redeliver() == len(registry.consumers_for("checks.done"))
    assert set(event.deliveries.values_list("status", flat=True)) == {DeliveryStatus.DONE}


@pytest.mark.django_db(transaction=True)
def test_a_change_made_on_its_own_reaches_its_consumers_after_its_commit(
    alice, erik, media, reference_db
):
    submission = submit(make_draft(alice, designs=1, views=1), alice)
    pipeline.submission_check(submission)
    seen = []

    def probe(event):
        # Another connection sees the event: it was committed before its consumers ran.
        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            host=settings.get("HOST") or "127.0.0.1",
            port=settings.get("PORT") or 5432,
            user=settings.get("USER") or "postgres",
        ) as other:
            seen.append(
                other.execute(
                    "SELECT count(*) FROM examination_auditevent WHERE id = %s", [event.pk]
                ).fetchone()[0]
            )

    registry.register(registry.Consumer("probe", frozenset({"irregularity.raised"}), probe))
    try:
        services.irregularity_raise(
            examination=Examination.objects.get(pk=submission.pk),
            by=erik,
            category="product",
            message="",
        )
    finally:
        registry.unregister("probe")
    assert seen == [1]


def test_the_lapse_path_is_events_that_reach_each_of_their_consumers_once(world, receiver):
    """The other transitions: a check finding confirmed and another dismissed, an Article 5(2)
    designation lapsing, then the application considered abandoned with its refund."""
    from hague_portal.submissions.models import Irregularity

    pipeline.submission_check(world.submission)
    payment_create(
        submission=world.submission,
        user=world.alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=world.account,
    )
    balance_paid = CurrentAccount.objects.get(pk=world.account.pk).balance
    findings = [
        Irregularity.objects.create(submission=world.submission, code=f"x{n}", message="x")
        for n in (1, 2)
    ]
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        services.irregularity_confirm(irregularity=findings[0], by=world.erik, category="product")
        services.irregularity_dismiss(irregularity=findings[1], by=world.erik)
        services.irregularity_raise(
            examination=exam(world), by=world.erik, category="claim", message="", parties=["CH"]
        )
        services.invitation_send(examination=exam(world), by=world.erik)
    # Rule 14: three months, extended to the next open day (Rule 4(4)); the day after, beat.
    limit = exam(world).submission.irregularities.filter(category="claim").get().time_limit
    with time_machine.travel(geneva(limit + timedelta(days=1)), tick=False):
        services.examinations_lapse(today=limit + timedelta(days=1))

    events = list(Event.objects.filter(submission=world.submission).order_by("id"))
    kinds = [e.kind for e in events]
    for kind in (
        "irregularity.confirmed",
        "irregularity.dismissed",
        "application.abandoned",
        "refund.made",
    ):
        assert kind in kinds, kind
    for event in events:
        expected = {c.name for c in registry.consumers_for(event.kind)}
        rows = list(event.deliveries.values_list("consumer", "status", "attempts"))
        assert sorted(rows) == sorted((name, DeliveryStatus.DONE, 1) for name in expected), (
            event.kind
        )
        if "notifications" in expected:
            assert event.notifications.count() == 1, event.kind
    # The product irregularity abandons the application: the refund reached the account once.
    refund = Event.objects.get(submission=world.submission, kind="refund.made")
    assert CurrentAccount.objects.get(pk=world.account.pk).balance > balance_paid
    assert kinds.count("refund.made") == 1 and refund.after
    assert Draft.objects.get(pk=world.submission.draft_id).workbench_state == "abandoned"


def test_a_designation_lapsing_alone_is_one_event_for_each_consumer(world, receiver):
    pipeline.submission_check(world.submission)
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        services.irregularity_raise(
            examination=exam(world), by=world.erik, category="claim", message="", parties=["CH"]
        )
        services.invitation_send(examination=exam(world), by=world.erik)
    limit = exam(world).submission.irregularities.get(category="claim").time_limit
    with time_machine.travel(geneva(limit + timedelta(days=1)), tick=False):
        result = services.examinations_lapse(today=limit + timedelta(days=1))
    assert (result.abandoned, result.designations_removed) == (0, 1)
    event = Event.objects.get(submission=world.submission, kind="designation.removed")
    expected = {c.name for c in registry.consumers_for("designation.removed")}
    assert {"notifications"} <= expected
    rows = list(event.deliveries.values_list("consumer", "status", "attempts"))
    assert sorted(rows) == sorted((name, DeliveryStatus.DONE, 1) for name in expected)
    assert event.notifications.count() == 1
    assert exam(world).designations_removed == ["CH"]
