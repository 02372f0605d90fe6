"""The Register extract (issue 23): a PDF of the registration's current state and history, in
the application's language, marked as not certified (Article 18); for those who may see the
application, and for the public once the registration is published, 404 for anyone else."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from hague_portal.register import services

from .conftest import PUBLISHED, geneva, register_application
from .extract_helpers import holder_changed, renewed

pytestmark = pytest.mark.django_db


def holder_url(registration) -> str:
    return reverse(
        "submissions:register_extract", args=[registration.examination.submission.number]
    )


def public_url(registration) -> str:
    return f"/bulletin/registrations/{registration.number.replace('/', '-')}/extract.pdf"


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_extract_states_number_holder_expiry_and_history(client, alice, registered):
    registration = holder_changed(renewed(registered, alice))
    with time_machine.travel(geneva(date(2031, 3, 5)), tick=False):
        client.force_login(alice)
        text = pdf_text(client.get(holder_url(registration)))
    assert "Extract from the International Register: DM/000001" in text
    assert "The Register as recorded on 5 March 2031." in text
    assert "not a certified extract" in text and "Article 18" in text
    assert "Nouvelle Maison SAS" in text and "expires on 5 January 2036 (Article 17)" in text
    # The history, the holder it replaced included.
    assert "International registration DM/000001 of 2026-01-05" in text
    assert "Renewal" in text and "Change in ownership" in text
    assert "Atelier Doe SARL" in text
    assert "E-mail" not in text and "@" not in text  # addresses for correspondence stay private


def test_a_french_application_gets_its_extract_in_french(client, alice, erik, media, reference_db):
    registration = register_application(alice, erik, language="fr")
    client.force_login(alice)
    text = pdf_text(client.get(holder_url(registration)))
    assert "DM/000001" in text and "Atelier Doe SARL" in text
    assert "5 janvier 2031" in text  # the expiry, worded in French
    assert "Mandataire" in text and "Parties désignées" in text
    assert "January" not in text


@pytest.mark.parametrize(
    ("role", "expected"), [("bob", 200), ("vera", 200), ("charlie", 404), (None, 302)]
)
def test_who_may_download_the_extract_before_publication(
    client, request, registered_for_acme, role, expected
):
    """The firm's members see their client's registration; Charlie (no part in it) gets a 404,
    as the public does before publication; a visitor not signed in is sent to sign in."""
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(holder_url(registered_for_acme))
    assert response.status_code == expected
    if expected == 200:
        assert "DM/000001" in pdf_text(response)
    assert client.get(public_url(registered_for_acme)).status_code == 404


def test_the_public_extract_is_a_404_before_publication_and_there_on_the_day(client, registered):
    with time_machine.travel(geneva(date(2027, 1, 4)), tick=False):
        services.registrations_publish()
        assert client.get(public_url(registered)).status_code == 404
    with time_machine.travel(geneva(PUBLISHED), tick=False):
        services.registrations_publish()
        response = client.get(public_url(registered))
        assert "DM/000001" in pdf_text(response) and "public" in response["Cache-Control"]


def test_the_bulletin_registration_page_links_to_its_extract(client, registered):
    with time_machine.travel(geneva(PUBLISHED), tick=False):
        services.registrations_publish()
        html = client.get(f"/bulletin/registrations/{registered.number.replace('/', '-')}/")
    assert public_url(registered) in html.content.decode()
