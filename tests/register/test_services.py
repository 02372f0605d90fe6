"""The Register after registration (issue 22): publication, the Offices' decisions, the second
part of a two-part fee, each with its Rule; bad input changes nothing."""

from datetime import date

import pytest

from hague_portal.events.models import Event
from hague_portal.hague.clock import GENEVA
from hague_portal.payments.models import CurrentAccount, Payment, PaymentMethod, PaymentPurpose
from hague_portal.payments.selectors import amount_paid
from hague_portal.register import services
from hague_portal.register.models import Decision, DesignationStatus, SecondPartStatus
from hague_portal.register.selectors import registrations_for_office
from hague_portal.register.services.common import moment

PUBLISHED = date(2027, 1, 5)  # 12 months after the registration of 5 January 2026


def published(registration):
    services.registrations_publish(today=PUBLISHED)
    registration.refresh_from_db()
    return registration


def us(registration):
    return registration.designations.get(party="US")


def refuse(designation, by, **changes):
    fields = {
        "designs": [],
        "grounds": "The design lacks novelty over US D900,001.",
        "provisions": "35 U.S.C. 171",
        "review_time_limit": date(2027, 5, 1),
        "review_authority": "USPTO, Patent Trial and Appeal Board",
        "today": date(2027, 2, 1),
    }
    fields.update(changes)
    return services.refusal_notify(designation=designation, by=by, **fields)


def test_registration_opens_a_designation_per_party_awaiting_decision(registered):
    parties = dict(registered.designations.values_list("party", "status"))
    assert parties == dict.fromkeys(("CH", "US", "EM"), DesignationStatus.AWAITING)
    assert registered.publication_date == PUBLISHED
    assert registered.published_on is None


def test_nothing_is_published_or_shown_to_an_office_before_the_publication_date(registered, olivia):
    assert services.registrations_publish(today=date(2027, 1, 4)) == 0
    assert not registrations_for_office(user=olivia, today=date(2027, 1, 4)).exists()


def test_publication_starts_each_refusal_period_with_rule_4_4(registered, olivia):
    registration = published(registered)
    assert registration.published_on == PUBLISHED
    ends = dict(registration.designations.values_list("party", "refusal_period_end"))
    # Rule 18(1)(a): six months (CH, EM): 5 July 2027 is a Monday. US declared twelve months
    # (Rule 18(1)(b)): 5 January 2028, a Wednesday.
    assert ends == {"CH": date(2027, 7, 5), "EM": date(2027, 7, 5), "US": date(2028, 1, 5)}
    assert list(registrations_for_office(user=olivia, today=PUBLISHED)) == [registration]
    assert Event.objects.filter(kind="registration.published").count() == 1


def test_a_refusal_within_the_period_is_recorded_and_reaches_the_holders_stream(registered, olivia):
    registration = published(registered)
    refuse(us(registration), olivia, designs=[2])
    designation = us(registration)
    assert designation.status == DesignationStatus.REFUSED
    assert designation.refused_designs == [2]
    event = Event.objects.get(kind="designation.refused")
    assert event.applicant_visible and event.after["party"] == "US"
    assert event.after["designs"] == [2]


def test_a_refusal_after_the_period_is_not_recorded_rule_19(registered, olivia):
    registration = published(registered)
    with pytest.raises(services.RegisterError, match="Rule 19"):
        refuse(us(registration), olivia, today=date(2028, 1, 6))
    assert us(registration).status == DesignationStatus.AWAITING
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"grounds": "  "}, "grounds"),
        ({"provisions": ""}, "provisions"),
        ({"review_time_limit": None}, "review_time_limit"),
        ({"review_authority": ""}, "review_authority"),
        ({"designs": [3]}, "designs"),
    ],
)
def test_an_incomplete_refusal_names_the_field_and_changes_nothing(
    registered, olivia, changes, field
):
    registration = published(registered)
    with pytest.raises(services.RegisterError) as raised:
        refuse(us(registration), olivia, **changes)
    assert field in raised.value.error_dict
    assert us(registration).status == DesignationStatus.AWAITING
    assert not Event.objects.filter(kind="designation.refused").exists()


