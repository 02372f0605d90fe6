"""Staff see and edit reference rows; unconfirmed facts are visibly marked."""

import pytest
from django.urls import reverse

from hague_portal.reference.models import Confidence, Declaration, Party

from ..conftest import totp_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, erik, password):
    client.post(reverse("account_login"), {"login": erik.email, "password": password})
    client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    return client


@pytest.fixture
def rows():
    Party.objects.create(code="US", name="United States of America", confidence="C", source="s")
    Declaration.objects.create(
        party="*", kind="own_party_no_effect", provision="99 Art 14(3)", confidence="U", source="s"
    )
    Declaration.objects.create(party="US", kind="no_deferment", confidence="C", source="s")


def test_changelist_shows_the_unconfirmed_badge_for_a_u_row(staff_client, rows):
    response = staff_client.get(reverse("admin:reference_declaration_changelist"))
    assert response.status_code == 200
    assert b"confidence-badge confidence-U" in response.content
    assert b"U unconfirmed" in response.content


def test_unconfirmed_filter_keeps_only_s_and_u_rows(staff_client, rows):
    url = reverse("admin:reference_declaration_changelist")
    response = staff_client.get(url, {"unconfirmed": "yes"})
    kinds = [row.kind for row in response.context["cl"].result_list]
    assert kinds == ["own_party_no_effect"]


def test_staff_cannot_save_a_declaration_for_an_unknown_party(staff_client, rows):
    response = staff_client.post(
        reverse("admin:reference_declaration_add"),
        {"party": "ZZ", "kind": "no_deferment", "confidence": Confidence.CONFIRMED},
    )
    assert response.status_code == 200
    assert b"Unknown Contracting Party" in response.content
    assert not Declaration.objects.filter(party="ZZ").exists()


def test_staff_can_correct_a_fact(staff_client, rows):
    row = Declaration.objects.get(kind="own_party_no_effect")
    response = staff_client.post(
        reverse("admin:reference_declaration_change", args=[row.pk]),
        {
            "party": "*",
            "kind": "own_party_no_effect",
            "provision": "99 Art 14(3)",
            "confidence": "S",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.confidence == "S"


def test_staff_see_the_ib_closed_days_with_their_confidence(staff_client):
    # Guide, item 13 (Paris Convention Art 4C(3)): the closed days that extend a priority period.
    from datetime import date

    from hague_portal.reference.models import ClosedDay

    ClosedDay.objects.create(
        day=date(2025, 9, 11), reason="Jeûne genevois", confidence="S", source="ge.ch"
    )
    response = staff_client.get(reverse("admin:reference_closedday_changelist"))
    assert response.status_code == 200
    assert "Jeûne genevois" in response.content.decode()
    assert b"confidence-badge confidence-S" in response.content


def test_staff_see_the_reference_admin_in_french(staff_client, rows):
    response = staff_client.get(
        reverse("admin:reference_party_changelist"), HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = response.content.decode()
    assert "Nom en français" in html and "Nom en espagnol" in html
    assert "Confirmé (C)" in html  # the confidence filter


def test_staff_must_give_a_party_its_french_and_spanish_names(staff_client):
    response = staff_client.post(
        reverse("admin:reference_party_add"),
        {"code": "XX", "name": "Xland", "confidence": Confidence.CONFIRMED},
    )
    assert response.status_code == 200
    assert not Party.objects.filter(code="XX").exists()
