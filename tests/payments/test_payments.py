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


def test_a_declined_card_stays_on_the_pay_page_with_the_reason_at_the_card_number(
    client, alice, submission, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    response = post_pay(client, alice, submission, method="card", card_number="4000000000000002")
    assert response.status_code == 200  # no redirect to a "receipt" for nothing
    assert response.context["form"].errors["card_number"] == [
        "The card was declined by the issuer. Check the card number, or use another card."
    ]
    html = response.content.decode()
    assert "Your card was declined: nothing was charged." in html
    assert 'value="4000000000000002"' in html  # what was typed is kept
    assert submission.fees_sha256 not in html


def test_a_declined_payments_page_offers_to_try_again(client, alice, submission):
    payment = pay(submission, alice, PaymentMethod.CARD, card_number="4000000000000002")
    client.force_login(alice)
    receipt = reverse("submissions:payment_receipt", args=[submission.number, payment.reference])
    html = client.get(receipt).content.decode()
    assert "Try again or pay another way" in html
    assert reverse("submissions:pay", args=[submission.number]) in html
    assert "Receipt for" not in html and submission.fees_sha256[:19] not in html


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


# --- who may pay (issue 8) -----------------------------------------------------------------------


@pytest.fixture
def firm_submission(bob, acme, media, no_broker):
    return submit(make_draft(bob, client=acme), bob)


@pytest.fixture
def firm_account(bobs_firm):
    return CurrentAccount.objects.create(
        number="FIRM-1", holder_name="Bob & Partners", owner_firm=bobs_firm, balance=5000
    )


def post_pay(client, user, submission, **data):
    client.force_login(user)
    return client.post(reverse("submissions:pay", args=[submission.number]), data)


def test_a_firm_viewer_cannot_pay_from_the_firms_current_account(
    client, vera, firm_submission, firm_account, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    data = {"method": "current_account", "account": firm_account.pk}
    assert post_pay(client, vera, firm_submission, **data).status_code == 403
    firm_account.refresh_from_db()
    assert firm_account.balance == 5000 and not firm_submission.payments.exists()


def test_staff_cannot_create_a_payment_that_would_block_the_owner(
    client, erik, alice, submission, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    assert post_pay(client, erik, submission, method="bank_transfer").status_code == 403
    assert not submission.payments.exists()
    response = post_pay(client, alice, submission, method="bank_transfer")
    assert response.status_code == 302 and submission.payments.get().created_by == alice


def test_a_firm_editor_pays_from_the_firms_current_account(
    client, bob, firm_submission, firm_account, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    data = {"method": "current_account", "account": firm_account.pk}
    assert post_pay(client, bob, firm_submission, **data).status_code == 302
    firm_account.refresh_from_db()
    assert firm_account.balance == 5000 - firm_submission.fees_total


def test_the_firms_account_is_not_offered_to_a_viewer_who_files_for_herself(
    client, vera, firm_account, media, no_broker, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    own = submit(make_draft(vera), vera)
    response = post_pay(client, vera, own, method="current_account", account=firm_account.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    firm_account.refresh_from_db()
    assert firm_account.balance == 5000


def test_the_acknowledgement_page_offers_payment_only_to_those_who_may_file(
    client, bob, vera, firm_submission
):
    pay_url = reverse("submissions:pay", args=[firm_submission.number])
    detail = reverse("submissions:detail", args=[firm_submission.number])
    client.force_login(bob)
    assert pay_url in client.get(detail).content.decode()
    client.force_login(vera)
    assert pay_url not in client.get(detail).content.decode()


def test_the_pay_page_preselects_the_method_chosen_in_the_wizard_and_the_only_account(
    client, alice, account, media, no_broker, monkeypatch
):
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    chosen = submit_choosing(make_draft(alice), alice, method="card")
    client.force_login(alice)
    form = client.get(reverse("submissions:pay", args=[chosen.number])).context["form"]
    assert form["method"].value() == "card" and form["account"].value() == account.pk


def submit_choosing(draft, user, *, method):
    """Submit as the wizard does: the method of the Fees step is kept with the document."""
    from django.db import transaction

    from hague_portal.filings.selectors import draft_document
    from hague_portal.submissions.services import submission_create

    from ..submissions.conftest import fees_for

    draft.document = {**draft.document, "payment": {"method": method}}
    draft.save(update_fields=["document"])
    with transaction.atomic():
        doc = draft_document(draft)
        fees = fees_for({k: v for k, v in doc.items() if k != "payment"})
        return submission_create(draft=draft, user=user, document=doc, fees=fees)


def test_a_viewer_sent_to_the_pay_page_is_told_why_not_in_the_site_layout(
    client, vera, firm_submission
):
    client.force_login(vera)
    response = client.get(reverse("submissions:pay", args=[firm_submission.number]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Only those who may file for this application may pay its fees." in html
    assert 'aria-label="Main navigation"' in html and "Nothing was changed." in html


def test_the_pay_page_numbers_no_item_for_the_payment_method(
    client, alice, account, media, no_broker, monkeypatch
):
    # Guide: the payment of fees is the fee payment sheet after item 19, which is the signature.
    monkeypatch.setattr(services, "fees_current", lambda s: s.fees)
    chosen = submit_choosing(make_draft(alice), alice, method="card")
    client.force_login(alice)
    text = client.get(reverse("submissions:pay", args=[chosen.number])).content.decode()
    assert "the method you chose at the application's Fees and payment step" in text
    assert "item 19" not in text
