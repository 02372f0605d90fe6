"""Autosave keeps typed input without saving the step; a GET restores it."""

from django.test import Client
from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.filings.services import draft_save_step

from .helpers import post_step, step_url


def _autosave(client, draft, step, data, seen_version=None):
    url = reverse("filings:autosave", args=[draft.id, step])
    version = draft.version if seen_version is None else seen_version
    return client.post(url, {**data, "seen_version": version})


def test_autosave_keeps_the_input_without_bumping_the_version(client, alice, alice_draft):
    client.force_login(alice)
    response = _autosave(client, alice_draft, "description", {"description": "Half typed"})
    draft = Draft.objects.get(pk=alice_draft.pk)
    assert response.json()["saved"] is True
    assert draft.version == alice_draft.version
    assert draft.autosave["description"]["data"] == {"description": ["Half typed"]}


def test_a_step_restores_autosaved_input_with_a_notice(client, alice, alice_draft):
    client.force_login(alice)
    _autosave(client, alice_draft, "description", {"description": "Half typed"})
    page = client.get(step_url(alice_draft, "description")).content.decode()
    assert "Restored unsaved input from" in page and "Discard unsaved input" in page
    assert "Half typed" in page


def test_saving_the_step_clears_its_autosave(client, alice, alice_draft):
    client.force_login(alice)
    _autosave(client, alice_draft, "description", {"description": "Half typed"})
    post_step(client, alice_draft, "description", {"description": "Done"})
    assert "description" not in Draft.objects.get(pk=alice_draft.pk).autosave


def test_a_late_beacon_does_not_bring_back_input_already_saved(client, alice, alice_draft):
    client.force_login(alice)
    seen = alice_draft.version
    post_step(client, alice_draft, "description", {"description": "Done"})
    response = _autosave(
        client, alice_draft, "description", {"description": "Do"}, seen_version=seen
    )
    assert response.json()["saved"] is False
    assert "Restored" not in client.get(step_url(alice_draft, "description")).content.decode()


def test_autosaved_designs_are_shown_without_error_messages(client, alice, alice_draft):
    client.force_login(alice)
    data = {
        "designs-TOTAL_FORMS": "1",
        "designs-INITIAL_FORMS": "0",
        "designs-0-product": "lamp",
        "designs-0-locarno": "",
    }
    _autosave(client, alice_draft, "designs", data)
    page = client.get(step_url(alice_draft, "designs")).content.decode()
    assert 'value="lamp"' in page and "is-invalid" not in page


def test_saving_one_step_keeps_input_autosaved_on_another(client, alice, alice_draft):
    client.force_login(alice)
    stale = Draft.objects.get(pk=alice_draft.pk)  # read before the autosave below
    _autosave(client, alice_draft, "designs", {"designs-0-product": "lamp"})
    draft_save_step(
        draft=stale, user=alice, step="description", seen_version=stale.version, data={}
    )
    assert "designs" in Draft.objects.get(pk=alice_draft.pk).autosave


def test_autosave_answers_through_the_csrf_check_as_a_browser_posts_it(alice, alice_draft):
    # The browser posts multipart with a CSRF token; the check reads the body before the view.
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(step_url(alice_draft, "description"))
    token = page.cookies["csrftoken"].value
    response = _autosave(
        client, alice_draft, "description", {"description": "x", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200 and response.json()["saved"] is True


def test_autosave_refuses_a_nul_character_naming_the_field(client, alice, alice_draft):
    # A form post cannot carry a lone surrogate (the decoder replaces it); NUL it can.
    client.force_login(alice)
    response = _autosave(client, alice_draft, "designs", {"designs-0-product": "lamp\x00"})
    assert response.status_code == 400
    assert "designs-0-product" in response.json()["errors"]
    assert "designs" not in Draft.objects.get(pk=alice_draft.pk).autosave


def test_discarding_autosaved_input_goes_back_to_the_saved_step(client, alice, alice_draft):
    client.force_login(alice)
    _autosave(client, alice_draft, "description", {"description": "Half typed"})
    url = reverse("filings:autosave_discard", args=[alice_draft.id, "description"])
    assert client.post(url).status_code == 302
    assert "description" not in Draft.objects.get(pk=alice_draft.pk).autosave


def test_charlie_cannot_discard_alices_autosaved_input(client, charlie, alice, alice_draft):
    _autosave_as(alice, alice_draft)
    client.force_login(charlie)
    url = reverse("filings:autosave_discard", args=[alice_draft.id, "description"])
    assert client.post(url).status_code == 404
    assert "description" in Draft.objects.get(pk=alice_draft.pk).autosave


def _autosave_as(user, draft):
    client = Client()
    client.force_login(user)
    _autosave(client, draft, "description", {"description": "Half typed"})
