"""Renewal on the representative's side (issue 23): where each registration stands on the
workbench, the filter by renewal due, and renewing several registrations with one payment."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from hague_portal.payments.models import CurrentAccount, Payment, PaymentPurpose, PaymentStatus
from hague_portal.portfolio.models import Protection
from hague_portal.register.models import Renewal
from hague_portal.register.services.common import RegisterError
from hague_portal.register.services.renewals import renewal_quote
from hague_portal.register.services.renewals_bulk import renewals_pay_bulk, renewals_quote_bulk

from ..register.conftest import (  # noqa: F401 - fixtures
    geneva,
    media,
    no_broker,
    reference_db,
    register_application,
    registered,
)

EXPIRY = date(2031, 1, 5)  # five years from the registration of 5 January 2026
IN_WINDOW = date(2030, 10, 1)  # the renewal window opened on 5 July 2030 (Rule 23)
IN_GRACE = date(2031, 3, 2)


@pytest.fixture
def clock():
    @contextmanager
    def at(day, client=None, user=None):
        with time_machine.travel(geneva(day), tick=False):
            if client is not None:
                client.force_login(user)  # a session of that day
            yield

    return at


@pytest.fixture
def acme_registrations(bob, acme, erik, media, reference_db):  # noqa: F811
    """Three registrations Bob filed for his firm's client ACME."""
    return [register_application(bob, erik, client=acme) for _ in range(3)]


def _protection(registration):
    return Protection.objects.get(draft_id=registration.examination.submission.draft_id)


def _firm_account(bob, bobs_firm):
    return CurrentAccount.objects.create(
        number="CA-FIRM", holder_name="Bob & Partners", owner_firm=bobs_firm,
        balance=Decimal("10000"),
    )  # fmt: skip


def test_the_workbench_keeps_each_registrations_renewal_dates(registered, alice):  # noqa: F811
    protection = _protection(registered)
    assert (protection.register_status, protection.term) == ("in_force", 1)
    assert protection.expiry == EXPIRY and protection.renewal_opens == date(2030, 7, 5)
    # Rule 4(4): 5 January 2031 is a Sunday, so the last day without surcharge is the Monday.
    assert protection.due == date(2031, 1, 6) and protection.grace_end == date(2031, 7, 7)
    renewals_pay_bulk(
        registrations=[registered], user=alice, method="card", card_number="4242424242424242",
        today=IN_WINDOW,
    )  # fmt: skip
    protection.refresh_from_db()
    assert protection.term == 2 and protection.expiry == date(2036, 1, 5)


def test_each_row_says_where_its_renewal_stands(client, alice, registered, clock):  # noqa: F811
    for day, state, words in (
        (date(2028, 1, 1), "not_open", "expires 5 January 2031; renewal from 5 July 2030"),
        (IN_WINDOW, "open", "renewal due 6 January 2031"),
        (IN_GRACE, "grace", "grace period ends 7 July 2031"),
        (date(2031, 8, 1), "lapsed", "lapsed: not renewed"),
    ):
        with clock(day, client, alice):
            [row] = client.get(reverse("workbench"), {"tab": "registered"}).context["rows"]
        assert (row.renewal.state, row.renewal.words) == (state, words)


def test_the_renewal_filter_finds_what_is_due_within_the_period(client, alice, registered, clock):  # noqa: F811
    def found(key, day):
        with clock(day, client, alice):
            rows = client.get(reverse("workbench"), {"renewal": key}).context["rows"]
        return [row.registration_number for row in rows]

    number = registered.number
    assert found("3", date(2030, 9, 1)) == [] and found("6", date(2030, 9, 1)) == [number]
    assert found("12", date(2030, 2, 1)) == [number] and found("grace", IN_WINDOW) == []
    assert found("grace", IN_GRACE) == [number] and found("3", IN_GRACE) == [number]
    assert found("12", date(2031, 8, 1)) == []  # the grace period is over


