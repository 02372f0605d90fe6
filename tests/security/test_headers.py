"""Security headers: CSP without inline script, Permissions-Policy, no-store (issue 8)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hague_portal.filings.services import draft_create
from hague_portal.payments import services as payments
from hague_portal.payments.models import PaymentMethod

from ..submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    no_broker,
    pdf_bytes,
    reference_db,
    submit,
)

INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


def test_every_answer_has_a_csp_without_inline_script(client, db):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_every_answer_turns_off_browser_features_the_portal_never_uses(client, db):
    policy = client.get(reverse("fee-calculator"))["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_public_pages_may_be_cached_but_signed_in_pages_may_not(client, alice, reference):
    assert "no-store" not in client.get(reverse("fee-calculator")).get("Cache-Control", "")

    client.force_login(alice)

    assert client.get(reverse("fee-calculator"))["Cache-Control"] == "no-store"
    assert client.get(reverse("workbench"))["Cache-Control"] == "no-store"


def test_downloads_of_a_draft_are_not_stored(client, alice, reference):
    draft = draft_create(user=alice)
    client.force_login(alice)

    export = client.get(reverse("filings:export", args=[draft.id]))

    assert export["Content-Disposition"].startswith("attachment")
    assert export["Cache-Control"] == "no-store"


@pytest.fixture
def submission(alice, media, no_broker):  # noqa: F811
    return submit(make_draft(alice), alice)


@pytest.mark.django_db
def test_the_receipt_runs_no_inline_script_and_is_not_stored(client, alice, submission):
    payment = payments.payment_create(
        submission=submission,
        user=alice,
        method=PaymentMethod.BANK_TRANSFER,
        current_fees=submission.fees,
    )
    client.force_login(alice)

    url = reverse("submissions:payment_receipt", args=[submission.number, payment.reference])
    response = client.get(url)

    html = response.content.decode()
    assert "data-print" in html and "payments/receipt.js" in html
    assert not INLINE_HANDLER.search(html) and not INLINE_SCRIPT.search(html)
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_submission_pdfs_and_draft_files_are_not_stored(client, alice, submission):
    submission.dm1_pdf.save("dm1.pdf", ContentFile(pdf_bytes()), save=False)
    submission.save(update_fields=["dm1_pdf"])
    draft = submission.draft
    reproduction = draft.reproductions.first()
    attachment = draft.attachments.first()
    client.force_login(alice)
    urls = [
        reverse("submissions:download", args=[submission.number, "dm1"]),
        reverse("filings:file", args=[draft.id, "reproduction", reproduction.pk]),
        reverse("filings:file", args=[draft.id, "attachment", attachment.pk]),
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_the_scripts_messages_are_kept_a_day_per_language_even_when_signed_in(client, alice):
    client.force_login(alice)
    page = client.get("/accessibility/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '/jsi18n/?l=fr"' in page  # a new language, a new URL: no stale messages
    response = client.get("/jsi18n/?l=fr", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Choix : %(names)s" in response.content.decode()
    assert client.get("/accessibility/")["Cache-Control"] == "no-store"
