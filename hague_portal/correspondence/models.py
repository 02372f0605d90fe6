"""Correspondence about an application with the International Bureau (WIPO's "Contact Hague",
issue 22).

One `Thread` per application keeps what the staff's list sorts on (unread, awaiting an answer,
the last message), so that list reads one indexed table; its `Message` rows, the applicant
side's and the Bureau's, each with its `MessageFile` attachments (PDF, JPEG or PNG, checked as
annexes are, stored with their SHA-256), are never edited. Every write goes through
`correspondence.services`, and each message is an event (message.sent, message.answered).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    submission = models.OneToOneField(
        "submissions.Submission",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="thread",
        verbose_name=_("application"),
    )
    subject = models.CharField(_("subject"), max_length=200)  # of the latest message
    # The applicant side wrote last: the Bureau owes an answer.
    awaiting_answer = models.BooleanField(_("awaiting an answer"), default=True)
    # The applicant side's messages no member of staff has opened yet.
    unread = models.PositiveIntegerField(_("unread"), default=0)
    last_message_at = models.DateTimeField(_("last message"))

    class Meta:
        verbose_name = _("correspondence")
        verbose_name_plural = _("correspondence")
        ordering = ["-unread", "last_message_at"]
        indexes = [models.Index(fields=["awaiting_answer", "-unread", "last_message_at"])]
        permissions = [("answer", "Can answer messages about applications")]

    def __str__(self):
        return f"{self.submission_id}: {self.subject}"


class Message(models.Model):
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("application"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    from_bureau = models.BooleanField(_("from the International Bureau"), default=False)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), db_index=True)
    # An applicant's message: when staff first opened it. The Bureau's: when someone on the
    # applicant's side first read it on the application's page.
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["submission", "created_at"])]

    def __str__(self):
        return f"{self.submission_id}: {self.subject}"


def message_file_path(instance, filename):
    return f"correspondence/{instance.message.submission_id}/{instance.message_id}/{filename}"


class MessageFile(models.Model):
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="files", verbose_name=_("message")
    )
    file = models.FileField(upload_to=message_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=50)  # application/pdf, image/jpeg, image/png
    size_bytes = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "id"]

    def __str__(self):
        return self.original_name