def test_the_filter_costs_no_query_per_row(client, alice, erik, registered, clock):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with clock(IN_WINDOW, client, alice), CaptureQueriesContext(connection) as one:
        client.get(reverse("workbench"), {"renewal": "6"})
    for _ in range(3):
        register_application(alice, erik)
    with clock(IN_WINDOW, client, alice), CaptureQueriesContext(connection) as four:
        assert len(client.get(reverse("workbench"), {"renewal": "6"}).context["rows"]) == 4
    assert len(four) == len(one)


def test_one_payment_renews_each_registration_with_its_own_fees(bob, bobs_firm, acme_registrations):
    account = _firm_account(bob, bobs_firm)
    quote = renewals_quote_bulk(registrations=acme_registrations, today=IN_WINDOW)
    each = [renewal_quote(registration=r, today=IN_WINDOW).total for r in acme_registrations]
    assert quote.total == sum(each) == Decimal("921.00")  # 307 CHF each
    renewed = renewals_pay_bulk(
        registrations=acme_registrations, user=bob, method="current_account", account=account,
        seen_total=quote.total, today=IN_WINDOW,
    )  # fmt: skip
    [payment] = Payment.objects.filter(purpose=PaymentPurpose.RENEWAL)
    assert payment.reference.startswith("BULK-") and payment.submission is None
    assert payment.amount == Decimal("921.00") and payment.status == PaymentStatus.PAID
    account.refresh_from_db()
    assert account.balance == Decimal("10000") - Decimal("921.00")  # debited once
    assert {r.registration_id for r in renewed} == {r.pk for r in acme_registrations}
    assert all(r.payment == payment and r.total == Decimal("307.00") for r in renewed)


def test_a_declined_card_renews_nothing(bob, acme_registrations):
    with pytest.raises(RegisterError) as refused:
        renewals_pay_bulk(
            registrations=acme_registrations, user=bob, method="card",
            card_number="4000000000000002", today=IN_WINDOW,
        )  # fmt: skip
    assert "declined" in refused.value.message_dict["card_number"][0]
    assert not Renewal.objects.exists()
    assert not Payment.objects.filter(purpose=PaymentPurpose.RENEWAL).exists()


def test_one_registration_that_cannot_be_renewed_stops_them_all_and_is_named(
    bob, acme_registrations
):
    lapsing = acme_registrations[1]
    lapsing.designations.update(register_status="renounced")
    with pytest.raises(RegisterError) as refused:
        renewals_pay_bulk(
            registrations=acme_registrations, user=bob, method="card",
            card_number="4242424242424242", today=IN_WINDOW,
        )  # fmt: skip
    [(field, [message])] = refused.value.message_dict.items()
    assert field == f"{lapsing.number}.parties" and message.startswith(lapsing.number)
    assert not Renewal.objects.exists()
    assert not Payment.objects.filter(purpose=PaymentPurpose.RENEWAL).exists()


def test_the_service_refuses_a_registration_the_user_may_not_renew(
    vera,
    alice,
    registered,  # noqa: F811
    acme_registrations,
):
    for user, rows in ((vera, acme_registrations), (alice, acme_registrations[:1])):
        with pytest.raises(RegisterError, match="No registration you may renew"):
            renewals_pay_bulk(
                registrations=rows, user=user, method="card", card_number="4242424242424242",
                today=IN_WINDOW,
            )  # fmt: skip
    assert not Renewal.objects.exists()


def test_the_page_shows_one_itemised_total_and_lists_what_is_excluded(
    client, bob, acme_registrations, alice, erik, clock
):
    other = register_application(alice, erik)  # not Bob's to see
    early = register_application(bob, erik)
    from hague_portal.register.models import Registration

    Registration.objects.filter(pk=early.pk).update(expiry=date(2036, 1, 5), term=2)
    drafts = [r.examination.submission.draft_id for r in [*acme_registrations, early]]
    with clock(IN_WINDOW, client, bob):
        page = client.get(reverse("portfolio:renewals"), {"application": drafts})
        html = page.content.decode()
        assert page.context["quote"].total == Decimal("921.00")
        assert '<td class="text-end" data-testid="grand-total">921.00</td>' in html
        [(number, why)] = page.context["excluded"]
        assert number == early.number and "can be paid from 2035-07-05" in why
        forged = [*drafts, other.examination.submission.draft_id]
        assert client.get(reverse("portfolio:renewals"), {"application": forged}).status_code == 404


