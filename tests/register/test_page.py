"""The application's page once registered (issue 22): each designated party's protection, the
Offices' decisions, and the second part of a fee paid from the page; bad input names its field
and changes nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hague_portal.accounts.models import Office
from hague_portal.payments.models import CurrentAccount, Payment, PaymentPurpose
from hague_portal.payments.selectors import amount_paid
from hague_portal.register import services
from hague_portal.register.models import SecondPartStatus
from tests.factories import UserFactory

from .conftest import register_application
from .helpers import designation, published, refuse, second_part_due


def page(client, submission_number):
    response = client.get(reverse("submissions:detail", args=[submission_number]))
    assert response.status_code == 200
    return response.content.decode()


def number(registration):
    return registration.examination.submission.number


def pay_url(registration, party="US"):
    return reverse("submissions:second_part_pay", args=[number(registration), party])


def test_before_publication_each_party_awaits_and_the_period_starts_at_publication(
    client, alice, registered
):
    client.force_login(alice)
    html = page(client, number(registered))
    assert "Protection in the designated parties" in html
    assert 'data-testid="designation-US" data-status="awaiting"' in html
    assert "The refusal period starts at publication on 5 January 2027." in html


def test_a_refusal_shows_the_designs_grounds_and_the_time_limit_for_a_review(
    client, alice, registered, olivia
):
    registration = published(registered)
    refuse(registration, olivia, designs=[2])
    client.force_login(alice)
    html = page(client, number(registration))
    assert 'data-testid="designation-US" data-status="refused"' in html
    assert "Refused for design(s) 2." in html
    assert "The design lacks novelty over US D900,001." in html
    assert "Time limit for a request for review or appeal before the Office: 3 May 2027." in html
    # The others still wait, with the end of their refusal period (Rule 18(1)(a), Rule 4(4)).
    assert "the refusal period ends on 5 July 2027." in html


def test_grant_and_protection_after_the_period_show_as_such(client, alice, registered, olivia):
    registration = published(registered)
    services.grant_state(designation=designation(registration), by=olivia, today=date(2027, 2, 1))
    services.designations_protect(today=date(2027, 7, 6))
    client.force_login(alice)
    html = page(client, number(registration))
    assert 'data-testid="designation-US" data-status="granted"' in html
    assert "Statement of grant of protection of 1 February 2027 (Rule 18bis)." in html
    assert 'data-testid="designation-CH" data-status="protected"' in html
    assert "ended on 5 July 2027" in html


def test_a_second_part_due_shows_its_amount_time_limit_and_a_pay_form(
    client, alice, registered, olivia
):
    registration = published(registered)
    part = second_part_due(registration, olivia)
    client.force_login(alice)
    html = page(client, number(registration))
    assert "Second part of the fee due: 1,150.00 CHF" in html
    assert part.time_limit.strftime("%-d %B %Y") in html
    assert f'action="{pay_url(registration)}"' in html


def test_a_reader_who_may_not_file_sees_the_part_but_no_form_and_may_not_pay(
    client, vera, acme, bob, erik, registered_for_acme, olivia, media
):
    registration = published(registered_for_acme)
    second_part_due(registration, olivia)
    client.force_login(vera)
    html = page(client, number(registration))
    assert "Second part of the fee due" in html
    assert "second-part-pay-US" not in html
    response = client.post(
        pay_url(registration), {"us-method": "card", "us-card_number": "4242424242424242"}
    )
    assert response.status_code == 403
    assert designation(registration).second_part.status == SecondPartStatus.DUE


def test_outsiders_get_a_404(client, charlie, registered, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    client.force_login(charlie)
    assert client.get(pay_url(registration)).status_code == 404


def test_no_second_part_for_the_party_is_a_404(client, alice, registered):
    client.force_login(alice)
    assert client.get(pay_url(registered, "CH")).status_code == 404


def test_paid_by_current_account_the_balance_is_debited_once(client, alice, registered, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    account = CurrentAccount.objects.get(owner_user=alice)
    before = account.balance
    client.force_login(alice)
    form = {"us-method": "current_account", "us-account": str(account.pk)}
    response = client.post(pay_url(registration), form)
    assert response.status_code == 302
    assert response["Location"].endswith("#protection")
    again = client.post(pay_url(registration), form)  # a second click: refused, page says paid
    assert again.context["form"].non_field_errors() == ["This second part is already paid."]
    assert (
        '<p class="text-success" data-testid="second-part-state">Paid.</p>'
        in again.content.decode()
    )
    account.refresh_from_db()
    assert before - account.balance == Decimal("1150.00")
    assert Payment.objects.filter(purpose=PaymentPurpose.SECOND_PART).count() == 1
    html = page(client, number(registration))
    assert 'data-testid="second-part-US" data-status="paid"' in html


def test_paid_by_card(client, alice, registered, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    client.force_login(alice)
    response = client.post(
        pay_url(registration), {"us-method": "card", "us-card_number": "4242 4242 4242 4242"}
    )
    assert response.status_code == 302
    assert designation(registration).second_part.status == SecondPartStatus.PAID
    # The fees of the application are what they were: the second part is not one of them.
    detail = client.get(reverse("submissions:detail", args=[number(registration)]))
    fees = amount_paid(registration.examination.submission)
    assert detail.context["payment"]["paid"] == fees < Decimal("1150") + fees


def test_a_declined_card_is_said_at_the_card_field_and_nothing_is_charged(
    client, alice, registered, olivia
):
    registration = published(registered)
    second_part_due(registration, olivia)
    client.force_login(alice)
    response = client.post(
        pay_url(registration), {"us-method": "card", "us-card_number": "4000000000000002"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "declined" in errors["card_number"][0]
    assert designation(registration).second_part.status == SecondPartStatus.DUE
    assert not Payment.objects.filter(purpose=PaymentPurpose.SECOND_PART).exists()


def test_an_account_that_does_not_cover_it_is_said_at_the_account_field(
    client, alice, registered, olivia
):
    registration = published(registered)
    second_part_due(registration, olivia)
    account = CurrentAccount.objects.create(number="CA-POOR", owner_user=alice, holder_name="A")
    client.force_login(alice)
    response = client.post(
        pay_url(registration), {"us-method": "current_account", "us-account": str(account.pk)}
    )
    assert "does not cover" in response.context["form"].errors["account"][0] or (
        "is due" in response.context["form"].errors["account"][0]
    )
    assert designation(registration).second_part.status == SecondPartStatus.DUE


def test_a_method_without_its_detail_is_refused_at_the_field(client, alice, registered, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    client.force_login(alice)
    response = client.post(pay_url(registration), {"us-method": "card"})
    assert response.context["form"].errors["card_number"] == ["Enter the card number."]


def test_after_the_time_limit_the_page_says_so_and_a_payment_is_refused(
    client, alice, erik, media, reference_db, olivia
):
    # Published at once (item 17), asked for and due in 2026: the time limit has passed.
    registration = register_application(alice, erik, publication={"mode": "immediate"})
    published(registration, on=date(2026, 1, 5))
    services.second_part_due(
        designation=designation(registration),
        by=olivia,
        time_limit=date(2026, 4, 1),
        today=date(2026, 2, 2),
    )
    client.force_login(alice)
    html = page(client, number(registration))
    assert "The time limit has passed: a late payment is not accepted." in html
    response = client.post(
        pay_url(registration), {"us-method": "card", "us-card_number": "4242424242424242"}
    )
    assert "a late payment is not accepted (Rule 12(3)(d))" in response.content.decode()
    assert designation(registration).second_part.status == SecondPartStatus.DUE


def test_not_paid_in_time_the_page_shows_the_party_cancelled(client, alice, registered, olivia):
    registration = published(registered)
    part = second_part_due(registration, olivia)
    services.second_parts_lapse(today=part.time_limit + timedelta(days=1))
    client.force_login(alice)
    html = page(client, number(registration))
    assert 'data-testid="designation-US" data-status="cancelled"' in html
    assert 'data-testid="second-part-US" data-status="cancelled"' in html


def _page_queries(client, alice, erik, olivia, parties) -> int:
    registration = published(register_application(alice, erik, designations=parties))
    second_part_due(registration, olivia)
    if "MX" in parties:  # a second form on the page
        mexico, _ = Office.objects.get_or_create(party="MX", defaults={"name": "IMPI"})
        services.second_part_due(
            designation=designation(registration, "MX"),
            by=UserFactory(office=mexico),
            time_limit=designation(registration).second_part.time_limit,
            today=date(2027, 3, 1),
        )
        refuse(registration, olivia, designs=[1])  # a decision with grounds
    client.get(reverse("submissions:detail", args=[number(registration)]))  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        page(client, number(registration))
    return len(queries.captured_queries)


def test_the_page_costs_the_same_queries_for_one_or_five_designations(
    client, alice, erik, media, reference_db, olivia
):
    client.force_login(alice)
    one = _page_queries(client, alice, erik, olivia, ("US",))
    five = _page_queries(client, alice, erik, olivia, ("CH", "US", "EM", "MX", "JP"))
    assert five <= one


@pytest.mark.parametrize(
    "role, expected", [("bob", 302), ("fiona", 302), ("vera", 403), ("erik", 403), ("charlie", 404)]
)
def test_who_may_pay_by_role_and_nothing_changes_on_a_refusal(
    client, request, registered_for_acme, olivia, fiona, charlie, role, expected
):
    registration = published(registered_for_acme)
    second_part_due(registration, olivia)
    client.force_login(request.getfixturevalue(role))
    card = {"us-method": "card", "us-card_number": "4242424242424242"}
    response = client.post(pay_url(registration), card)
    assert response.status_code == expected
    status = designation(registration).second_part.status
    assert status == (SecondPartStatus.PAID if expected == 302 else SecondPartStatus.DUE)


def test_signed_out_is_sent_to_sign_in(client, registered, olivia):
    registration = published(registered)
    second_part_due(registration, olivia)
    response = client.post(pay_url(registration), {"us-method": "card"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
