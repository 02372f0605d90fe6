"""E-mails: each one is a name plus three templates (healthchecks style).

    templates/emails/<name>/subject.txt   one line
    templates/emails/<name>/body.txt      plain text
    templates/emails/<name>/body.html     HTML alternative

This module only renders and sends; the row that records each e-mail (status, Message-ID) and
guarantees it is sent once belongs to the caller (`submissions.services.email_send`).
"""

from dataclasses import dataclass, field
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/pdf"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Email:
    name: str
    to: str
    context: dict
    attachments: tuple[Attachment, ...] = field(default=())


def new_message_id() -> str:
    """A Message-ID chosen before sending, so that it can be recorded first."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "hague-portal.test"
    return make_msgid(domain=domain)


def render(name: str, context: dict) -> Rendered:
    subject = render_to_string(f"emails/{name}/subject.txt", context)
    return Rendered(
        subject=" ".join(subject.split()),  # a header: one line, no stray whitespace
        text=render_to_string(f"emails/{name}/body.txt", context),
        html=render_to_string(f"emails/{name}/body.html", context),
    )


def send(email: Email, *, message_id: str) -> Rendered:
    """Render and send through Django's e-mail backend with the given Message-ID."""
    rendered = render(email.name, email.context)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[email.to],
        headers={"Message-ID": message_id},
    )
    message.attach_alternative(rendered.html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send(fail_silently=False)
    return rendered
