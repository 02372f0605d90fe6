"""Writes of the correspondence: a message from the applicant side (message.sent), an answer from
the International Bureau (message.answered), and the read state. Each message is recorded with
its event in one transaction; the inbox, the e-mail alert and the webhook follow from the event
(notifications and api consumers), never from here.

Files are checked first (correspondence.files), written to storage before the transaction and
removed again if it does not commit, so a refused message leaves nothing behind.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from hague_portal.events.services import event_record, unit
from hague_portal.lib.text import text_problem
from hague_portal.submissions.selectors import submission_may_file

from .files import attachments_check
from .models import Message, MessageFile, Thread

SUBJECT_MAX = 200
BODY_MAX = 10_000


def message_send(*, submission, user, subject: str, body: str, files=()) -> Message:
    """The applicant's, holder's or representative's message to the International Bureau."""
    if not submission_may_file(user=user, submission=submission):
        raise PermissionDenied(
            _("Only the applicant or its representative may write about this application.")
        )
    subject, body = _clean(subject, body)
    checked = attachments_check(files)
    stored: list[str] = []
    with _files_removed_on_failure(stored), unit():
        thread = _thread_locked(submission)
        message = _message_create(
            submission, user, subject, body, checked, from_bureau=False, stored=stored
        )
        _thread_update(thread, message, awaiting_answer=True, unread=thread.unread + 1)
        _record(message, "message.sent", f"Message sent to the International Bureau: {subject}")
    return message


def message_answer(*, submission, by, subject: str, body: str, files=()) -> Message:
    """The International Bureau's answer (staff with the answer permission, from the admin)."""
    if not (by.is_staff and by.has_perm("correspondence.answer")):
        raise PermissionDenied(_("You may not answer messages about applications."))
    subject, body = _clean(subject, body)
    checked = attachments_check(files)
    stored: list[str] = []
    with _files_removed_on_failure(stored), unit():
        thread = _thread_locked(submission)
        message = _message_create(
            submission, by, subject, body, checked, from_bureau=True, stored=stored
        )
        _applicant_messages_read(submission)  # answering is reading
        _thread_update(thread, message, awaiting_answer=False, unread=0)
        _record(message, "message.answered", f"Answer from the International Bureau: {subject}")
    return message


def thread_mark_read_by_bureau(*, submission) -> int:
    """Staff opened the thread: the applicant side's messages are read (the first time)."""
    with unit():
        read = _applicant_messages_read(submission)
        Thread.objects.filter(pk=submission.pk).update(unread=0)
    return read


def thread_mark_read_by_applicant(*, submission, user) -> int:
    """Someone who may act for the application saw the Bureau's messages on its page."""
    if not submission_may_file(user=user, submission=submission):
        return 0
    return Message.objects.filter(
        submission=submission, from_bureau=True, read_at__isnull=True
    ).update(read_at=timezone.now())


def _thread_locked(submission) -> Thread:
    """The application's thread, made on its first message, locked: two messages at once (two
    tabs, or an answer as a question arrives) count both."""
    Thread.objects.bulk_create(
        [Thread(submission=submission, subject="", unread=0, last_message_at=timezone.now())],
        ignore_conflicts=True,
    )
    return Thread.objects.select_for_update().get(pk=submission.pk)


def _thread_update(thread: Thread, message: Message, *, awaiting_answer: bool, unread: int):
    thread.subject, thread.last_message_at = message.subject, message.created_at
    thread.awaiting_answer, thread.unread = awaiting_answer, unread
    thread.save()


def _applicant_messages_read(submission) -> int:
    return Message.objects.filter(
        submission=submission, from_bureau=False, read_at__isnull=True
    ).update(read_at=timezone.now())


def _clean(subject: str, body: str) -> tuple[str, str]:
    """Both stripped, or ValidationError at the field that is wrong."""
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Give the message a subject.")
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = _(
            "The subject is limited to %(max)d characters (you typed %(typed)d)."
        ) % {"max": SUBJECT_MAX, "typed": len(subject)}
    if not body:
        errors["body"] = _("Write the message: it is empty.")
    elif len(body) > BODY_MAX:
        errors["body"] = _(
            "A message is limited to %(max)d characters (you typed %(typed)d): attach a longer "
            "text as a PDF."
        ) % {"max": BODY_MAX, "typed": len(body)}
    for name, value in (("subject", subject), ("body", body)):
        problem = text_problem(value)
        if problem and name not in errors:
            errors[name] = _("This text %(problem)s: remove it and type it again.") % {
                "problem": problem
            }
    if errors:
        raise ValidationError(errors)
    return subject, body


def _message_create(submission, author, subject, body, checked, *, from_bureau, stored) -> Message:
    """The message and its files; each file's storage name is added to `stored`, for the caller
    to remove if the transaction does not commit (storage is not transactional)."""
    message = Message.objects.create(
        submission=submission,
        author=author,
        from_bureau=from_bureau,
        subject=subject,
        body=body,
        created_at=timezone.now(),
    )
    for position, item in enumerate(checked, start=1):
        row = MessageFile(
            message=message,
            original_name=item.name,
            content_type=item.content_type,
            size_bytes=len(item.content),
            sha256=item.sha256,
        )
        row.file.save(f"{position}-{item.sha256[:12]}.{item.extension}",
                      ContentFile(item.content), save=False)  # fmt: skip
        stored.append(row.file.name)
        row.save()
    return message


@contextmanager
def _files_removed_on_failure(stored: list[str]):
    try:
        yield
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _record(message: Message, kind: str, summary: str) -> None:
    event_record(
        submission=message.submission,
        actor=message.author,
        kind=kind,
        summary=summary,
        after={
            "message": message.pk,
            "subject": message.subject,
            "files": message.files.count(),
        },
        applicant_visible=True,
    )
