"""A firm's thousand clients: the workbench's client boxes take a name (suggestions as JSON for
the autocomplete; without JavaScript the form finds the client by the name typed), the firm's
clients page has pages. Search and the client filter ignore accents ("Muller" finds "Müller")."""

import re
import sqlite3
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse

from hague_portal.filings.models import Draft
from hague_portal.portfolio.search import fold, register_sqlite_unaccent

from ..factories import ClientFactory
from ..filings.conftest import reference  # noqa: F401 - fixture
from .conftest import a_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(bobs_firm):
    """Bob's firm: thirty clients, and Müller."""
    for n in range(30):
        ClientFactory(firm=bobs_firm, name=f"Client {n:04d} AG")
    return ClientFactory(firm=bobs_firm, name="Müller Möbel AG")


def suggestions(http, user, text, purpose="file") -> list[str]:
    http.force_login(user)
    response = http.get(reverse("portfolio:client_suggestions"), {"q": text, "for": purpose})
    assert response["Content-Type"] == "application/json"
    return [c["name"] for c in response.json()["clients"]]


def test_the_workbench_carries_no_list_of_clients(client, bob, acme, clients):
    client.force_login(bob)
    html = client.get(reverse("workbench")).content.decode()
    forms = html.split('id="new-heading"')[1].split('id="apps-heading"')[0]
    assert "<option" not in forms  # New application, Import
    assert "data-client-box" in html and 'name="client_name"' in html


def test_suggestions_are_the_clients_whose_name_holds_the_text_accents_ignored(
    client, bob, acme, clients
):
    assert suggestions(client, bob, "muller") == ["Müller Möbel AG"]
    assert suggestions(client, bob, "MÖBEL") == ["Müller Möbel AG"]
    assert suggestions(client, bob, "acme") == ["ACME Design GmbH"]
    assert len(suggestions(client, bob, "a")) == 20  # at most 20


def test_a_viewer_gets_no_client_to_file_for_but_may_filter_by_them(client, vera, acme):
    assert suggestions(client, vera, "acme") == []
    assert suggestions(client, vera, "acme", purpose="view") == ["ACME Design GmbH"]


def test_an_outsider_gets_no_suggestion(client, charlie, acme):
    assert suggestions(client, charlie, "acme", purpose="view") == []


def test_without_javascript_the_name_typed_starts_the_application_for_that_client(
    client,
    bob,
    acme,
    clients,
    reference,  # noqa: F811
):
    client.force_login(bob)
    response = client.post(reverse("filings:create"), {"client_name": "acme design"})
    assert response.status_code == 302
    assert Draft.objects.get(created_by=bob).client == acme


def test_a_name_matching_several_clients_is_said_and_nothing_is_started(client, bob, clients):
    ClientFactory(firm=clients.firm, name="Müller Stühle AG")
    client.force_login(bob)
    response = client.post(reverse("filings:create"), {"client_name": "Müller"}, follow=True)
    assert "Several clients match “Müller” (Müller Möbel AG, Müller Stühle AG)" in (
        response.content.decode()
    )
    assert not Draft.objects.exists()


def test_a_name_of_no_client_of_the_firm_is_said(client, bob, clients):
    client.force_login(bob)
    response = client.post(reverse("filings:create"), {"client_name": "Nobody"}, follow=True)
    assert "No client of your firm matches “Nobody”." in response.content.decode()
    assert not Draft.objects.exists()


def test_the_firms_clients_come_fifty_a_page(client, fiona, bobs_firm, clients):
    ClientFactory.create_batch(30, firm=bobs_firm)  # 61 clients
    client.force_login(fiona)
    url = reverse("firm:clients", args=[bobs_firm.pk])
    first = client.get(url).content.decode()
    assert first.count("data-client=") == 50 and "Page 1 of 2" in first
    last = client.get(url, {"page": 2}).content.decode()
    assert last.count("data-client=") == 11 and "Page 2 of 2" in last


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's unaccent")
def test_search_and_client_filter_ignore_accents_on_postgresql(client, bob, clients, reference):  # noqa: F811
    a_draft(bob, client=clients, reference="MUE-1")
    a_draft(bob, client=clients, reference="MUE-2 Élégante")
    client.force_login(bob)

    def found(**params) -> set[str]:
        html = client.get(reverse("workbench"), params).content.decode()
        return set(re.findall(r"<td>(MUE-\d)[^<]*</td>", html))

    assert found(q="muller") == {"MUE-1", "MUE-2"}  # the client's name, Müller
    assert found(q="Moebel") == set()  # unaccent drops marks; it does not spell out umlauts
    assert found(q="elegant") == {"MUE-2"}
    assert found(client="muller mobel") == {"MUE-1", "MUE-2"}


def test_the_sqlite_fallback_compares_names_without_accents():
    """make run's SQLite: the same SQL, through the unaccent() registered on the connection."""
    raw = sqlite3.connect(":memory:")
    register_sqlite_unaccent(None, SimpleNamespace(vendor="sqlite", connection=raw))
    ((matches,),) = raw.execute(
        "SELECT lower(unaccent(?)) LIKE ?", ("Société Müller", f"%{fold('societe muller')}%")
    )
    assert matches == 1
    assert fold("Ærø Ñandú") == "ærø nandu"
