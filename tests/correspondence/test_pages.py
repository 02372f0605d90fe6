"""The pages of the correspondence (issue 22): the application's page shows the thread and the
way to write, the write page keeps what was typed when it refuses, a viewer reads only, and
staff read and answer in the admin with their second factor."""

import pytest
from django.urls import reverse

from hague_portal.correspondence.models import Message, Thread
from hague_portal.correspondence.services import message_answer, message_send
from tests.examination.admin_helpers import sign_in_with_totp

from .conftest import a_pdf, upload

pytestmark = pytest.mark.django_db


def write_url(submission):
    return reverse("submissions:message_write", args=[submission.number])


def detail_url(submission):
    return reverse("submissions:detail", args=[submission.number])


def test_the_application_page_shows_the_thread_newest_last(client, alice, alice_filing, emma):
    message_send(
        submission=alice_filing, user=alice, subject="Priority", body="First?", files=[a_pdf()]
    )
    message_answer(submission=alice_filing, by=emma, subject="Re: Priority", body="Second.")
    client.force_login(alice)
    html = client.get(detail_url(alice_filing)).content.decode()
    assert html.index("First?") < html.index("Second.")
    assert write_url(alice_filing) in html
    assert Message.objects.get(from_bureau=True).read_at is not None  # seen by alice


def test_a_refused_message_keeps_the_typed_text_and_says_why_at_the_field(
    client, alice, alice_filing
):
    client.force_login(alice)
    response = client.post(
        write_url(alice_filing),
        {
            "subject": "Priority document",
            "body": "My question, typed at length.",
            "files": [upload("notes.docx", b"PK\x03\x04" + b"\x00" * 64)],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The message was not sent" in html
    assert "notes.docx: This file is a ZIP archive or office document" in html
    assert "My question, typed at length." in html and 'value="Priority document"' in html
    assert "choose the files again" in html
    assert not Message.objects.exists()


def test_a_message_is_sent_and_the_page_says_so(client, alice, alice_filing):
    client.force_login(alice)
    response = client.post(
        write_url(alice_filing),
        {"subject": "Priority", "body": "Question.", "files": [a_pdf("copy.pdf")]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == detail_url(alice_filing) + "#correspondence"
    assert "Message sent to the International Bureau" in response.content.decode()
    assert Message.objects.get().files.get().original_name == "copy.pdf"


def test_a_viewer_reads_the_thread_but_may_not_write_and_an_outsider_sees_nothing(
    client, bob, vera, charlie, acme_filing
):
    message_send(submission=acme_filing, user=bob, subject="Priority", body="From Bob.")
    client.force_login(vera)
    html = client.get(detail_url(acme_filing)).content.decode()
    assert "From Bob." in html and write_url(acme_filing) not in html
    assert client.get(write_url(acme_filing)).status_code == 403
    client.force_login(charlie)
    assert client.get(write_url(acme_filing)).status_code == 404


def test_staff_find_unread_threads_first_and_answer_in_the_admin(
    client, alice, alice_filing, acme_filing, bob, emma, password
):
    message_send(submission=acme_filing, user=bob, subject="Older question", body="Bob's.")
    message_send(submission=alice_filing, user=alice, subject="Newer question", body="Alice's.")
    Thread.objects.filter(pk=acme_filing.pk).update(unread=0)  # staff read Bob's already
    sign_in_with_totp(client, emma, password)
    listing = client.get(reverse("admin:correspondence_thread_changelist")).content.decode()
    assert listing.index("Newer question") < listing.index("Older question")
    page = reverse("admin:correspondence_thread_change", args=[alice_filing.pk])
    html = client.get(page).content.decode()
    assert "Alice&#x27;s." in html or "Alice's." in html
    assert Thread.objects.get(pk=alice_filing.pk).unread == 0
    refused = client.post(page, {"subject": "Re: Newer question", "body": ""})
    assert "Write the message: it is empty." in refused.content.decode()
    client.post(page, {"subject": "Re: Newer question", "body": "Our answer."})
    answer = Message.objects.get(from_bureau=True)
    assert (answer.author, answer.body) == (emma, "Our answer.")
    assert not Thread.objects.get(pk=alice_filing.pk).awaiting_answer
