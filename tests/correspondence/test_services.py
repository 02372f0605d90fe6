"""Correspondence about an application (issue 22, WIPO's "Contact Hague"): the applicant side
writes, the International Bureau answers; each message is an event, the answer reaches the inbox
and an e-mail alert, and bad input is refused at its field with nothing stored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hague_portal.correspondence.models import Message, MessageFile, Thread
from hague_portal.correspondence.services import (
    message_answer,
    message_send,
    thread_mark_read_by_bureau,
)
from hague_portal.events.models import Event
from hague_portal.examination.event_words import event_line
from hague_portal.mail.models import OutgoingEmail
from hague_portal.notifications.models import Notification, NotificationKind, Recipient
from tests.filings.sample_files import encrypted_pdf, image_bytes

from .conftest import a_pdf, a_png, upload

pytestmark = pytest.mark.django_db(transaction=False)


def ask(submission, user, **fields):
    return message_send(
        submission=submission,
        user=user,
        subject=fields.pop("subject", "Priority document"),
        body=fields.pop("body", "Must the priority document be sent again?"),
        **fields,
    )


def test_a_question_and_the_answer_make_one_thread_newest_last(alice, alice_filing, emma):
    question = ask(alice_filing, alice, files=[a_pdf("priority.pdf"), a_png()])
    answer = message_answer(
        submission=alice_filing, by=emma, subject="Re: Priority document", body="No need."
    )
    thread = Thread.objects.get(pk=alice_filing.pk)
    assert list(Message.objects.filter(submission=alice_filing)) == [question, answer]
    assert (thread.awaiting_answer, thread.unread, thread.subject) == (
        False,
        0,
        "Re: Priority document",
    )
    files = list(question.files.order_by("id"))
    assert [(f.original_name, f.content_type) for f in files] == [
        ("priority.pdf", "application/pdf"),
        ("sketch.png", "image/png"),
    ]
    assert all(len(f.sha256) == 64 and f.file.size == f.size_bytes for f in files)
    assert Message.objects.get(pk=question.pk).read_at is not None  # answering is reading


def test_each_message_is_an_event_the_audit_trail_words(alice, alice_filing, emma):
    ask(alice_filing, alice)
    message_answer(submission=alice_filing, by=emma, subject="Re: Priority document", body="No.")
    sent, answered = Event.objects.filter(kind__startswith="message.").order_by("id")
    assert (sent.kind, sent.actor, answered.kind, answered.actor) == (
        "message.sent",
        alice,
        "message.answered",
        emma,
    )
    assert event_line(sent) == "Message to the International Bureau: “Priority document”"
    assert event_line(answered) == "Answer from the International Bureau: “Re: Priority document”"


def test_the_answer_reaches_the_inbox_and_an_e_mail_to_each_member_of_the_firm(
    bob, vera, acme_filing, emma, django_capture_on_commit_callbacks
):
    ask(acme_filing, bob)
    assert not Notification.objects.exists()  # the applicant's own message tells nobody
    with django_capture_on_commit_callbacks(execute=False):
        message_answer(
            submission=acme_filing,
            by=emma,
            subject="Re: Priority document",
            body="The copy you filed is enough.",
            files=[a_pdf("note.pdf")],
        )
    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.MESSAGE
    assert (
        notification.title
        == f"Answer from the International Bureau: application {acme_filing.number}"
    )
    assert "The copy you filed is enough." in notification.body
    assert "note.pdf" in notification.body
    users = set(Recipient.objects.filter(notification=notification).values_list("user", flat=True))
    assert {bob.pk, vera.pk} <= users
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) >= {bob.email, vera.email}


def test_staff_opening_the_thread_reads_it_and_the_thread_waits_for_an_answer(alice, alice_filing):
    ask(alice_filing, alice)
    ask(alice_filing, alice, subject="And a second question")
    thread = Thread.objects.get(pk=alice_filing.pk)
    assert (thread.unread, thread.awaiting_answer) == (2, True)
    assert thread_mark_read_by_bureau(submission=alice_filing) == 2
    thread.refresh_from_db()
    assert (thread.unread, thread.awaiting_answer) == (0, True)


@pytest.mark.parametrize(
    "fields, field, says",
    [
        ({"body": "   "}, "body", "Write the message: it is empty."),
        ({"subject": ""}, "subject", "Give the message a subject."),
        ({"subject": "x" * 201}, "subject", "limited to 200 characters (you typed 201)"),
        ({"body": "a\x00b"}, "body", "This text"),
    ],
)
def test_bad_text_is_refused_at_its_field_and_nothing_is_stored(
    alice, alice_filing, media, fields, field, says
):
    with pytest.raises(ValidationError) as refused:
        ask(alice_filing, alice, files=[a_pdf()], **fields)
    assert says in " ".join(refused.value.message_dict[field])
    assert not Message.objects.exists() and not Event.objects.filter(kind="message.sent").exists()
    assert not (media / "correspondence").exists()


@pytest.mark.parametrize(
    "name, content, says",
    [
        (
            "report.docx",
            b"PK\x03\x04" + b"\x00" * 100,
            "a ZIP archive or office document; attach a PDF, JPEG or PNG",
        ),
        ("photo.gif", image_bytes("GIF", size=(50, 50)), "a GIF image; attach a PDF, JPEG or PNG"),
        ("locked.pdf", encrypted_pdf(), "This PDF is encrypted"),
        ("empty.pdf", b"", "This file is empty"),
        ("cut.png", image_bytes("PNG", size=(400, 400))[:200], "damaged"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_its_name(
    alice, alice_filing, name, content, says
):
    with pytest.raises(ValidationError) as refused:
        ask(alice_filing, alice, files=[a_png(), upload(name, content)])
    (problem,) = refused.value.message_dict["files"]
    assert problem.startswith(f"{name}: ") and says in problem
    assert not Message.objects.exists() and not MessageFile.objects.exists()


def test_an_oversize_file_is_refused_with_the_limit(alice, alice_filing, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        ask(alice_filing, alice, files=[upload("big.pdf", b"%PDF-1.7" + b"0" * 2000)])
    (problem,) = refused.value.message_dict["files"]
    assert problem == "big.pdf: This file is larger than 1 KB, the limit for an attachment"


def test_more_than_five_files_are_refused(alice, alice_filing):
    with pytest.raises(ValidationError) as refused:
        ask(alice_filing, alice, files=[a_png(f"{n}.png") for n in range(6)])
    assert "at most 5 files" in refused.value.message_dict["files"][0]


def test_a_viewer_reads_but_does_not_write_and_staff_answer_only_with_the_permission(
    vera, acme_filing, clerk_staff
):
    with pytest.raises(PermissionDenied):
        ask(acme_filing, vera)
    with pytest.raises(PermissionDenied):
        message_answer(submission=acme_filing, by=clerk_staff, subject="Re", body="Hello")
    assert not Message.objects.exists()


@pytest.fixture
def clerk_staff(db):
    from tests.factories import UserFactory

    return UserFactory(email="clerk@wipo.test", is_staff=True)


def test_an_attachment_is_for_those_who_see_the_application_only(
    client, alice, charlie, bob, alice_filing, password
):
    message = ask(alice_filing, alice, files=[a_pdf("priority.pdf")])
    url = reverse(
        "submissions:message_file",
        args=[alice_filing.number, message.pk, message.files.get().pk],
    )
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for outsider in (charlie, bob):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in
