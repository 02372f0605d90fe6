"""The Register through the token API (issue 23): a registration's state, its renewal's quote,
paying a renewal and a bulk renewal with one payment; 400 at the field, 404 for what the
caller may not see, 403 for what it may read but not renew; the answers match the schema."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from hague_portal.payments.models import CurrentAccount, Payment, PaymentPurpose
from hague_portal.register.models import Renewal
from tests.api.v1_helpers import api_for, post_json, valid
from tests.register.conftest import (  # noqa: F401 - fixtures
    geneva,
    reference_db,
    register_application,
    registered,
    registered_for_acme,
)

IN_WINDOW = date(2030, 10, 1)


@pytest.fixture(autouse=True)
def in_the_window():
    with time_machine.travel(geneva(IN_WINDOW), tick=False):
        yield


def url(registration, what="registration") -> str:
    return f"/api/v1/applications/{registration.examination.submission.number}/{what}/"


def test_the_register_state_with_the_renewal_window_and_history(
    alice,
    registered,  # noqa: F811
    schema,
):
    answer = api_for(alice).get(url(registered))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["number"], body["term"], body["expiry"]) == (registered.number, 1, "2031-01-05")
    assert body["renewal"] == {
        "window": "open", "opens": "2030-07-05", "due": "2031-01-06", "grace_end": "2031-07-07",
    }  # fmt: skip
    assert {d["party"]: d["designs"] for d in body["designations"]} == {
        "CH": [1, 2], "EM": [1, 2], "US": [1, 2],
    }  # fmt: skip
    assert [e["kind"] for e in body["history"]] == ["registration"]
    valid(schema, "RegisterState", body)


def test_the_quote_itemised_and_a_party_refused_at_its_field(
    alice,
    registered,  # noqa: F811
    schema,
):
    api = api_for(alice)
    quote = api.get(url(registered, "renewal")).json()
    assert (quote["parties"], quote["total"], quote["new_expiry"]) == (
        ["CH", "EM"], "307.00", "2036-01-05",
    )  # fmt: skip
    valid(schema, "Quote", quote)
    one = api.get(url(registered, "renewal"), {"parties": "CH", "designs": "1"}).json()
    assert one["parties"] == ["CH"] and one["designs"] == [1]
    refused = api.get(url(registered, "renewal"), {"parties": "US"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["path"] == "parties"


def test_a_renewal_paid_by_card_answers_the_new_expiry(
    alice,
    registered,  # noqa: F811
    schema,
):
    body = {"method": "card", "card_number": "4242424242424242", "seen_total": "307.00"}
    answer = post_json(api_for(alice), url(registered, "renewal"), body)
    assert answer.status_code == 201, answer.content
    assert answer.json()["new_expiry"] == "2036-01-05"
    valid(schema, "Renewed", answer.json())
    state = api_for(alice).get(url(registered)).json()
    assert state["expiry"] == "2036-01-05" and state["renewals"][0]["total"] == "307.00"


def test_refusals_at_the_field_charge_nothing(alice, registered):  # noqa: F811
    api = api_for(alice)
    for body, path in (
        ({"method": "card", "card_number": "4000000000000002"}, "card_number"),
        ({"method": "card", "card_number": "4242424242424242", "seen_total": "300"}, "seen_total"),
        ({"method": "card", "card_number": "4242424242424242", "designs": [7]}, "designs"),
        ({"method": "current_account"}, "account"),
        ({"method": "cheque"}, "method"),
    ):
        answer = post_json(api, url(registered, "renewal"), body)
        assert answer.status_code == 400, (body, answer.content)
        assert answer.json()["errors"][0]["path"] == path, answer.json()
    assert not Renewal.objects.exists()


def test_what_the_caller_may_not_see_is_a_404_and_a_viewer_may_not_renew(
    charlie,
    vera,
    registered,  # noqa: F811
    registered_for_acme,  # noqa: F811
):
    for what in ("registration", "renewal"):
        assert api_for(charlie).get(url(registered, what)).status_code == 404
    body = {"method": "card", "card_number": "4242424242424242"}
    assert post_json(api_for(charlie), url(registered, "renewal"), body).status_code == 404
    assert api_for(vera).get(url(registered_for_acme)).status_code == 200
    assert post_json(api_for(vera), url(registered_for_acme, "renewal"), body).status_code == 403


def test_a_bulk_renewal_with_one_payment_from_the_firms_account(
    bob,
    bobs_firm,
    erik,
    alice,
    registered,  # noqa: F811
    schema,
):
    rows = [register_application(bob, erik, client=_acme(bobs_firm)) for _ in range(2)]
    account = CurrentAccount.objects.create(
        number="CA-FIRM", holder_name="Bob & Partners", owner_firm=bobs_firm,
        balance=Decimal("1000"),
    )  # fmt: skip
    api = api_for(bob)
    body = {"registrations": [r.number for r in rows], "method": "current_account",
            "account": account.pk, "seen_total": "614.00"}  # fmt: skip
    forged = post_json(api, "/api/v1/renewals/", {**body, "registrations": [registered.number]})
    assert forged.status_code == 404
    answer = post_json(api, "/api/v1/renewals/", body)
    assert answer.status_code == 201, answer.content
    valid(schema, "BulkRenewed", answer.json())
    assert [r["new_expiry"] for r in answer.json()["renewals"]] == ["2036-01-05"] * 2
    assert answer.json()["payment"]["reference"].startswith("BULK-")
    assert Payment.objects.filter(purpose=PaymentPurpose.RENEWAL).count() == 1
    account.refresh_from_db()
    assert account.balance == Decimal("386.00")
    again = post_json(api, "/api/v1/renewals/", body)  # renewed: the next window is not open
    assert again.status_code == 400
    assert again.json()["errors"][0]["path"].startswith(rows[0].number)


def _acme(firm):
    from hague_portal.accounts.models import Client

    return Client.objects.get_or_create(firm=firm, name="ACME Design GmbH")[0]
