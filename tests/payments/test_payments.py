"""Paying the accepted fees: current account, card, bank transfer; changed fees; underpayment."""

import copy
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from hague_portal.payments import services
from hague_portal.payments.models import CurrentAccount, LedgerEntry, PaymentMethod, PaymentStatus
from hague_portal.submissions.models import Irregularity

from ..submissions.conftest import make_draft, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(alice, media, no_broker):
    return submit(make_draft(alice), alice)


@pytest.fixture
def account(alice):
    return CurrentAccount.objects.create(
        number="12345", holder_name="Alice", owner_user=alice, balance=Decimal("5000.00")
    )


def pay(submission, user, method, **kwargs):
    kwargs.setdefault("current_fees", submission.fees)  # fees unchanged since accepted
    return services.payment_create(submission=submission, user=user, method=method, **kwargs)


def test_a_current_account_is_debited_the_accepted_fees_with_a_ledger_entry(
    submission, alice, account
):
    payment = pay(submission, alice, PaymentMethod.CURRENT_ACCOUNT, account=account)
    account.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.amount == submission.fees_total
    assert payment.fees_sha256 == submission.fees_sha256
    assert account.balance == Decimal("5000.00") - submission.fees_total
    entry = LedgerEntry.objects.get(account=account)
    assert (entry.kind, entry.amount, entry.balance_after) == (
        "debit",
        payment.amount,
        account.balance,
    )


def test_insufficient_funds_is_a_clear_error_and_debits_nothing(alice, account):
    account.balance = Decimal("120.00")
    account.save()
    with pytest.raises(services.InsufficientFunds) as error:
        services.current_account_debit(account=account, amount=Decimal("1234.00"), description="x")
    assert str(error.value) == "Current account 12345 has 120.00 CHF; 1,234.00 CHF is due."
    account.refresh_from_db()
    assert account.balance == Decimal("120.00") and not LedgerEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_debits_never_overdraw_the_account(alice):
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL is not PostgreSQL: SQLite has no row locks to test")
    account = CurrentAccount.objects.create(
        number="777", holder_name="A", owner_user=alice, balance=Decimal("150.00")
    )

    def debit(_):
        try:
            services.current_account_debit(account=account, amount=Decimal("100"), description="x")
            return "ok"
        except services.InsufficientFunds:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = sorted(pool.map(debit, range(4)))
    account.refresh_from_db()
    assert results == ["ok", "refused", "refused", "refused"]
    assert account.balance == Decimal("50.00")


@pytest.mark.parametrize(
    ("card", "status"),
    [
        ("4242 4242 4242 4242", PaymentStatus.PAID),
        ("4000 0000 0000 0002", PaymentStatus.DECLINED),
        ("4000 0000 0000 3220", PaymentStatus.PENDING),
    ],
)
def test_the_test_card_provider_decides_by_card_number(submission, alice, card, status):
    assert pay(submission, alice, PaymentMethod.CARD, card_number=card).status == status


def test_a_declined_card_can_be_followed_by_another_payment(submission, alice):
    pay(submission, alice, PaymentMethod.CARD, card_number="4000000000000002")
    assert (
        pay(submission, alice, PaymentMethod.CARD, card_number="4242424242424242").status == "paid"
    )


def test_fees_are_not_paid_twice(submission, alice):
    pay(submission, alice, PaymentMethod.CARD, card_number="4242424242424242")
    with pytest.raises(services.PaymentError, match="already paid"):
        pay(submission, alice, PaymentMethod.CARD, card_number="4242424242424242")


def test_a_bank_transfer_awaits_payment_under_its_reference(submission, alice):
    payment = pay(submission, alice, PaymentMethod.BANK_TRANSFER)
    assert payment.status == PaymentStatus.AWAITING_PAYMENT
    assert payment.reference.startswith(submission.number)


def test_a_short_bank_transfer_is_a_fee_irregularity(submission, alice, monkeypatch):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    payment = pay(submission, alice, PaymentMethod.BANK_TRANSFER)
    services.payment_record_transfer(payment=payment, amount_received=Decimal("100.00"))
    irregularity = Irregularity.objects.get(submission=submission, kind="fee")
    assert irregularity.code == "fees.underpaid"
    assert "100.00 CHF paid" in irregularity.message


def higher(fees: dict, by: str = "50.00") -> dict:
    current = copy.deepcopy(fees)
    line = current["lines"][0]
    line["amount"] = str(Decimal(line["amount"]) + Decimal(by))
    current["total_due_at_filing"] = str(Decimal(current["total_due_at_filing"]) + Decimal(by))
    return current


def test_fees_changed_lists_each_difference_and_the_total(submission):
    current = higher(submission.fees)
    differences = services.fees_changed(submission.fees, current)
    assert [d["fee"] for d in differences] == [current["lines"][0]["label"], "Total due at filing"]
    assert differences[-1]["current"] == current["total_due_at_filing"]
    assert services.fees_changed(submission.fees, submission.fees) == []


def test_changed_fees_are_shown_before_paying_and_underpayment_is_an_irregularity(
    submission, alice
):
    current = higher(submission.fees)
    with pytest.raises(services.FeesChanged) as error:
        pay(
            submission,
            alice,
            PaymentMethod.CARD,
            card_number="4242424242424242",
            current_fees=current,
        )
    assert error.value.differences
    payment = pay(
        submission,
        alice,
        PaymentMethod.CARD,
        card_number="4242424242424242",
        current_fees=current,
        fees_seen=True,
    )
    assert payment.amount == submission.fees_total  # what was accepted is charged
    assert Irregularity.objects.filter(submission=submission, code="fees.underpaid").exists()


def test_the_acknowledgement_page_shows_the_payment_state(client, alice, submission):
    pay(submission, alice, PaymentMethod.BANK_TRANSFER)
    client.force_login(alice)
    html = client.get(reverse("submissions:detail", args=[submission.number])).content.decode()
    assert "Awaiting payment" in html


def test_the_pay_page_pays_by_card_and_shows_the_receipt(client, alice, submission, monkeypatch):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    client.force_login(alice)
    response = client.post(
        reverse("submissions:pay", args=[submission.number]),
        {"method": "card", "card_number": "4242424242424242"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Receipt for payment" in response.content.decode()


def test_the_pay_page_tells_of_changed_fees(client, alice, submission, monkeypatch):
    monkeypatch.setattr(services, "fees_current", lambda s: higher(s.fees))
    client.force_login(alice)
    html = client.get(reverse("submissions:pay", args=[submission.number])).content.decode()
    assert "The fees have changed since you accepted them" in html


def test_receipts_are_404_for_outsiders(client, alice, charlie, submission):
    payment = pay(submission, alice, PaymentMethod.BANK_TRANSFER)
    client.force_login(charlie)
    receipt = reverse("submissions:payment_receipt", args=[submission.number, payment.reference])
    assert client.get(receipt).status_code == 404
