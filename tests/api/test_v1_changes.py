"""Requests to record a change in the Register through the token API (issue 23; Article 16,
Rule 21): each kind filed with its form's fields and the page's rules, a bad input at its field
with nothing filed, an invitation answered; 404 for who may not see the registration (and for
its former holder), 403 for a viewer; the answers match the schema."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind, ChangeRequest, ChangeStatus
from hague_portal.payments.models import PaymentPurpose
from hague_portal.reference.models import Fee
from hague_portal.reference.selectors import reference_data_changed
from tests.api.v1_helpers import api_for, post_json, valid
from tests.register.conftest import (  # noqa: F401 - fixtures
    geneva,
    reference_db,
    register_application,
    registered,
    registered_for_acme,
)

TODAY = date(2026, 3, 2)  # a Monday, two months after the registration

OWNERSHIP = {
    "kind": "ownership",
    "new_holder_name": "Bob Industries Ltd",
    "address": "1 Rue du Rhône, Geneva",
    "country": "CH",
    "email": "bob@example.test",
    "entitlement": {"establishment": ["CH"]},
    "parties": ["CH", "EM", "US"],
    "designs": [1, 2],
}
FILED = {
    ChangeKind.OWNERSHIP: OWNERSHIP,
    ChangeKind.NAME_ADDRESS: {
        "kind": "name_address",
        "address": "2 Avenue de France",
        "country": "fr",
    },
    ChangeKind.REPRESENTATIVE: {
        "kind": "representative",
        "action": "appoint",
        "name": "Rep & Co",
        "address": "Geneva",
        "email": "rep@co.test",
    },
    ChangeKind.LIMITATION: {"kind": "limitation", "parties": ["EM"], "designs": [2]},
    ChangeKind.RENUNCIATION: {"kind": "renunciation", "parties": ["US"]},
}
# What each kind stores: the form's request_data, as the page files it.
STORED = {
    ChangeKind.OWNERSHIP: {
        "new_holder": {
            "name": "Bob Industries Ltd",
            "address": "1 Rue du Rhône, Geneva",
            "country": "CH",
            "email": "bob@example.test",
            "entitlement": {
                "establishment": ["CH"],
                "domicile": [],
                "nationality": [],
                "habitual_residence": [],
            },
        },
        "parties": ["CH", "EM", "US"],
        "designs": [1, 2],
    },
    ChangeKind.NAME_ADDRESS: {"new": {"address": "2 Avenue de France", "country": "FR"}},
    ChangeKind.REPRESENTATIVE: {
        "action": "appoint",
        "new": {"name": "Rep & Co", "address": "Geneva", "email": "rep@co.test"},
    },
    ChangeKind.LIMITATION: {"parties": ["EM"], "designs": [2]},
    ChangeKind.RENUNCIATION: {"parties": ["US"]},
}


@pytest.fixture(autouse=True)
def on_today():
    with time_machine.travel(geneva(TODAY), tick=False):
        yield


def url(registration) -> str:
    return f"/api/v1/applications/{registration.examination.submission.number}/changes/"


@pytest.mark.parametrize("kind", ChangeKind.values)
def test_each_kind_is_filed_as_its_page_files_it(alice, registered, schema, kind):  # noqa: F811
    api = api_for(alice)
    answer = post_json(api, url(registered), FILED[kind])
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["kind"], body["status"], body["registration"]) == (
        kind, ChangeStatus.SUBMITTED, registered.number,
    )  # fmt: skip
    assert body["data"] == STORED[kind]
    valid(schema, "Change", body)
    listed = api.get(url(registered)).json()
    assert [c["id"] for c in listed["changes"]] == [body["id"]]
    valid(schema, "ChangeList", listed)
    assert api.get(f"/api/v1/changes/{body['id']}/").json() == body


def test_the_fee_not_in_the_schedule_is_left_to_the_bureau(alice, registered):  # noqa: F811
    body = post_json(api_for(alice), url(registered), OWNERSHIP).json()
    assert body["total"] is None and body["payment"] is None
    assert body["fees"] == [
        {"item": "recording_ownership", "count": 1, "amount": None, "confidence": "U"}
    ]


def test_a_fee_in_the_schedule_is_charged_to_the_account_named(alice, registered):  # noqa: F811
    from hague_portal.payments.models import CurrentAccount

    Fee.objects.filter(item="recording_limitation").update(amount=Decimal("177.00"))
    reference_data_changed()
    account = CurrentAccount.objects.get(number=f"CA-{alice.pk}")
    limitation = {**FILED[ChangeKind.LIMITATION], "method": "current_account"}
    api = api_for(alice)
    unnamed = post_json(api, url(registered), limitation)
    assert unnamed.status_code == 400 and unnamed.json()["errors"][0]["path"] == "account"
    declined = {**limitation, "method": "card", "card_number": "4000000000000002"}
    answer = post_json(api, url(registered), declined)
    assert answer.status_code == 400 and answer.json()["errors"][0]["path"] == "card_number"
    assert not ChangeRequest.objects.exists()
    answer = post_json(api, url(registered), {**limitation, "account": account.pk})
    assert answer.status_code == 201, answer.content
    assert answer.json()["total"] == "177.00"
    assert answer.json()["payment"]["reference"]
    assert ChangeRequest.objects.get().payment.purpose == PaymentPurpose.RECORDING


@pytest.mark.parametrize(
    "body, path",
    [
        ({**OWNERSHIP, "new_holder_name": ""}, "new_holder_name"),
        ({**OWNERSHIP, "entitlement": {}}, "entitlement"),
        ({**OWNERSHIP, "entitlement": {"citizenship": ["CH"]}}, "entitlement"),
        ({**OWNERSHIP, "email": "not an address"}, "email"),
        ({"kind": "name_address"}, "name"),
        ({"kind": "name_address", "parties": ["US"]}, "parties"),
        ({"kind": "representative", "action": "cancel"}, "action"),
        ({"kind": "representative", "action": "appoint", "address": "Geneva"}, "name"),
        ({"kind": "representative", "action": "appoint", "name": "X", "firm": 999}, "firm"),
        ({"kind": "limitation", "parties": ["CH"], "designs": [1, 2]}, "designs"),
        ({"kind": "limitation", "parties": ["CH"], "designs": [7]}, "designs"),
        ({"kind": "renunciation", "parties": ["JP"]}, "parties"),
        ({"kind": "renunciation", "parties": "US"}, "parties"),
        ({"kind": "renunciation", "parties": ["US"], "also": ["DM/999999"]}, "also"),
        ({"kind": "limitation", "parties": ["EM"], "designs": [2], "also": []}, "also"),
        ({"kind": "transfer"}, "kind"),
    ],
)
def test_a_bad_input_is_refused_at_its_field_and_nothing_is_filed(
    alice,
    registered,  # noqa: F811
    body,
    path,
):
    answer = post_json(api_for(alice), url(registered), body)
    assert answer.status_code == 400, answer.content
    assert path in [e["path"] for e in answer.json()["errors"]], answer.json()
    assert not ChangeRequest.objects.exists()


def test_a_new_owner_not_entitled_is_refused_as_on_the_page(alice, registered):  # noqa: F811
    body = {**OWNERSHIP, "entitlement": {"nationality": ["IN"]}}
    answer = post_json(api_for(alice), url(registered), body)
    assert answer.status_code == 400
    (refusal,) = answer.json()["errors"]
    assert refusal["path"] == "entitlement" and refusal["message"].startswith("IN:")
    assert not ChangeRequest.objects.exists()


def test_a_change_of_name_covers_another_registration_of_the_holder(
    alice,
    erik,
    registered,  # noqa: F811
    charlie,
):
    other = register_application(alice, erik, designations=("CH",))
    theirs = register_application(charlie, erik, designations=("CH",))
    body = {"kind": "name_address", "name": "Alice Designs SA", "also": [other.number]}
    refused = post_json(api_for(alice), url(registered), {**body, "also": [theirs.number]})
    assert refused.status_code == 400 and theirs.number in refused.json()["errors"][0]["message"]
    answer = post_json(api_for(alice), url(registered), body)
    assert answer.status_code == 201, answer.content
    assert answer.json()["also"] == [other.number]


def test_an_invitation_is_answered_once_within_its_time_limit(
    alice,
    erik,
    registered,  # noqa: F811
    schema,
):
    api = api_for(alice)
    filed = post_json(api, url(registered), FILED[ChangeKind.RENUNCIATION]).json()
    change = ChangeRequest.objects.get(pk=filed["id"])
    services.change_invite(request=change, by=erik, text="Sign the request.", today=TODAY)
    invited = api.get(f"/api/v1/changes/{change.pk}/").json()
    assert (invited["status"], invited["invitation"], invited["time_limit"]) == (
        ChangeStatus.IRREGULAR, "Sign the request.", "2026-06-02",
    )  # fmt: skip
    response = f"/api/v1/changes/{change.pk}/response/"
    empty = post_json(api, response, {"response": " "})
    assert empty.status_code == 400 and empty.json()["errors"][0]["path"] == "response"
    answer = post_json(api, response, {"response": "Signed."})
    assert answer.status_code == 200, answer.content
    assert (answer.json()["status"], answer.json()["response"]) == (
        ChangeStatus.SUBMITTED, "Signed.",
    )  # fmt: skip
    valid(schema, "Change", answer.json())
    again = post_json(api, response, {"response": "Signed again."})
    assert again.status_code == 400 and again.json()["errors"][0]["path"] == ""


def test_who_may_not_see_it_gets_a_404_and_a_viewer_may_only_read(
    charlie,
    vera,
    bob,
    erik,
    registered,  # noqa: F811
    registered_for_acme,  # noqa: F811
):
    renunciation = FILED[ChangeKind.RENUNCIATION]
    filed = post_json(api_for(bob), url(registered_for_acme), renunciation)
    assert filed.status_code == 201, filed.content  # an editor of the holder's firm
    change = ChangeRequest.objects.get(pk=filed.json()["id"])
    services.change_invite(request=change, by=erik, text="Sign it.", today=TODAY)
    detail, response = f"/api/v1/changes/{change.pk}/", f"/api/v1/changes/{change.pk}/response/"
    outsider = api_for(charlie)
    assert outsider.get(url(registered_for_acme)).status_code == 404
    assert post_json(outsider, url(registered_for_acme), renunciation).status_code == 404
    assert outsider.get(detail).status_code == 404
    assert post_json(outsider, response, {"response": "Mine."}).status_code == 404
    assert outsider.get("/api/v1/changes/999999/").status_code == 404
    viewer = api_for(vera)
    assert viewer.get(url(registered_for_acme)).status_code == 200
    assert viewer.get(detail).status_code == 200
    assert post_json(viewer, url(registered_for_acme), renunciation).status_code == 403
    assert post_json(viewer, response, {"response": "Signed."}).status_code == 403
    assert ChangeRequest.objects.count() == 1
    change.refresh_from_db()
    assert change.status == ChangeStatus.IRREGULAR


def test_a_read_only_token_may_not_file(alice, registered):  # noqa: F811
    read_only = api_for(alice, scopes=("read",))
    assert read_only.get(url(registered)).status_code == 200
    answer = post_json(read_only, url(registered), FILED[ChangeKind.RENUNCIATION])
    assert answer.status_code == 403 and not ChangeRequest.objects.exists()


def test_before_registration_there_is_nothing_to_change(alice, media):  # noqa: F811
    from tests.submissions.conftest import make_draft, submit

    filed = submit(make_draft(alice, designs=1), alice)
    answer = api_for(alice).get(f"/api/v1/applications/{filed.number}/changes/")
    assert answer.status_code == 404


def test_after_a_transfer_the_requests_are_the_new_holders_only(
    alice,
    bob,
    erik,
    registered,  # noqa: F811
):
    filed = post_json(api_for(alice), url(registered), OWNERSHIP).json()
    transfer = ChangeRequest.objects.get(pk=filed["id"])
    services.change_record(request=transfer, by=erik, today=TODAY)
    assert api_for(alice).get(url(registered)).status_code == 404
    assert api_for(alice).get(f"/api/v1/changes/{transfer.pk}/").status_code == 404
    listed = api_for(bob).get(url(registered))
    assert listed.status_code == 200 and listed.json()["changes"][0]["id"] == transfer.pk
    renounced = post_json(api_for(bob), url(registered), FILED[ChangeKind.RENUNCIATION])
    assert renounced.status_code == 201, renounced.content


def test_the_list_takes_as_many_queries_for_five_requests_as_for_one(
    alice,
    registered,  # noqa: F811
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(alice)
    post_json(api, url(registered), FILED[ChangeKind.RENUNCIATION])
    with CaptureQueriesContext(connection) as one:
        api.get(url(registered))
    for kind in (ChangeKind.LIMITATION, ChangeKind.NAME_ADDRESS, ChangeKind.REPRESENTATIVE):
        post_json(api, url(registered), FILED[kind])
    post_json(api, url(registered), OWNERSHIP)
    with CaptureQueriesContext(connection) as five:
        assert len(api.get(url(registered)).json()["changes"]) == 5
    assert len(five.captured_queries) == len(one.captured_queries)
