"""After filing: status, invitations and responses, notifications, and webhooks told of them."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from hague_portal.api import webhooks
from hague_portal.api.models import DeliveryStatus, WebhookDelivery
from hague_portal.examination import services as examination
from tests.submissions.conftest import make_draft, submit

from .v1_helpers import api_for, post_json
from .webhook_helpers import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(alice, media):
    submission = submit(make_draft(alice, designs=2, views=2), alice)
    examination.examination_checks_done(submission=submission)
    return submission


def invite(submission, erik):
    exam = submission.examination
    examination.irregularity_raise(
        examination=exam, by=erik, category="description", message="", parties=["EM"]
    )
    return examination.invitation_send(examination=exam, by=erik)


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on 127.0.0.1
    server = Receiver()
    yield server
    server.close()


def test_the_applicant_follows_the_status_and_answers_an_invitation_through_the_api(
    alice, filed, erik
):
    api = api_for(alice)
    invite(filed, erik)
    detail = api.get(f"/api/v1/applications/{filed.number}/").json()
    assert detail["status"] == "irregular"
    (invitation,) = detail["invitations"]
    assert invitation["answerable"] and invitation["irregularities"][0]["status"] == "invited"
    url = f"/api/v1/applications/{filed.number}/invitations/1/responses/"
    corrected = {**filed.document, "description": "A chair with three legs."}
    answered = post_json(api, url, {"message": "Corrected as asked.", "document": corrected})
    assert answered.status_code == 201, answered.json()
    assert answered.json()["revision"] == 1
    assert api.get(f"/api/v1/applications/{filed.number}/").json()["status"] == "responded"


def test_a_response_to_an_invitation_that_does_not_exist_is_404(alice, filed):
    url = f"/api/v1/applications/{filed.number}/invitations/9/responses/"
    assert post_json(api_for(alice), url, {"message": "x"}).status_code == 404


def test_the_inbox_lists_the_invitation_with_its_letter_for_the_applicant_only(
    alice, charlie, filed, erik
):
    invite(filed, erik)
    (note,) = api_for(alice).get("/api/v1/notifications/").json()["results"]
    assert note["application"] == filed.number and note["kind"] == "invitation"
    letter = api_for(alice).get(note["pdf_url"])
    assert letter.status_code == 200
    assert api_for(charlie).get(note["pdf_url"]).status_code == 404
    assert api_for(charlie).get("/api/v1/notifications/").json()["count"] == 0


def test_a_webhook_gets_the_status_change_and_the_notification_signed(alice, filed, erik, receiver):
    created = post_json(
        api_for(alice),
        "/api/v1/webhooks/",
        {"url": receiver.url, "events": ["application.status_changed", "notification.created"]},
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    invite(filed, erik)
    rows = WebhookDelivery.objects.order_by("created_at")
    assert {row.event for row in rows} == {"application.status_changed", "notification.created"}
    for row in rows:
        assert webhooks.delivery_send(delivery_id=row.pk) == "sent"
    for headers, body in receiver.received:
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Hague-Signature"] == f"sha256={expected}"
        assert json.loads(body)["application"] == filed.number
    log = api_for(alice).get(f"/api/v1/webhooks/{created.json()['id']}/").json()
    assert {d["status"] for d in log["deliveries"]} == {"sent"}
    assert "secret" not in log


def test_a_webhook_hears_the_status_change_when_a_lapse_removes_a_designation(
    alice, filed, erik, receiver
):
    """The EM-only description irregularity is not remedied in time: EM is deemed not
    designated (Article 5(2)) and the application, irregular until then, goes back under
    examination for CH; the webhook hears that transition as it hears the others."""
    webhooks.webhook_create(user=alice, url=receiver.url, events=["application.status_changed"])
    invite(filed, erik)
    WebhookDelivery.objects.all().delete()  # the invitation's own irregular transition
    with time_machine.travel(timezone.now() + timedelta(days=120), tick=False):
        assert examination.examinations_lapse() == examination.LapseResult(0, 1)
        (row,) = WebhookDelivery.objects.all()
        assert row.payload["data"] == {
            "status": "examination",
            "previous_status": "irregular",
            "action": "designation.removed",
        }
        assert webhooks.delivery_send(delivery_id=row.pk) == "sent"
    ((_, body),) = receiver.received
    assert json.loads(body)["application"] == filed.number


def test_a_failing_endpoint_is_retried_later_with_a_growing_delay(alice, filed, erik, receiver):
    receiver.status = 500
    webhooks.webhook_create(user=alice, url=receiver.url, events=["notification.created"])
    invite(filed, erik)
    row = WebhookDelivery.objects.get()
    assert webhooks.delivery_send(delivery_id=row.pk) == "retry"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING and row.response_status == 500
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=20)
    assert webhooks.delivery_send(delivery_id=row.pk) == "skipped"  # not due yet
    WebhookDelivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    receiver.status = 204
    assert webhooks.delivery_send(delivery_id=row.pk) == "sent"


def test_an_outsiders_webhook_hears_nothing_of_the_application(
    alice, charlie, filed, erik, receiver
):
    webhooks.webhook_create(user=charlie, url=receiver.url, events=["notification.created"])
    invite(filed, erik)
    assert not WebhookDelivery.objects.exists()


def test_a_firm_webhook_is_made_by_a_firm_admin_only(bob, fiona, bobs_firm, receiver):
    body = {"url": receiver.url, "events": ["notification.created"], "firm": bobs_firm.pk}
    assert post_json(api_for(bob), "/api/v1/webhooks/", body).status_code == 403
    assert post_json(api_for(fiona), "/api/v1/webhooks/", body).status_code == 201
    assert len(api_for(bob).get("/api/v1/webhooks/").json()["results"]) == 0


def test_a_webhook_without_a_url_or_events_is_refused_at_its_fields(alice):
    response = post_json(api_for(alice), "/api/v1/webhooks/", {"url": "nope", "events": []})
    assert response.status_code == 400
    assert {e["path"] for e in response.json()["errors"]} == {"url", "events"}


@pytest.fixture
def eager_celery():
    """Tasks run in-process when sent (the task code is the real one; no broker here)."""
    from hague_portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_a_delivery_is_sent_by_its_task_once_the_event_is_committed(
    alice, filed, erik, receiver, eager_celery, django_capture_on_commit_callbacks
):
    webhooks.webhook_create(user=alice, url=receiver.url, events=["notification.created"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(filed, erik)
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING  # not before commit
    assert not receiver.received
    for callback in callbacks:
        callback()
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SENT
    assert json.loads(receiver.received[0][1])["event"] == "notification.created"


def test_the_beat_sends_again_what_is_due_and_leaves_what_is_not(
    alice, filed, erik, receiver, eager_celery
):
    webhooks.webhook_create(user=alice, url=receiver.url, events=["notification.created"])
    invite(filed, erik)  # its after-commit send never ran: as if the broker had lost it
    assert webhooks.deliveries_resend() == 1
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SENT
    assert webhooks.deliveries_resend() == 0
