"""The token API once registered (issue 22): the application's protection per party and its
publication; the second part of a fee paid through the API, refused at the field as the page
refuses it; the answers match the published schema."""

from datetime import date

import pytest
from jsonschema import Draft202012Validator

from hague_portal.payments.models import CurrentAccount, Payment, PaymentPurpose
from hague_portal.register import services
from hague_portal.register.models import SecondPartStatus
from tests.api.test_schema_and_docs import _resolve
from tests.api.v1_helpers import api_for, post_json

from .conftest import register_application
from .helpers import designation, published, refuse, second_part_due


def detail_url(registration) -> str:
    return f"/api/v1/applications/{registration.examination.submission.number}/"


def pay_url(registration, party="US") -> str:
    return f"{detail_url(registration)}second-parts/{party}/pay/"


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/", {"format": "json"}).json()


def component(schema, name):
    components = schema["components"]["schemas"]
    return _resolve(components[name], components)


def test_the_application_carries_each_partys_protection_and_the_publication(
    registered, alice, olivia, schema
):
    registration = published(registered)
    refuse(registration, olivia, designs=[2])
    answer = api_for(alice).get(detail_url(registration)).json()
    assert answer["published_on"] == "2027-01-05"
    parties = {d["party"]: d for d in answer["designations"]}
    assert parties["US"] == {
        "party": "US",
        "status": "refused",
        "refusal_period_end": "2028-01-05",
        "refused_designs": [2],
        "review_time_limit": "2027-05-03",
        "second_part": None,
    }
    assert parties["CH"]["status"] == "awaiting"
    Draft202012Validator(component(schema, "Application")).validate(answer)


def test_before_registration_there_is_nothing_to_say(alice, erik, media, reference_db):
    from tests.submissions.conftest import make_draft, submit

    submission = submit(make_draft(alice), alice)
    answer = api_for(alice).get(f"/api/v1/applications/{submission.number}/").json()
    assert answer["designations"] == [] and answer["published_on"] is None


def test_a_second_part_paid_by_card(registered, alice, olivia, schema):
    registration = published(registered)
    part = second_part_due(registration, olivia)
    before = api_for(alice).get(detail_url(registration)).json()
    us = next(d for d in before["designations"] if d["party"] == "US")
    assert us["second_part"]["status"] == "due"
    assert us["second_part"]["amount"] == "1150.00"
    assert us["second_part"]["time_limit"] == part.time_limit.isoformat()
    answer = post_json(
        api_for(alice), pay_url(registration), {"method": "card", "card_number": "4242424242424242"}
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "paid"
    assert answer.json()["payment"]["method"] == "card"
    Draft202012Validator(component(schema, "SecondPartPaid")).validate(answer.json())


def test_a_second_part_paid_by_current_account_debits_it_once(registered, alice, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    account = CurrentAccount.objects.get(owner_user=alice)
    before = account.balance
    api = api_for(alice)
    first = post_json(api, pay_url(registration), {"account": account.pk})
    again = post_json(api, pay_url(registration), {"account": account.pk})
    assert first.status_code == 201
    assert again.status_code == 400
    assert again.json()["errors"] == [{"path": "", "message": "This second part is already paid."}]
    account.refresh_from_db()
    assert before - account.balance == 1150
    assert Payment.objects.filter(purpose=PaymentPurpose.SECOND_PART).count() == 1


@pytest.mark.parametrize(
    "body, path, words",
    [
        ({"method": "card", "card_number": "4000000000000002"}, "card_number", "declined"),
        ({"method": "card"}, "card_number", "card number"),
        ({"method": "current_account"}, "account", "current account"),
        ({"method": "cheque"}, "method", "current_account or card"),
    ],
)
def test_refusals_answer_400_at_the_field_and_charge_nothing(
    registered, alice, olivia, body, path, words
):
    registration = published(registered)
    second_part_due(registration, olivia)
    answer = post_json(api_for(alice), pay_url(registration), body)
    assert answer.status_code == 400
    [error] = answer.json()["errors"]
    assert error["path"] == path and words in error["message"]
    assert designation(registration).second_part.status == SecondPartStatus.DUE
    assert not Payment.objects.filter(purpose=PaymentPurpose.SECOND_PART).exists()


def test_an_account_that_does_not_cover_it_answers_400_at_account(registered, alice, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    poor = CurrentAccount.objects.create(number="CA-POOR", owner_user=alice, holder_name="A")
    answer = post_json(api_for(alice), pay_url(registration), {"account": poor.pk})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["path"] == "account"


def test_after_the_time_limit_a_payment_is_refused(alice, erik, media, reference_db, olivia):
    registration = register_application(alice, erik, publication={"mode": "immediate"})
    published(registration, on=date(2026, 1, 5))
    services.second_part_due(
        designation=designation(registration),
        by=olivia,
        time_limit=date(2026, 4, 1),
        today=date(2026, 2, 2),
    )
    answer = post_json(
        api_for(alice), pay_url(registration), {"method": "card", "card_number": "4242424242424242"}
    )
    assert answer.status_code == 400
    assert "late payment is not accepted" in answer.json()["errors"][0]["message"]


def test_a_reader_may_not_pay_and_an_outsider_is_told_nothing(
    registered_for_acme, vera, charlie, olivia
):
    registration = published(registered_for_acme)
    second_part_due(registration, olivia)
    body = {"method": "card", "card_number": "4242424242424242"}
    assert post_json(api_for(vera), pay_url(registration), body).status_code == 403
    assert post_json(api_for(charlie), pay_url(registration), body).status_code == 404


def test_no_second_part_for_the_party_is_a_404(registered, alice):
    answer = post_json(api_for(alice), pay_url(registered, "CH"), {"account": 1})
    assert answer.status_code == 404
