"""The holder's pages of a change (issue 23): a form per kind from the application's page,
the rules' messages at their field with nothing entered lost, 404 for who may not file."""

import pytest
from django.urls import reverse

from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind, ChangeRequest, ChangeStatus
from hague_portal.submissions.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def number(registered):
    return Submission.objects.get(pk=registered.pk).number


def new_url(number, kind):
    return reverse("submissions:change_new", args=[number, kind])


OWNERSHIP = {
    "new_holder_name": "Bob Industries Ltd",
    "address": "1 Rue du Rhône, Geneva",
    "country": "CH",
    "email": "bob@example.test",
    "establishment": "CH",
    "parties": ["CH", "EM", "US"],
    "designs": ["1", "2"],
}


def test_the_application_page_offers_each_kind_of_change(client, alice, number):
    client.force_login(alice)
    html = client.get(reverse("submissions:detail", args=[number])).content.decode()
    for kind in ChangeKind.values:
        assert new_url(number, kind) in html


def test_an_ownership_request_is_filed_and_the_fee_is_left_to_the_bureau(client, alice, number):
    client.force_login(alice)
    page = client.get(new_url(number, "ownership"))
    assert "the International Bureau will tell you the amount" in page.content.decode()
    response = client.post(new_url(number, "ownership"), OWNERSHIP, follow=True)
    assert response.redirect_chain[-1][0].endswith("#changes")
    assert "the International Bureau will tell you the amount" in response.content.decode()
    change = ChangeRequest.objects.get()
    assert change.status == ChangeStatus.SUBMITTED
    assert change.data["new_holder"]["entitlement"]["establishment"] == ["CH"]


def test_a_new_owner_not_entitled_is_told_at_the_field_and_nothing_is_lost(client, alice, number):
    client.force_login(alice)
    data = {**OWNERSHIP, "establishment": "", "nationality": "IN"}
    response = client.post(new_url(number, "ownership"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "IN:" in form.errors["nationality"][0]
    assert form["new_holder_name"].value() == "Bob Industries Ltd"
    assert form["nationality"].value() == "IN"
    assert not ChangeRequest.objects.exists()


def test_a_limitation_of_all_designs_is_refused_at_the_designs(client, alice, number):
    client.force_login(alice)
    data = {"parties": ["CH"], "designs": ["1", "2"]}
    response = client.post(new_url(number, "limitation"), data)
    assert "renunciation" in response.context["form"].errors["designs"][0]


def test_an_unknown_party_is_refused(client, alice, number):
    client.force_login(alice)
    response = client.post(new_url(number, "renunciation"), {"parties": ["JP"]})
    assert "parties" in response.context["form"].errors  # not a choice of the registration


def test_a_renunciation_is_filed(client, alice, number):
    client.force_login(alice)
    response = client.post(new_url(number, "renunciation"), {"parties": ["US"]})
    assert response.status_code == 302
    assert ChangeRequest.objects.get().kind == ChangeKind.RENUNCIATION


def test_a_change_of_name_is_filed(client, alice, number):
    client.force_login(alice)
    response = client.post(new_url(number, "name_address"), {"name": "Alice Designs SA"})
    assert response.status_code == 302
    assert ChangeRequest.objects.get().data == {"new": {"name": "Alice Designs SA"}}


def test_who_may_not_file_gets_a_404(client, vera, charlie, number, registered_for_acme):
    client.force_login(charlie)
    assert client.get(new_url(number, "ownership")).status_code == 404
    acme_number = Submission.objects.get(pk=registered_for_acme.pk).number
    client.force_login(vera)  # reads ACME's application, may not file for it
    assert client.get(reverse("submissions:detail", args=[acme_number])).status_code == 200
    assert client.get(new_url(acme_number, "renunciation")).status_code == 404


def test_an_unknown_kind_is_a_404(client, alice, number):
    client.force_login(alice)
    assert client.get(new_url(number, "merger")).status_code == 404


def test_the_requester_answers_an_invitation(client, alice, erik, registered, number):
    change = services.change_file(
        registration=registered, kind=ChangeKind.RENUNCIATION, user=alice,
        data={"parties": ["US"]},
    )  # fmt: skip
    services.change_invite(request=change, by=erik, text="Sign the request.")
    client.force_login(alice)
    url = reverse("submissions:change", args=[number, change.pk])
    assert "Sign the request." in client.get(url).content.decode()
    response = client.post(url, {"response": ""})
    assert response.context["form"].errors["response"]
    client.post(url, {"response": "Signed by the holder."})
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUBMITTED


def test_the_firm_admin_accepts_an_appointment(client, alice, fiona, bobs_firm, registered):
    change = services.change_file(
        registration=registered, kind=ChangeKind.REPRESENTATIVE, user=alice,
        data={"action": "appoint",
              "new": {"name": "Bob & Partners", "address": "Geneva", "firm_id": bobs_firm.pk}},
    )  # fmt: skip
    client.force_login(fiona)
    assert registered.number in client.get(reverse("changes:appointments")).content.decode()
    client.post(reverse("changes:appointment", args=[change.pk]), {"accept": "yes"})
    change.refresh_from_db()
    assert change.firm_accepted is True


def test_another_firm_may_not_open_the_appointment(client, alice, charlie, bobs_firm, registered):
    change = services.change_file(
        registration=registered, kind=ChangeKind.REPRESENTATIVE, user=alice,
        data={"action": "appoint",
              "new": {"name": "Bob & Partners", "address": "Geneva", "firm_id": bobs_firm.pk}},
    )  # fmt: skip
    client.force_login(charlie)
    assert client.get(reverse("changes:appointment", args=[change.pk])).status_code == 404


def test_a_change_of_name_may_cover_the_holders_other_registrations(client, alice, erik, number):
    from tests.register.conftest import register_application

    other = register_application(alice, erik, designations=("CH",))
    client.force_login(alice)
    page = client.get(new_url(number, "name_address"))
    assert other.number in page.content.decode()
    client.post(new_url(number, "name_address"), {"name": "Alice SA", "also": [str(other.pk)]})
    assert list(ChangeRequest.objects.get().also.all()) == [other]
