"""The Office of a designated party's pages (issue 22): what it sees from publication on, the
notifications it sends, and the 404 for everything else."""

from datetime import date

import pytest
import time_machine

from hague_portal.accounts.services import user_enrol_totp
from hague_portal.events.models import Event
from hague_portal.register.models import Decision, DesignationStatus
from tests.conftest import TOTP_SECRET
from tests.register.conftest import geneva


def signed_in(client, user):
    user_enrol_totp(user=user, secret=TOTP_SECRET)
    client.force_login(user)
    return client


def url(registration, suffix=""):
    return f"/office/registrations/{registration.number}/{suffix}"


REFUSAL = {
    "concerns": "some",
    "designs": ["2"],
    "grounds": "The design lacks novelty over US D900,001.",
    "provisions": "35 U.S.C. 171",
    "review_time_limit": "2027-05-01",
    "review_authority": "USPTO, Patent Trial and Appeal Board",
}


def test_an_office_user_without_totp_is_sent_to_enrolment(client, olivia, published, on_feb_1):
    client.force_login(olivia)
    response = client.get("/office/")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate" in response["Location"]


def test_an_office_user_lands_on_its_registrations_not_the_workbench(client, olivia, on_feb_1):
    signed_in(client, olivia)
    assert client.get("/")["Location"] == "/office/"
    assert client.get("/applications/new/")["Location"] == "/office/"


def test_the_list_shows_published_registrations_with_their_refusal_period(
    client, olivia, published, on_feb_1
):
    page = signed_in(client, olivia).get("/office/").content.decode()
    assert published.number in page
    assert "5 January 2028" in page  # US declared twelve months (Rule 18(1)(b))
    filtered = client.get("/office/?status=refused").content.decode()
    assert published.number not in filtered
    assert published.number in client.get("/office/?q=000001").content.decode()


def test_nothing_is_shown_before_publication(client, olivia, registered):
    """Every Office URL answers 404 (the list is empty) for a registration not yet published."""
    with time_machine.travel(geneva(date(2027, 1, 4)), tick=False):
        signed_in(client, olivia)
        listed = client.get("/office/")
        assert listed.status_code == 200 and registered.number not in listed.content.decode()
        sha = _a_reproduction(registered)
        for suffix in ("", "refusal/", "withdrawal/", "grant/", "second-part/"):
            assert client.get(url(registered, suffix)).status_code == 404, suffix
        assert client.post(url(registered, "refusal/"), REFUSAL).status_code == 404
        assert client.get(url(registered, f"reproductions/{sha}")).status_code == 404
    assert not Decision.objects.exists()


def _a_reproduction(registration):
    return registration.examination.submission.document["designs"][0]["reproductions"][0]["sha256"]


@pytest.mark.parametrize("who", ["oscar", "alice", "bob", "erik"])
def test_anyone_but_the_office_of_a_designated_party_gets_404(
    client, request, who, published, on_feb_1
):
    user = request.getfixturevalue(who)
    signed_in(client, user)
    sha = _a_reproduction(published)
    assert client.get(url(published)).status_code == 404
    assert client.post(url(published, "refusal/"), REFUSAL).status_code == 404
    assert client.get(url(published, f"reproductions/{sha}?thumbnail=1")).status_code == 404
    assert not Decision.objects.exists()


def test_the_registration_page_shows_designs_and_thumbnails(client, olivia, published, on_feb_1):
    signed_in(client, olivia)
    page = client.get(url(published)).content.decode()
    assert "chair model 2" in page and "06-01" in page
    response = client.get(url(published, f"reproductions/{_a_reproduction(published)}?thumbnail=1"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(url(published, "reproductions/" + "0" * 64)).status_code == 404


def test_a_refusal_for_some_designs_is_recorded_and_shown(client, olivia, published, on_feb_1):
    signed_in(client, olivia)
    response = client.post(url(published, "refusal/"), REFUSAL)
    assert response.status_code == 302
    designation = published.designations.get(party="US")
    assert (designation.status, designation.refused_designs) == (DesignationStatus.REFUSED, [2])
    page = client.get(url(published)).content.decode()
    assert "lacks novelty" in page and "Withdraw a refusal" in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"grounds": " "}, "grounds", "State the grounds"),
        ({"provisions": ""}, "provisions", "Name the provisions"),
        ({"review_time_limit": ""}, "review_time_limit", "time limit for a request for review"),
        ({"review_time_limit": "2027-01-15"}, "review_time_limit", "a date after today"),
        ({"review_authority": ""}, "review_authority", "Name the authority"),
        ({"designs": ["3"]}, "designs", "3"),
        ({"designs": []}, "designs", "Tick the designs"),
    ],
)
def test_an_incomplete_refusal_is_refused_at_its_field_keeping_the_input(
    client, olivia, published, on_feb_1, changes, field, message
):
    signed_in(client, olivia)
    response = client.post(url(published, "refusal/"), {**REFUSAL, **changes})
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "US D900,001" in response.content.decode() or field == "grounds"
    assert not Decision.objects.exists()
    assert published.designations.get(party="US").status == DesignationStatus.AWAITING


def test_a_refusal_after_the_period_is_not_recorded(client, olivia, published):
    late = {**REFUSAL, "review_time_limit": "2028-05-01"}
    with time_machine.travel(geneva(date(2028, 1, 6)), tick=False):
        response = signed_in(client, olivia).post(url(published, "refusal/"), late)
    assert "Rule 19(1)(a)" in " ".join(response.context["form"].non_field_errors())
    assert not Event.objects.filter(kind="designation.refused").exists()


def test_withdrawal_then_grant(client, olivia, published, on_feb_1):
    signed_in(client, olivia)
    client.post(url(published, "refusal/"), {**REFUSAL, "concerns": "all"})
    assert (
        client.post(
            url(published, "withdrawal/"), {"concerns": "some", "designs": ["1"]}
        ).status_code
        == 302
    )
    assert client.post(url(published, "grant/"), {"concerns": "all"}).status_code == 302
    assert published.designations.get(party="US").status == DesignationStatus.GRANTED


def test_second_part_due_defaults_to_three_months(client, olivia, published, on_feb_1):
    signed_in(client, olivia)
    form = client.get(url(published, "second-part/")).context["form"]
    assert form["time_limit"].value() == date(2027, 5, 3)  # 1 May 2027 is a Saturday: Rule 4(4)
    assert (
        client.post(url(published, "second-part/"), {"time_limit": "2027-05-03"}).status_code == 302
    )
    assert published.designations.get(party="US").second_part.amount == 1150


def test_second_part_is_not_offered_to_a_party_without_two_parts(client, published, on_feb_1):
    from hague_portal.accounts.models import Office
    from tests.factories import UserFactory

    swiss = UserFactory(email="o@ipi.example", office=Office.objects.create(party="CH", name="IPI"))
    signed_in(client, swiss)
    assert client.get(url(published, "second-part/")).status_code == 404
    assert "Second part" not in client.get(url(published)).content.decode()


def test_the_office_makes_a_token_with_the_office_scope_only(client, olivia, on_feb_1):
    from hague_portal.api.models import ApiToken

    signed_in(client, olivia)
    form = client.get("/api-tokens/").context["form"]
    assert [value for value, _label in form.fields["scopes"].choices] == ["office"]
    refused = client.post(
        "/api-tokens/", {"name": "Docket", "scopes": ["read"], "expires_in_days": 30}
    )
    assert "scopes" in refused.context["form"].errors
    client.post("/api-tokens/", {"name": "Docket", "scopes": ["office"], "expires_in_days": 30})
    assert ApiToken.objects.get(user=olivia).scopes == ["office"]