def test_an_office_of_another_party_cannot_decide(registered, oscar):
    registration = published(registered)
    with pytest.raises(services.RegisterError, match="Only the Office of US"):
        refuse(us(registration), oscar)


def test_withdrawal_then_grant_after_a_partial_refusal(registered, olivia):
    registration = published(registered)
    refuse(us(registration), olivia)  # all designs
    services.refusal_withdraw(
        designation=us(registration), by=olivia, designs=[1], today=date(2027, 3, 1)
    )
    assert us(registration).refused_designs == [2]
    services.grant_state(
        designation=us(registration), by=olivia, designs=[2], today=date(2027, 4, 1)
    )
    assert us(registration).status == DesignationStatus.GRANTED
    assert us(registration).refused_designs == []


def test_no_refusal_in_the_period_means_protection_article_14_2_a(registered):
    registration = published(registered)
    assert services.designations_protect(today=date(2027, 7, 5)) == 0  # the last day
    assert services.designations_protect(today=date(2027, 7, 6)) == 2  # CH and EM
    statuses = dict(registration.designations.values_list("party", "status"))
    assert statuses == {"CH": "protected", "EM": "protected", "US": "awaiting"}


def test_second_part_due_paid_by_current_account(registered, olivia, alice):
    registration = published(registered)
    part = services.second_part_due(designation=us(registration), by=olivia, today=date(2027, 3, 1))
    # The Schedule in force on the registration date (2026-01-05): 1,150 CHF.
    assert str(part.amount) == "1150.00"
    assert part.time_limit == date(2027, 6, 1)  # three months on, Rule 4(4)-checked
    filing_fees = amount_paid(registration.examination.submission)
    account = CurrentAccount.objects.get(owner_user=alice)
    before = account.balance
    services.second_part_pay(
        second_part=part,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
        today=date(2027, 5, 1),
    )
    part.refresh_from_db()
    account.refresh_from_db()
    assert part.status == SecondPartStatus.PAID
    assert before - account.balance == part.amount
    assert Payment.objects.get(purpose=PaymentPurpose.SECOND_PART).amount == part.amount
    # The filing's fees are what they were: the second part is not a fee of the application.
    assert amount_paid(registration.examination.submission) == filing_fees


def test_second_part_not_paid_in_time_cancels_the_designation(registered, olivia, alice):
    registration = published(registered)
    part = services.second_part_due(designation=us(registration), by=olivia, today=date(2027, 3, 1))
    with pytest.raises(services.RegisterError, match="late payment"):
        services.second_part_pay(
            second_part=part, user=alice, method="card", today=date(2027, 6, 2)
        )
    assert services.second_parts_lapse(today=date(2027, 6, 1)) == 0
    assert services.second_parts_lapse(today=date(2027, 6, 2)) == 1
    assert us(registration).status == DesignationStatus.CANCELLED
    assert Event.objects.get(kind="designation.cancelled").after["reason"] == "second_part_unpaid"


def test_second_part_only_for_a_party_that_declared_two_parts(registered):
    from hague_portal.accounts.models import Office
    from tests.factories import UserFactory

    swiss = UserFactory(email="o@ipi.example", office=Office.objects.create(party="CH", name="IPI"))
    registration = published(registered)
    with pytest.raises(services.RegisterError, match="two parts"):
        services.second_part_due(
            designation=registration.designations.get(party="CH"), by=swiss, today=PUBLISHED
        )


def test_a_refusal_missing_several_parts_names_each_at_once(registered, olivia):
    registration = published(registered)
    with pytest.raises(services.RegisterError) as raised:
        refuse(us(registration), olivia, grounds="", review_time_limit=None, review_authority="")
    assert set(raised.value.error_dict) == {"grounds", "review_time_limit", "review_authority"}
    assert not Decision.objects.exists()


def test_a_decision_given_a_day_is_received_on_that_day(published, olivia):
    # The demo and catch-ups pass the day: the decision's date is that day, not the machine's.
    us = published.designations.get(party="US")
    services.grant_state(designation=us, by=olivia, today=date(2027, 2, 3))
    received = Decision.objects.get(designation=us).received_at
    assert received.astimezone(GENEVA).date() == date(2027, 2, 3)
    assert moment(date(2027, 2, 3)).date() == date(2027, 2, 3)
