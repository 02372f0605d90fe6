# ruff: noqa: F811 - fixtures imported from tests/submissions/conftest.py
"""A user's own data in French and Spanish (issue 19): the account's page, deleting the account
(possible, and refused with its reasons), deleting a draft and deleting a firm's client."""

import pytest
from django.urls import reverse

from hague_portal.filings.services import draft_create

from ..filings.conftest import reference  # noqa: F401 - fixture
from ..submissions.conftest import make_draft, media, submit  # noqa: F401
from .support import assert_translated

pytestmark = pytest.mark.django_db
OWN_PART = ("title", "main")


def test_the_account_page_and_deleting_the_account(client, alice, media):
    make_draft(alice, views=1)
    client.force_login(alice)
    for name in ("privacy:home", "privacy:delete"):
        assert_translated(client, reverse(name), within=OWN_PART, allow=["Alice Applicant"])


def test_the_reasons_an_account_is_kept(client, fiona, acme, media):
    submit(make_draft(fiona, client=acme, views=1), fiona)
    client.force_login(fiona)
    assert_translated(client, reverse("privacy:delete"), within=OWN_PART)


def test_deleting_a_draft_and_a_client(client, fiona, acme, bobs_firm, reference):
    draft = draft_create(user=fiona, client=acme)
    client.force_login(fiona)
    title = ["new application"]  # the draft's title, stored in the language it was made in
    url = reverse("filings:delete", args=[draft.id])
    assert_translated(client, url, within=OWN_PART, allow=title)
    url = reverse("firm:client_delete", args=[bobs_firm.pk, acme.pk])
    assert_translated(client, url, within=OWN_PART)  # kept: a draft names it
