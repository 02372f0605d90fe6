"""Schemathesis against the published OpenAPI schema of the token API: requests generated from
the schema, sent through the WSGI application with a real token; no answer is a server error,
has an undocumented status code or content type, or breaks its documented schema.

The drafts, applications and notifications named in paths are Alice's real ones (a path hook),
so reads, changes, uploads, submits and PDF downloads reach the services, not only 404s; she holds
a current account, so payments reach the payment services. Bounded examples per operation: the
whole run takes well under two minutes here."""

from decimal import Decimal

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from hague_portal.api.tokens import token_create
from hague_portal.notifications.models import NotificationKind
from hague_portal.notifications.services import notification_send
from hague_portal.payments.models import CurrentAccount
from tests.submissions.conftest import make_draft, pdf_bytes, submit

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/?format=json", get_wsgi_application()
).include(path_regex=r"^/api/v1/(drafts|applications|notifications|webhooks|accounts)")
# A NUL in an address is refused by the portal's middleware before any view (text/plain 400).
schema.config.generation.update(allow_x00=False)
REAL = {}  # the ids of the current test's objects, filled by the fixture


@pytest.fixture
def same_connection():
    """As Django's test client does: a request through the WSGI handler must not close the
    test's database connection (its transaction holds the test's rows)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def alice_world(same_connection, alice, media, no_broker, generous_rate_limit):
    filed = submit(make_draft(alice, designs=1), alice)
    for field in (filed.dm1_pdf, filed.receipt_pdf):  # as the worker leaves them
        field.save("document.pdf", ContentFile(pdf_bytes()), save=False)
    filed.save(update_fields=["dm1_pdf", "receipt_pdf"])
    letter = notification_send(
        submission=filed,
        kind=NotificationKind.REMINDER,
        title="Reminder",
        body="Soon.",
        pdf=pdf_bytes(),
        pdf_name="letter.pdf",
    )
    CurrentAccount.objects.create(
        number="1001", holder_name="Alice", owner_user=alice, balance=Decimal("100000")
    )
    draft = make_draft(alice, designs=1)
    REAL.update(draft_id=str(draft.pk), number=filed.number, notification_id=letter.pk)
    REAL.update(  # its files, which the file operations then reach
        reproduction_id=draft.reproductions.first().pk, attachment_id=draft.attachments.first().pk
    )
    _, token = token_create(
        user=alice, name="schemathesis", scopes=["read", "draft", "submit"], expires_in_days=1
    )
    yield {"Authorization": f"Bearer {token}"}
    REAL.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_token_api_answers_as_its_schema_says(case, alice_world):
    for name in REAL:  # Alice's real objects instead of random ids
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = REAL[name]
    case.call_and_validate(headers=alice_world, checks=CHECKS)
