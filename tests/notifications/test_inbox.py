"""The inbox as a user walks it: the header's unread count, the list and its filters, opening a
notification, its PDF, the signed e-mail link, marking all read, the e-mail setting."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hague_portal.notifications.links import link_token
from hague_portal.notifications.models import Preference, Recipient

from .conftest import notify

pytestmark = pytest.mark.django_db


def badge(response) -> str | None:
    """The header's count as a screen reader reads it ("3 unread"), or None."""
    found = re.search(
        rb'id="nav-inbox">Inbox(?: <span class="badge[^"]*">(\d+)<span class="visually-hidden">'
        rb" unread</span>)?",
        response.content,
    )
    assert found, "no Inbox link in the header"
    return f"{found.group(1).decode()} unread" if found.group(1) else None


def test_the_header_counts_unread_notifications_and_the_count_goes_down_when_one_is_read(
    client, alice, alice_filing
):
    first, _ = notify(alice_filing), notify(alice_filing, title="Reminder")
    client.force_login(alice)
    assert badge(client.get(reverse("workbench"))) == "2 unread"
    client.get(reverse("inbox:detail", args=[first.pk]))
    assert badge(client.get(reverse("workbench"))) == "1 unread"
    client.post(reverse("inbox:read_all"))
    assert badge(client.get(reverse("workbench"))) is None


def test_anonymous_visitors_have_no_inbox_link(client):
    assert b"nav-inbox" not in client.get(reverse("fee-calculator")).content


def test_the_inbox_lists_newest_first_with_unread_ones_marked_new(client, alice, alice_filing):
    old = notify(alice_filing, title="Older")
    Recipient.objects.filter(notification=old).update(read_at=timezone.now())
    notify(alice_filing, title="Newer")
    client.force_login(alice)
    page = client.get(reverse("inbox:list")).content.decode()
    assert page.index("Newer") < page.index("Older")
    assert page.count('<tr class="fw-bold">') == 1
    assert page.count('New<span class="visually-hidden"> (unread)</span>') == 1
    assert f'href="/submissions/{alice_filing.number}/"' in page


def test_unread_only_and_the_application_filter_narrow_the_list(
    client, alice, alice_filing, media, reference_db
):
    from tests.submissions.conftest import make_draft, submit

    other = submit(make_draft(alice, designs=1, views=1), alice)
    read = notify(alice_filing, title="Read one")
    Recipient.objects.filter(notification=read).update(read_at=timezone.now())
    notify(alice_filing, title="Unread one")
    notify(other, title="Other application")
    client.force_login(alice)
    unread = client.get(reverse("inbox:list"), {"unread": "on"}).content.decode()
    assert "Unread one" in unread and "Other application" in unread and "Read one" not in unread
    only = client.get(reverse("inbox:list"), {"application": other.number.lower()})
    assert [r.notification.title for r in only.context["page"]] == [
        f"Other application: application {other.number}"
    ]


def test_a_malformed_application_number_is_explained_at_the_field(client, alice, alice_filing):
    notify(alice_filing)
    client.force_login(alice)
    response = client.get(reverse("inbox:list"), {"application": "12345"})
    assert response.status_code == 200
    assert b"WIPO followed by six digits" in response.content
    assert b'value="12345"' in response.content  # what was typed stays


def test_opening_a_notification_marks_it_read_and_shows_body_pdf_and_the_application(
    client, alice, alice_filing
):
    notification = notify(alice_filing)
    client.force_login(alice)
    page = client.get(reverse("inbox:detail", args=[notification.pk])).content.decode()
    assert "Correct them by 1 March 2027." in page
    assert reverse("inbox:pdf", args=[notification.pk]) in page
    assert "Respond on the application's page" in page
    assert Recipient.objects.get(notification=notification).read_at is not None


