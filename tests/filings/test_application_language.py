"""The application's language (Rule 6(1)): asked on the first step, kept, read back at review."""

import re

from django.urls import reverse

from hague_portal.filings.models import Draft

from .helpers import APPLICANT, formset, post_step, step_url

APPLICANTS = {**formset("applicants", [APPLICANT], initial=1), "correspondence_email": ""}


def test_a_new_application_is_in_the_interface_language_of_its_creator(client, alice, reference):
    client.force_login(alice)
    client.post(reverse("filings:create"), HTTP_ACCEPT_LANGUAGE="es")
    assert Draft.objects.get(created_by=alice).document["language"] == "es"


def test_a_new_application_from_an_english_interface_is_in_english(client, alice, reference):
    client.force_login(alice)
    client.post(reverse("filings:create"))
    assert Draft.objects.get(created_by=alice).document["language"] == "en"


def test_the_first_step_asks_the_language_of_the_application(client, alice, alice_draft):
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "applicants")).content.decode()
    assert "Language of the application" in page
    assert page.index('id="id_language_0"') < page.index('name="applicants-0-name"')


def test_the_chosen_language_is_saved_and_shown_again(client, alice, alice_draft):
    client.force_login(alice)
    post_step(client, alice_draft, "applicants", {**APPLICANTS, "language": "fr"})
    alice_draft.refresh_from_db()
    assert alice_draft.document["language"] == "fr"
    page = client.get(step_url(alice_draft, "applicants")).content.decode()
    radio = re.search(r'<input type="radio"[^>]*id="id_language_1"[^>]*>', page)[0]
    assert 'value="fr"' in radio and "checked" in radio


def test_a_post_without_the_language_keeps_the_drafts_language(client, alice, alice_draft):
    client.force_login(alice)
    post_step(client, alice_draft, "applicants", {**APPLICANTS, "language": "es"})
    post_step(client, alice_draft, "applicants", APPLICANTS)
    alice_draft.refresh_from_db()
    assert alice_draft.document["language"] == "es"


def test_a_language_other_than_english_french_or_spanish_is_refused(client, alice, alice_draft):
    client.force_login(alice)
    response = post_step(client, alice_draft, "applicants", {**APPLICANTS, "language": "de"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alice_draft.refresh_from_db()
    assert alice_draft.document.get("language") != "de"


def test_the_review_shows_the_language_of_the_application(client, alice, alice_draft):
    client.force_login(alice)
    post_step(client, alice_draft, "applicants", {**APPLICANTS, "language": "es"})
    page = client.get(step_url(alice_draft, "review")).content.decode()
    assert "language of the application: Spanish" in page


def test_the_drafts_title_is_in_the_applications_language_whoever_saves_it(
    client, alice, reference
):
    from hague_portal.filings.services import draft_save_step

    client.force_login(alice)
    client.post(reverse("filings:create"), HTTP_ACCEPT_LANGUAGE="es")
    draft = Draft.objects.get(created_by=alice)
    assert draft.title == "Nueva solicitud"
    # Saved later from an English interface (no language active in a worker or the API either).
    draft = draft_save_step(
        draft=draft,
        user=alice,
        step="designs",
        seen_version=draft.version,
        data={"designs": [{"number": 1, "product": "silla", "locarno": "06-01"}]},
    )
    assert Draft.objects.get(pk=draft.pk).title == "Solicitud: silla"
