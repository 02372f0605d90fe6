"""Reads of the correspondence: the thread of an application as its page shows it, and an
attachment for someone who may see the application (404 for anyone else)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404

from hague_portal.submissions.selectors import submission_get_for_user

from .models import Message, MessageFile


def thread_messages(*, submission) -> list[Message]:
    """The application's messages, oldest first (the newest last), each with its files and
    author: two queries whatever their number."""
    return list(
        Message.objects.filter(submission=submission)
        .select_related("author")
        .prefetch_related(Prefetch("files", queryset=MessageFile.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def message_file_get_for_user(*, number: str, message_id: int, file_id: int, user) -> MessageFile:
    """The attachment, when `user` may see the application and the file is one of its messages'
    (never 403: whether it exists is not for outsiders)."""
    submission = submission_get_for_user(number=number, user=user)
    found = (
        MessageFile.objects.select_related("message")
        .filter(pk=file_id, message_id=message_id, message__submission=submission)
        .first()
    )
    if found is None:
        raise Http404("No such attachment.")
    return found


def message_file_get_for_staff(*, submission_id: int, file_id: int) -> MessageFile:
    found = MessageFile.objects.filter(pk=file_id, message__submission_id=submission_id).first()
    if found is None:
        raise Http404("No such attachment.")
    return found
