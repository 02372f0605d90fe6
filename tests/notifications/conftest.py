"""Filed applications with notifications: bob's for the firm's client ACME (bob, vera and fiona
receive them) and alice's own. The alert task runs in-process (Celery's eager `apply`) instead
of going to the broker; the real-worker loop is tests/examination/test_worker_loop.py."""

import pytest

from hague_portal.notifications import tasks
from hague_portal.notifications.models import NotificationKind
from hague_portal.notifications.services import notification_send
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    pdf_bytes,
    reference_db,
    submit,
)


@pytest.fixture
def eager_alerts(monkeypatch):
    """Alert tasks run here and now when sent, and are recorded."""
    sent = []

    def apply_async(args, **kwargs):
        sent.append(args[0])
        return tasks.notification_email_task.apply(args=args)

    monkeypatch.setattr(tasks.notification_email_task, "apply_async", apply_async)
    return sent


@pytest.fixture
def acme_filing(bob, vera, fiona, acme, media, reference_db):  # noqa: F811
    return submit(make_draft(bob, client=acme, designs=1, views=1), bob)


@pytest.fixture
def alice_filing(alice, media, reference_db):  # noqa: F811
    return submit(make_draft(alice, designs=1, views=1), alice)


def notify(submission, *, title="Invitation to correct irregularities", pdf=True, **kwargs):
    """A notification as the examination services send it, committed (its alerts enqueued)."""
    return notification_send(
        submission=submission,
        kind=kwargs.pop("kind", NotificationKind.INVITATION),
        title=f"{title}: application {submission.number}",
        body=kwargs.pop("body", "Correct them by 1 March 2027."),
        pdf=pdf_bytes() if pdf else None,
        pdf_name=f"{submission.number}-letter.pdf" if pdf else "",
    )


@pytest.fixture
def sent(django_capture_on_commit_callbacks, eager_alerts):
    """notify() with its after-commit work (the alerts) run."""

    def send(submission, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return notify(submission, **kwargs)

    return send
