"""A failed delivery is retried on the schedule docs/api-quickstart.md states ("Webhooks"): after
30 s, 1, 2, 4 ... minutes, 8 attempts in all. The due times are those recorded on the delivery
row, and each retry is handed to the broker due at that time: the beat, which runs once a
minute, only sends what the broker lost (it alone made a 30 s retry wait 79 s)."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from hague_portal.api.models import DeliveryStatus
from hague_portal.celery import app

from .webhook_helpers import delivery, send

pytestmark = pytest.mark.django_db

DOCUMENTED = [30, 60, 120, 240, 480, 960, 1920]  # seconds before attempts 2 to 8


@pytest.fixture
def failing(receivers, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on 127.0.0.1
    return receivers(500)


def test_a_failing_delivery_is_retried_on_the_documented_schedule(alice, failing):
    row = delivery(alice, failing.url)
    delays = []
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in DOCUMENTED:
            failed_at = timezone.now()
            assert send(row) == "retry"
            delays.append((row.next_attempt_at - failed_at).total_seconds())
            assert send(row) == "skipped"  # not before it is due
            clock.move_to(row.next_attempt_at)
        assert send(row) == "failed"
    assert delays == DOCUMENTED
    assert (row.status, row.attempts, len(failing.received)) == (DeliveryStatus.FAILED, 8, 8)


def test_a_retry_is_handed_to_the_broker_due_at_its_time(
    alice, failing, django_capture_on_commit_callbacks
):
    row = delivery(alice, failing.url)
    with django_capture_on_commit_callbacks(execute=True):
        assert send(row) == "retry"
    headers, args = broker_message(task="hague_portal.api.tasks.webhook_deliver")
    assert args == [str(row.pk)]
    assert datetime.fromisoformat(headers["eta"]) == row.next_attempt_at


def broker_message(*, task: str):
    """The message for `task` waiting in the default queue of the real broker (taken off it;
    any other message is put back)."""
    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue(app.conf.task_default_queue)
        others, found = [], None
        try:
            while found is None:
                message = queue.get(timeout=5)
                if message.headers.get("task") == task:
                    message.ack()
                    found = message.headers, message.decode()[0]
                else:
                    others.append(message)
        finally:
            for message in others:
                message.requeue()
            queue.close()
    return found