def test_the_pdf_downloads_marks_read_and_is_not_kept_by_the_browser(client, alice, alice_filing):
    notification = notify(alice_filing)
    client.force_login(alice)
    response = client.get(reverse("inbox:pdf", args=[notification.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert Recipient.objects.get(notification=notification).read_at is not None


@pytest.mark.parametrize("who", ["charlie", "erik", "vera"])
@pytest.mark.parametrize("route", ["inbox:detail", "inbox:pdf"])
def test_a_notification_is_404_for_anyone_but_its_recipients(
    client, request, alice_filing, who, route
):
    notification = notify(alice_filing)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(route, args=[notification.pk])).status_code == 404
    assert Recipient.objects.get(notification=notification).read_at is None


def test_another_users_inbox_shows_nothing_of_alices(client, charlie, alice_filing):
    notify(alice_filing)
    client.force_login(charlie)
    response = client.get(reverse("inbox:list"))
    assert alice_filing.number.encode() not in response.content
    assert badge(response) is None


# --- the signed link of the e-mail --------------------------------------------------------------


def test_the_signed_link_gives_its_recipient_the_pdf(client, alice, alice_filing):
    notification = notify(alice_filing)
    client.force_login(alice)
    token = link_token(notification_id=notification.pk, user_id=alice.pk)
    response = client.get(reverse("inbox:link", args=[token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_the_signed_link_asks_to_sign_in_and_comes_back(client, alice, alice_filing):
    notification = notify(alice_filing)
    url = reverse(
        "inbox:link", args=[link_token(notification_id=notification.pk, user_id=alice.pk)]
    )
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "next=" in response.url and notification.pk and "inbox/link" in response.url


def test_the_signed_link_of_another_account_is_404(client, bob, vera, acme_filing):
    notification = notify(acme_filing)  # both bob and vera receive it
    client.force_login(vera)
    token = link_token(notification_id=notification.pk, user_id=bob.pk)
    assert client.get(reverse("inbox:link", args=[token])).status_code == 404


def test_a_tampered_link_is_404(client, alice, alice_filing):
    notification = notify(alice_filing)
    client.force_login(alice)
    token = link_token(notification_id=notification.pk, user_id=alice.pk)
    forged = link_token(notification_id=notification.pk + 1, user_id=alice.pk)
    for bad in (token[:-2] + "xx", forged.split(":")[0] + token[token.index(":") :], "nonsense"):
        assert client.get(reverse("inbox:link", args=[bad])).status_code == 404


def test_an_expired_link_says_so_with_a_way_to_the_inbox_entry(client, alice, alice_filing):
    notification = notify(alice_filing)
    client.force_login(alice)
    with time_machine.travel(timezone.now() - timedelta(days=15), tick=False):
        token = link_token(notification_id=notification.pk, user_id=alice.pk)
    response = client.get(reverse("inbox:link", args=[token]))
    assert response.status_code == 410
    assert b"This link has expired" in response.content
    assert reverse("inbox:detail", args=[notification.pk]).encode() in response.content


def test_a_link_is_good_until_its_configured_age(client, alice, alice_filing, settings):
    notification = notify(alice_filing)
    client.force_login(alice)
    token = link_token(notification_id=notification.pk, user_id=alice.pk)
    settings.NOTIFICATION_LINK_MAX_AGE = 3600
    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert client.get(reverse("inbox:link", args=[token])).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(reverse("inbox:link", args=[token])).status_code == 410


def test_an_expired_link_of_another_account_is_404_not_410(
    client, bob, vera, acme_filing, settings
):
    notification = notify(acme_filing)
    client.force_login(vera)
    token = link_token(notification_id=notification.pk, user_id=bob.pk)
    settings.NOTIFICATION_LINK_MAX_AGE = -1  # every link is already too old
    assert client.get(reverse("inbox:link", args=[token])).status_code == 404


# --- mark all read, the e-mail setting, queries --------------------------------------------------


def test_mark_all_read_marks_only_the_users_own(client, bob, vera, acme_filing):
    notify(acme_filing)
    notify(acme_filing)
    client.force_login(bob)
    response = client.post(reverse("inbox:read_all"), follow=True)
    assert b"2 notifications marked as read." in response.content
    assert not Recipient.objects.filter(user=bob, read_at__isnull=True).exists()
    assert Recipient.objects.filter(user=vera, read_at__isnull=True).count() == 2


def test_the_email_setting_turns_attachments_on_and_off(client, alice, alice_filing, sent):
    client.force_login(alice)
    page = client.get(reverse("inbox:settings"))
    assert b"expires after 14 days" in page.content
    response = client.post(reverse("inbox:settings"), {"email_attachments": "on"}, follow=True)
    assert b"Your notification settings are saved." in response.content
    assert Preference.objects.get(user=alice).email_attachments
    sent(alice_filing)
    assert len(mail.outbox[-1].attachments) == 1
    client.post(reverse("inbox:settings"), {})
    assert not Preference.objects.get(user=alice).email_attachments


def test_the_inbox_takes_as_many_queries_for_30_notifications_as_for_1(client, alice, alice_filing):
    client.force_login(alice)
    notify(alice_filing)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("inbox:list")).status_code == 200
        return len(context)

    one = queries()
    for _ in range(29):
        notify(alice_filing, pdf=False)
    assert queries() == one, one
    assert one > 3, one  # counted for real
