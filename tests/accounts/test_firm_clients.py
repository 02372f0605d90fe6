"""Clients managed by the firm without staff: admins and editors add and change them, only admins
delete one, and only while no application names it (issue 10)."""

from html import unescape

import pytest
from django.urls import reverse

from hague_portal.accounts.models import Client
from hague_portal.filings.services import draft_create

from ..factories import ClientFactory
from ..filings.conftest import reference  # noqa: F401 - fixture
from ..submissions.conftest import make_draft, media, submit  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Nordic Chairs AB",
    "kind": "legal",
    "street": "Storgatan 1",
    "city": "Malmö",
    "postcode": "211 34",
    "country": "SE",
    "email": "ip@nordic.test",
    "reference": "NC-2026-01",
}


def add(client, firm, **changes):
    return client.post(reverse("firm:client_new", args=[firm.pk]), {**NEW, **changes})


@pytest.mark.parametrize("persona", ["fiona", "bob"])
def test_admins_and_editors_add_a_client_with_an_own_reference(client, persona, bobs_firm, request):
    client.force_login(request.getfixturevalue(persona))
    assert add(client, bobs_firm).status_code == 302
    added = Client.objects.get(name="Nordic Chairs AB")
    assert (added.firm, added.reference, str(added.country), added.city) == (
        bobs_firm,
        "NC-2026-01",
        "SE",
        "Malmö",
    )
    page = client.get(reverse("firm:clients", args=[bobs_firm.pk])).content.decode()
    assert "NC-2026-01" in page and "Storgatan 1, 211 34 Malmö, Sweden" in page


def test_a_viewer_reads_the_clients_but_may_not_add_or_change(client, vera, acme, bobs_firm):
    client.force_login(vera)
    page = client.get(reverse("firm:clients", args=[bobs_firm.pk])).content.decode()
    assert "ACME Design GmbH" in page and "Add a client" not in page
    assert add(client, bobs_firm).status_code == 403
    edit = reverse("firm:client_edit", args=[bobs_firm.pk, acme.pk])
    assert client.post(edit, {**NEW, "name": "Mine"}).status_code == 403
    assert not Client.objects.filter(name__in=["Nordic Chairs AB", "Mine"]).exists()


def test_a_name_the_firm_already_uses_is_refused_at_the_name_field(client, bob, acme, bobs_firm):
    client.force_login(bob)
    response = add(client, bobs_firm, name="ACME Design GmbH")
    page = response.content.decode()
    assert response.status_code == 400
    assert "already has a client named" in page
    assert 'id="error_1_id_name"' in page  # at the name field
    assert "NC-2026-01" in page  # what was typed is kept
    assert Client.objects.filter(name="ACME Design GmbH").count() == 1


def test_another_firm_may_use_the_same_name(client, bob, bobs_firm):
    ClientFactory(name="Nordic Chairs AB")  # of another firm
    client.force_login(bob)
    assert add(client, bobs_firm).status_code == 302


def test_an_editor_changes_a_client(client, bob, acme, bobs_firm):
    client.force_login(bob)
    edit = reverse("firm:client_edit", args=[bobs_firm.pk, acme.pk])
    assert "ACME Design GmbH" in client.get(edit).content.decode()
    client.post(edit, {**NEW, "name": "ACME Design AG", "reference": "A-1"})
    acme.refresh_from_db()
    assert (acme.name, acme.reference) == ("ACME Design AG", "A-1")


def test_the_client_of_another_firm_is_404(client, bob, bobs_firm):
    other = ClientFactory()
    client.force_login(bob)
    assert client.get(reverse("firm:client_edit", args=[bobs_firm.pk, other.pk])).status_code == 404
    assert (
        client.get(reverse("firm:client_edit", args=[other.firm.pk, other.pk])).status_code == 404
    )


def test_an_admin_deletes_an_unused_client(client, fiona, acme, bobs_firm):
    client.force_login(fiona)
    client.post(reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk]))
    assert not Client.objects.filter(pk=acme.pk).exists()


