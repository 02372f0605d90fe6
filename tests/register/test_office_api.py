"""The token API of the Office of a designated party (scope `office`, issue 22): its
registrations from publication on, its notifications, 400 at the field, 404 for what it may
not see."""

from datetime import date

import pytest
import time_machine

from hague_portal.register.models import Decision, DesignationStatus
from tests.api.v1_helpers import api_for, post_json
from tests.register.conftest import geneva

LIST = "/api/v1/office/registrations/"


def office_api(user):
    return api_for(user, scopes=("office",))


def at(registration, action=""):
    return f"{LIST}{registration.number}/{action + '/' if action else ''}"


REFUSAL = {
    "designs": [2],
    "grounds": "The design lacks novelty over US D900,001.",
    "provisions": "35 U.S.C. 171",
    "review_time_limit": "2027-05-01",
    "review_authority": "USPTO, Patent Trial and Appeal Board",
}


def test_the_office_lists_and_reads_its_published_registrations(olivia, published, on_feb_1):
    api = office_api(olivia)
    listed = api.get(LIST).json()
    assert listed["count"] == 1
    row = listed["results"][0]
    assert (row["number"], row["party"], row["status"]) == (published.number, "US", "awaiting")
    assert row["refusal_period_end"] == "2028-01-05"
    detail = api.get(row["url"]).json()
    assert [d["product"] for d in detail["designs"]] == ["chair model 1", "chair model 2"]
    assert detail["designation"]["two_part_fee"] is True
    assert api.get(LIST, {"status": "refused"}).json()["count"] == 0
    assert api.get(LIST, {"status": "nonsense"}).status_code == 400


def test_a_refusal_through_the_api_is_recorded(olivia, published, on_feb_1):
    response = post_json(office_api(olivia), at(published, "refusal"), REFUSAL)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["designation"]["status"] == "refused"
    assert body["designation"]["refused_designs"] == [2]
    assert body["decisions"][0]["grounds"].startswith("The design lacks novelty")


@pytest.mark.parametrize(
    "changes, path",
    [
        ({"designs": [3]}, "designs"),
        ({"designs": "all"}, "designs"),
        ({"grounds": ""}, "grounds"),
        ({"provisions": None}, "provisions"),
        ({"review_time_limit": "1 May"}, "review_time_limit"),
        ({"review_time_limit": "2027-01-10"}, "review_time_limit"),
        ({"review_authority": ""}, "review_authority"),
        ({"reason": "x"}, "reason"),
    ],
)
def test_a_bad_refusal_is_400_at_its_field_and_records_nothing(
    olivia, published, on_feb_1, changes, path
):
    body = {k: v for k, v in {**REFUSAL, **changes}.items() if v is not None}
    response = post_json(office_api(olivia), at(published, "refusal"), body)
    assert response.status_code == 400
    assert path in [e["path"] for e in response.json()["errors"]]
    assert not Decision.objects.exists()


def test_a_refusal_after_the_period_is_400_rule_19(olivia, published):
    with time_machine.travel(geneva(date(2028, 1, 6)), tick=False):
        body = {**REFUSAL, "review_time_limit": "2028-06-01"}
        response = post_json(office_api(olivia), at(published, "refusal"), body)
    assert response.status_code == 400
    assert "Rule 19(1)(a)" in response.json()["errors"][0]["message"]
    assert published.designations.get(party="US").status == DesignationStatus.AWAITING


def test_the_office_of_a_party_not_designated_gets_404(oscar, published, on_feb_1):
    api = office_api(oscar)
    assert api.get(LIST).json()["count"] == 0
    assert api.get(at(published)).status_code == 404
    assert post_json(api, at(published, "refusal"), REFUSAL).status_code == 404
    assert not Decision.objects.exists()


def test_an_unpublished_registration_is_404_at_every_endpoint(olivia, registered):
    with time_machine.travel(geneva(date(2027, 1, 4)), tick=False):
        api = office_api(olivia)
        assert api.get(LIST).json()["count"] == 0
        assert api.get(at(registered)).status_code == 404
        for action in ("refusal", "withdrawal", "grant", "second-part"):
            assert post_json(api, at(registered, action), {}).status_code == 404, action
    assert not Decision.objects.exists()


def test_the_office_scope_is_needed_and_an_applicant_is_refused(olivia, alice, published, on_feb_1):
    assert api_for(olivia, scopes=("read",)).get(LIST).status_code == 403
    assert office_api(alice).get(LIST).status_code == 403
    assert office_api(alice).get(at(published)).status_code == 403


def test_withdrawal_grant_and_second_part(olivia, published, on_feb_1):
    api = office_api(olivia)
    post_json(api, at(published, "refusal"), {**REFUSAL, "designs": []})
    withdrawn = post_json(api, at(published, "withdrawal"), {"designs": [1]})
    assert withdrawn.json()["designation"]["refused_designs"] == [2]
    granted = post_json(api, at(published, "grant"), {})
    assert granted.json()["designation"]["status"] == "granted"
    due = post_json(api, at(published, "second-part"), {"time_limit": "2027-05-03"})
    assert due.status_code == 201
    assert due.json()["designation"]["second_part"]["amount"] == "1150.00"
    again = post_json(api, at(published, "second-part"), {})
    assert again.status_code == 400 and "already" in again.json()["errors"][0]["message"]
