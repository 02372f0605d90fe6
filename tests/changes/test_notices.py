"""What each side of a change is told, and under which kind (issue 23; Article 16(4)): the
recording to the holder, the new holder and the representative's firm; the invitation, the
abandonment and the refusal of a request to the requester's side; each reaches the webhooks."""

from datetime import date

import pytest

from hague_portal.api.models import Webhook, WebhookDelivery
from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind
from hague_portal.notifications.models import NotificationKind, Recipient

from .conftest import TODAY, ownership

pytestmark = pytest.mark.django_db


def file(registration, user, kind, data):
    return services.change_file(
        registration=registration, kind=kind, user=user, data=data, today=TODAY
    )


def kinds_told(user) -> list[str]:
    return list(
        Recipient.objects.filter(user=user)
        .exclude(notification__event__kind__startswith="application.")
        .order_by("id")
        .values_list("notification__kind", flat=True)
    )


def test_the_old_and_the_new_holder_are_told_of_the_transfer_as_a_change_recorded(
    registered, alice, bob, erik
):
    services.change_record(
        request=file(registered, alice, ChangeKind.OWNERSHIP, ownership()), by=erik, today=TODAY
    )
    assert kinds_told(alice) == [NotificationKind.CHANGE_RECORDED]
    assert kinds_told(bob) == [NotificationKind.CHANGE_RECORDED]


def test_the_firm_appointed_representative_is_told_as_a_change_recorded(
    registered, alice, erik, bobs_firm, fiona
):
    new = {"name": "Bob & Partners", "address": "Geneva", "firm_id": bobs_firm.pk}
    change = file(registered, alice, ChangeKind.REPRESENTATIVE, {"action": "appoint", "new": new})
    services.representative_answer(request=change, user=fiona, accept=True)
    services.change_record(request=change, by=erik, today=TODAY)
    assert kinds_told(fiona) == [NotificationKind.CHANGE_RECORDED]
    assert kinds_told(alice) == [NotificationKind.CHANGE_RECORDED]


@pytest.mark.parametrize(
    "kind, data",
    [
        (ChangeKind.NAME_ADDRESS, {"new": {"address": "2 Avenue de France", "country": "FR"}}),
        (ChangeKind.LIMITATION, {"parties": ["EM"], "designs": [2]}),
        (ChangeKind.RENUNCIATION, {"parties": ["US"]}),
    ],
)
def test_every_recording_is_a_change_recorded(registered, alice, erik, kind, data):
    services.change_record(request=file(registered, alice, kind, data), by=erik, today=TODAY)
    assert kinds_told(alice) == [NotificationKind.CHANGE_RECORDED]


def test_an_irregular_request_is_an_invitation_then_its_abandonment(registered, alice, erik):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_invite(request=change, by=erik, text="Sign it.", today=TODAY)
    services.changes_abandon(today=date(2026, 6, 3))
    assert kinds_told(alice) == [
        NotificationKind.CHANGE_INVITATION,
        NotificationKind.CHANGE_ABANDONED,
    ]


def test_a_refused_request_tells_the_requester_why(registered, alice, erik, charlie):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_refuse(request=change, by=erik, reason="Not signed by the holder.")
    (told,) = Recipient.objects.filter(notification__kind=NotificationKind.CHANGE_REFUSED)
    assert told.user == alice
    assert "Not signed by the holder." in told.notification.body
    assert registered.number in told.notification.title
    assert kinds_told(charlie) == []


def test_a_refusal_reaches_the_webhooks_as_a_notification(registered, alice, erik):
    hook = Webhook.objects.create(
        user=alice, url="https://example.test/hook", secret="s", events=["notification.created"]
    )
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_refuse(request=change, by=erik, reason="Not signed by the holder.")
    kinds = [d.payload["data"]["kind"] for d in WebhookDelivery.objects.filter(webhook=hook)]
    assert NotificationKind.CHANGE_REFUSED in kinds


def test_the_invitations_page_in_the_inbox_sends_the_requester_to_respond(
    client, registered, alice, erik
):
    from django.urls import reverse

    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_invite(request=change, by=erik, text="Sign it.", today=TODAY)
    (told,) = Recipient.objects.filter(notification__kind=NotificationKind.CHANGE_INVITATION)
    client.force_login(alice)
    html = client.get(reverse("inbox:detail", args=[told.notification_id])).content.decode()
    assert "Invitation to correct a request to record a change" in html
    assert "Respond on the application" in html


def test_the_change_notices_sent_as_messages_take_their_kinds(registered, alice, erik):
    """Migration notifications.0011_change_kinds: the notices sent before the kinds existed."""
    from importlib import import_module

    from django.apps import apps

    from hague_portal.notifications.models import Notification

    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_invite(request=change, by=erik, text="Sign it.", today=TODAY)
    services.changes_abandon(today=date(2026, 6, 3))
    notices = Notification.objects.filter(event__kind__startswith="change.")
    notices.update(kind=NotificationKind.MESSAGE)
    import_module("hague_portal.notifications.migrations.0011_change_kinds").reclassify(apps, None)
    assert sorted(notices.values_list("kind", flat=True)) == [
        NotificationKind.CHANGE_ABANDONED,
        NotificationKind.CHANGE_INVITATION,
    ]