def test_an_editor_may_not_delete_a_client(client, bob, acme, bobs_firm):
    client.force_login(bob)
    assert (
        client.post(reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk])).status_code == 403
    )
    assert Client.objects.filter(pk=acme.pk).exists()


def test_a_client_named_on_a_draft_is_kept_until_its_drafts_are_deleted(
    client,
    fiona,
    bob,
    acme,
    bobs_firm,
    reference,  # noqa: F811
):
    draft_create(user=bob, client=acme)
    client.force_login(fiona)
    clients = client.get(reverse("firm:clients", args=[bobs_firm.pk])).content.decode()
    assert 'data-testid="kept-why"' in clients  # instead of a Delete button
    url = reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk])
    why = client.get(url).content.decode()
    assert "is named on 1 draft: delete it first, or keep the client." in why
    assert 'data-testid="confirm-delete"' not in why
    response = client.post(url, follow=True)
    assert "is named on 1 draft: delete it first" in response.content.decode()
    assert Client.objects.filter(pk=acme.pk).exists()


def test_a_client_named_on_a_filed_application_is_kept_for_good(
    client,
    fiona,
    bob,
    acme,
    bobs_firm,
    media,  # noqa: F811
):
    submit(make_draft(bob, client=acme), bob)
    client.force_login(fiona)
    url = reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk])
    why = unescape(client.get(url).content.decode())
    assert "is named on 1 filed application: filed applications are the International" in why
    client.post(url)
    assert Client.objects.filter(pk=acme.pk).exists()


def test_deleting_a_client_asks_first(client, fiona, acme, bobs_firm):
    client.force_login(fiona)
    url = reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk])
    page = client.get(url).content.decode()
    assert "No application names this client" in page and 'data-testid="confirm-delete"' in page
    assert Client.objects.filter(pk=acme.pk).exists()  # GET deletes nothing
    client.post(url)
    assert not Client.objects.filter(pk=acme.pk).exists()


def test_a_client_named_by_an_application_made_meanwhile_is_kept_with_the_reason(
    client,
    fiona,
    bob,
    acme,
    bobs_firm,
    reference,  # noqa: F811
    monkeypatch,
):
    from hague_portal.accounts import services_firm

    # The draft arrives after the check and before the delete (another tab, another member).
    monkeypatch.setattr(services_firm, "client_deletion_refusal", lambda client: "")
    draft_create(user=bob, client=acme)
    client.force_login(fiona)
    response = client.post(reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk]), follow=True)
    assert response.status_code == 200
    assert Client.objects.filter(pk=acme.pk).exists()


def test_a_new_application_starts_from_the_client_the_firm_added(client, bob, bobs_firm, reference):  # noqa: F811
    client.force_login(bob)
    add(client, bobs_firm)
    nordic = Client.objects.get(name="Nordic Chairs AB")
    draft = draft_create(user=bob, client=nordic)
    applicant = draft.document["applicants"][0]
    assert applicant["name"] == "Nordic Chairs AB" and applicant["address"]["country"] == "SE"


def test_a_bad_country_of_a_client_is_refused_at_the_field_and_kept(client, bob, bobs_firm):
    # Issue 19: the firm's clients have the wizard's country field, and its message.
    client.force_login(bob)
    response = add(client, bobs_firm, country="Xyz")
    page = response.content.decode()
    assert "Choose the country from the list: “Xyz” is not one." in page
    assert '<option value="Xyz" selected data-unlisted>Xyz</option>' in page
    assert not Client.objects.filter(name="Nordic Chairs AB").exists()


@pytest.mark.parametrize("posted", ["se", "Sweden", "Suède", "Suecia", "Sverige"])
def test_a_clients_country_may_be_posted_as_its_code_or_a_name(client, bob, bobs_firm, posted):
    client.force_login(bob)
    assert add(client, bobs_firm, country=posted).status_code == 302
    assert str(Client.objects.get(name="Nordic Chairs AB").country) == "SE"
