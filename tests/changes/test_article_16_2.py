"""Article 16(2) (issue 23): where a designated party declared that a change in ownership has no
effect there until its Office receives the documents it requires (MX, SA, UZ in the declarations
table), the holder is told so when filing, on the request's page and through the API."""

from datetime import date

import pytest
from django.urls import reverse

from hague_portal.api.v1_changes import change_body
from hague_portal.changes import services
from hague_portal.hague import changes as rules
from hague_portal.reference.selectors import reference_data
from hague_portal.register.models import Designation
from hague_portal.submissions.models import Submission

from .conftest import ownership

pytestmark = pytest.mark.django_db


def test_the_parties_that_declared_it_are_found_from_the_declarations_table(reference_db):
    ref = reference_data()
    found = rules.ownership_effect_deferred(["US", "UZ", "CH", "MX", "EM"], ref, date(2026, 3, 2))
    assert found == ("MX", "UZ")
    assert rules.ownership_effect_deferred(["CH", "EM", "US"], ref, date(2026, 3, 2)) == ()


def _designate_mexico(registration):
    us = registration.designations.get(party="US")
    Designation.objects.create(
        registration=registration,
        party="MX",
        refusal_period_months=12,
        designs=us.designs,
        expiry=us.expiry,
    )


def test_the_ownership_form_says_it_only_where_a_party_declared_it(client, alice, registered):
    number = Submission.objects.get(pk=registered.pk).number
    url = reverse("submissions:change_new", args=[number, "ownership"])
    client.force_login(alice)
    assert b'data-testid="article-16-2"' not in client.get(url).content
    _designate_mexico(registered)
    html = client.get(url).content.decode()
    assert 'data-testid="article-16-2"' in html
    assert "MX: a change in ownership has no effect there until the Office receives" in html


def test_the_request_and_its_api_body_name_the_party(client, alice, registered, today):
    _designate_mexico(registered)
    change = services.change_file(
        registration=registered,
        kind="ownership",
        user=alice,
        data=ownership(parties=["CH", "MX"]),
        today=today,
    )
    number = Submission.objects.get(pk=registered.pk).number
    client.force_login(alice)
    page = client.get(reverse("submissions:change", args=[number, change.pk])).content.decode()
    assert "MX: a change in ownership has no effect there" in page
    assert change_body(change)["effect_deferred_in"] == ["MX"]
    renounced = services.change_file(
        registration=registered, kind="renunciation", user=alice, data={"parties": ["MX"]},
        today=today,
    )  # fmt: skip
    assert change_body(renounced)["effect_deferred_in"] == []