def test_paying_from_the_page_renews_each_and_a_forged_number_is_a_404(
    client, bob, bobs_firm, acme_registrations, alice, erik, clock
):
    other = register_application(alice, erik)
    _firm_account(bob, bobs_firm)
    numbers = [r.number for r in acme_registrations]
    url = reverse("portfolio:renewals")
    with clock(IN_WINDOW, client, bob):
        post = {"registration": [*numbers, other.number], "method": "card",
                "card_number": "4242424242424242", "seen_total": "1228.00"}  # fmt: skip
        assert client.post(url, post).status_code == 404
        wrong = {**post, "registration": numbers, "seen_total": "900.00"}
        refused = client.post(url, wrong)
        assert refused.status_code == 400 and "not 900.00" in refused.content.decode()
        paid = client.post(url, {**wrong, "seen_total": "921.00"}, follow=True)
    assert [r.registration.number for r in paid.context["renewals"]] == sorted(numbers)
    assert Renewal.objects.count() == 3 and Payment.objects.filter(purpose="renewal").count() == 1
    # What the payment renewed is its payer's to read: anyone else is told it does not exist.
    reference = Payment.objects.get(purpose="renewal").reference
    client.force_login(alice)
    assert client.get(reverse("portfolio:renewals_paid", args=[reference])).status_code == 404


def test_all_due_in_a_period_are_quoted_together(client, bob, acme_registrations, clock):
    with clock(IN_WINDOW, client, bob):
        page = client.get(reverse("portfolio:renewals"), {"due": "6"})
    assert {i.registration.number for i in page.context["quote"].renewable} == {
        r.number for r in acme_registrations
    }


def test_the_workbench_sends_the_selected_rows_to_the_renewal_page(client, bob, acme_registrations):
    client.force_login(bob)
    drafts = [str(r.examination.submission.draft_id) for r in acme_registrations[:2]]
    response = client.post(reverse("portfolio:bulk"), {"application": drafts, "action": "renew"})
    assert response.status_code == 302 and response.url.startswith(reverse("portfolio:renewals"))
    assert all(d in response.url for d in drafts)


def test_the_time_limits_show_the_renewal_due_and_the_end_of_the_grace_period(
    alice,
    registered,  # noqa: F811
    clock,
):
    from hague_portal.portfolio.selectors_deadlines import deadlines_page, deadlines_window

    with clock(date(2030, 12, 1)):
        listed = deadlines_page(user=alice, page=1)
        window = deadlines_window(user=alice)
    renewal = [d for d in listed.deadlines if d.uid.startswith("renewal-")]
    assert [(d.on, d.what) for d in renewal] == [
        (
            date(2031, 1, 6),
            f"Renewal of {registered.number} due (the expiry; payable from 5 July 2030)",
        ),
        (
            date(2031, 7, 7),
            f"Renewal of {registered.number}: the grace period ends (with the surcharge, "
            "Rule 24(1)(c))",
        ),
    ]
    assert (
        renewal[0].days_left == 36 and renewal[0].number == registered.examination.submission.number
    )
    assert [d.uid for d in window if d.uid.startswith("renewal-")] == [d.uid for d in renewal]
    with clock(date(2031, 2, 1)):  # the expiry passed: only the grace period's end is left
        left = [d.on for d in deadlines_page(user=alice, page=1).deadlines if "Renewal" in d.what]
    assert left == [date(2031, 7, 7)]


def test_a_renewed_registrations_time_limits_move_to_its_next_term(
    alice,
    registered,  # noqa: F811
    clock,
):
    from hague_portal.portfolio.selectors_deadlines import deadlines_page

    renewals_pay_bulk(
        registrations=[registered], user=alice, method="card", card_number="4242424242424242",
        today=IN_WINDOW,
    )  # fmt: skip
    with clock(IN_WINDOW):
        days = [d.on for d in deadlines_page(user=alice, page=1).deadlines if "Renewal" in d.what]
    assert days == [date(2036, 1, 7), date(2036, 7, 7)]  # 5 Jan 2036 is a Saturday: Rule 4(4)
