"""Staff see in the admin what was sent and to whom; nobody edits or deletes it there."""

import pytest
from django.urls import reverse

from ..conftest import totp_now
from .conftest import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, erik, password):
    client.post(reverse("account_login"), {"login": erik.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    return client


def test_staff_see_each_notification_with_its_recipients_read_only(staff_client, acme_filing):
    notification = notify(acme_filing)
    listing = staff_client.get(reverse("admin:notifications_notification_changelist"))
    assert listing.status_code == 200 and notification.title.encode() in listing.content
    page = staff_client.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    )
    assert page.status_code == 200
    for name in (b"Bob Representative", b"Vera Viewer", b"Fiona Firm-Admin"):
        assert name in page.content
    assert b"Charlie" not in page.content
    assert b'name="_save"' not in page.content  # read-only: no save button
    delete = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
