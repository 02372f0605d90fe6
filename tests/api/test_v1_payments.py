"""Paying through the token API (issue 19): the account named at submit is debited exactly as the
wizard debits it, or nothing is filed and the answer says why at `account`; the application shows
its fees due, paid and remaining; the pay endpoint pays what is due from a current account."""

from decimal import Decimal

import pytest

from hague_portal.accounts.models import FirmRole
from hague_portal.examination import services as examination
from hague_portal.filings.models import Draft, DraftStatus
from hague_portal.payments.models import CurrentAccount, LedgerEntry, Payment
from hague_portal.payments.selectors import amount_paid
from hague_portal.payments.submit import draft_submit
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import Irregularity, IrregularityStatus, Submission
from tests.factories import MembershipFactory
from tests.submissions.conftest import make_draft, submit

from .v1_helpers import api_for, post_json

pytestmark = pytest.mark.django_db

BALANCE = Decimal("5000.00")


def account_of(user=None, *, firm=None, balance=BALANCE, number="1001") -> CurrentAccount:
    return CurrentAccount.objects.create(
        number=number, holder_name="Holder", owner_user=user, owner_firm=firm, balance=balance
    )


def submit_url(draft) -> str:
    return f"/api/v1/drafts/{draft.pk}/submit/"


def api_submit(api, draft, key="k-1", **body):
    return post_json(
        api, submit_url(draft), {"version": draft.version, **body}, **{"HTTP_IDEMPOTENCY_KEY": key}
    )


def test_submit_with_an_account_debits_it_to_the_centime_as_the_wizard_does(
    alice, media, no_broker
):
    # The same application filed twice: through the wizard's service, the current account chosen
    # at the Fees step; and through the API naming the account (no payment key in the document).
    by_wizard = make_draft(alice, designs=2, payment={"method": "current_account"})
    by_api = make_draft(alice, designs=2)
    wizard_account = account_of(alice, number="1001")
    api_account = account_of(alice, number="1002")
    draft_submit(
        draft=by_wizard,
        user=alice,
        seen_version=by_wizard.version,
        ref=reference_data(),
        account=wizard_account,
    )

    answer = api_submit(api_for(alice), by_api, account=api_account.pk)

    assert answer.status_code == 201, answer.json()
    wizard_filed = Submission.objects.get(draft=by_wizard)
    api_filed = Submission.objects.get(number=answer.json()["number"])
    wizard_account.refresh_from_db()
    api_account.refresh_from_db()
    assert api_filed.fees_total == wizard_filed.fees_total > 0
    assert api_account.balance == wizard_account.balance == BALANCE - wizard_filed.fees_total
    assert amount_paid(api_filed) == amount_paid(wizard_filed) == wizard_filed.fees_total
    assert [e.amount for e in LedgerEntry.objects.filter(account=api_account)] == [
        wizard_filed.fees_total
    ]
    fees = answer.json()["fees"]
    assert (fees["paid"], fees["due"]) == (str(api_filed.fees_total), "0.00")
    (payment,) = answer.json()["payments"]
    assert (payment["status"], payment["account"]) == ("paid", api_account.pk)


def test_an_account_that_does_not_cover_the_fees_is_refused_at_account_and_nothing_is_filed(
    alice, media, no_broker
):
    draft = make_draft(alice, designs=1)
    poor = account_of(alice, balance=Decimal("10.00"))
    api = api_for(alice)

    refused = api_submit(api, draft, key="same-key", account=poor.pk)

    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["path"] == "account" and "10.00 CHF" in error["message"]
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.DRAFT
    assert not Submission.objects.exists() and not Payment.objects.exists()
    poor.refresh_from_db()
    assert poor.balance == Decimal("10.00")
    # The key was not spent on the refusal: the retry with a covering account files.
    rich = account_of(alice, number="1002")
    assert api_submit(api, draft, key="same-key", account=rich.pk).status_code == 201


def test_an_account_not_yours_is_refused_400_and_a_firm_account_your_role_may_not_spend_403(
    alice, charlie, bobs_firm, media, no_broker
):
    draft = make_draft(alice, designs=1)
    api = api_for(alice)
    MembershipFactory(firm=bobs_firm, user=alice, role=FirmRole.VIEWER)
    firms = account_of(firm=bobs_firm, number="2001")
    charlies = account_of(charlie, number="3001")

    unknown = api_submit(api, draft, key="a", account=charlies.pk)
    viewer = api_submit(api, draft, key="b", account=firms.pk)
    malformed = api_submit(api, draft, key="c", account="1001")

    assert unknown.status_code == 400 and unknown.json()["errors"][0]["path"] == "account"
    assert viewer.status_code == 403 and viewer.json()["errors"][0]["path"] == "account"
    assert "Bob & Partners" in viewer.json()["errors"][0]["message"]
    assert malformed.status_code == 400 and malformed.json()["errors"][0]["path"] == "account"
    assert not Submission.objects.exists()
    firms.refresh_from_db()
    charlies.refresh_from_db()
    assert firms.balance == charlies.balance == BALANCE


def test_the_accounts_listed_are_those_one_may_debit(alice, bob, vera, bobs_firm, charlie):
    own = account_of(alice)
    firms = account_of(firm=bobs_firm, number="2001")
    listed = {
        user: [a["id"] for a in api_for(user).get("/api/v1/accounts/").json()["results"]]
        for user in (alice, bob, vera, charlie)
    }
    assert listed == {alice: [own.pk], bob: [firms.pk], vera: [], charlie: []}
    (row,) = api_for(bob).get("/api/v1/accounts/").json()["results"]
    assert row == {
        "id": firms.pk,
        "number": "2001",
        "holder_name": "Holder",
        "firm": bobs_firm.pk,
        "balance": "5000.00",
        "currency": "CHF",
    }


@pytest.fixture
def filed_unpaid(alice, media, no_broker):
    """Filed through the API without an account: its fees are due."""
    draft = make_draft(alice, designs=2)
    answer = api_submit(api_for(alice), draft)
    assert answer.status_code == 201
    return Submission.objects.get(number=answer.json()["number"])


def pay(api, submission, **body):
    return post_json(api, f"/api/v1/applications/{submission.number}/pay/", body)


def test_the_application_shows_fees_due_and_pay_pays_them_then_a_shortfall_to_the_centime(
    alice, erik, filed_unpaid
):
    api, filed = api_for(alice), filed_unpaid
    account = account_of(alice)
    total = filed.fees_total
    fees = api.get(f"/api/v1/applications/{filed.number}/").json()["fees"]
    assert (fees["accepted"], fees["paid"], fees["due"]) == (str(total), "0.00", str(total))
    assert fees["items"] == [
        {"item": "filing", "amount": str(total), "due": str(total), "payable": True}
    ]

    paid = pay(api, filed, account=account.pk)

    assert paid.status_code == 201, paid.json()
    assert (paid.json()["amount"], paid.json()["status"]) == (str(total), "paid")
    assert paid.json()["fees"]["due"] == "0.00"
    # An examiner finds 150.00 missing (Rule 14(1)): due again, paid, the irregularity remedied.
    examination.examination_checks_done(submission=filed)
    examination.irregularity_raise(
        examination=filed.examination, by=erik, category="fees", message="", amount="150.00"
    )
    assert api.get(f"/api/v1/applications/{filed.number}/").json()["fees"]["due"] == "150.00"
    assert pay(api, filed, account=account.pk).json()["amount"] == "150.00"
    account.refresh_from_db()
    assert account.balance == BALANCE - total - Decimal("150.00")
    assert amount_paid(filed) == total + Decimal("150.00")
    assert Irregularity.objects.get(category="fees").status == IrregularityStatus.REMEDIED
    again = pay(api, filed, account=account.pk)
    assert again.status_code == 409 and again.json()["errors"][0]["path"] == "item"
    assert account.balance == CurrentAccount.objects.get(pk=account.pk).balance


def test_paying_from_an_account_that_does_not_cover_it_is_refused_with_nothing_debited(
    alice, filed_unpaid
):
    poor = account_of(alice, balance=Decimal("1.00"))
    refused = pay(api_for(alice), filed_unpaid, account=poor.pk)
    assert refused.status_code == 422 and refused.json()["errors"][0]["path"] == "account"
    assert not Payment.objects.filter(status="paid").exists()


def test_a_second_part_of_an_individual_fee_is_listed_as_due_later_and_not_payable_yet(
    alice, media, no_broker
):
    # Rule 12(3): the United States' individual fee is paid in two parts.
    draft = make_draft(alice, designs=1, designations=("US",))
    filed = submit(draft, alice)
    api = api_for(alice)
    account = account_of(alice)
    fees = api.get(f"/api/v1/applications/{filed.number}/").json()["fees"]
    later = [item for item in fees["items"] if item["item"] == "second_part:US"]
    assert later and later[0]["payable"] is False and Decimal(fees["due_later"]) > 0

    not_yet = pay(api, filed, account=account.pk, item="second_part:US")
    unknown = pay(api, filed, account=account.pk, item="renewal")

    assert not_yet.status_code == 409 and not_yet.json()["errors"][0]["path"] == "item"
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["path"] == "item"
    assert not Payment.objects.exists()


def test_fees_changed_since_filing_are_shown_before_paying_the_accepted_amount(alice, filed_unpaid):
    api, account = api_for(alice), account_of(alice)
    changed = {**filed_unpaid.fees, "total_due_at_filing": "1.00"}
    Submission.objects.filter(pk=filed_unpaid.pk).update(fees=changed)

    told = pay(api, filed_unpaid, account=account.pk)
    paid = pay(api, filed_unpaid, account=account.pk, fees_seen=True)

    assert told.status_code == 409 and told.json()["errors"][0]["path"] == "fees_seen"
    assert told.json()["differences"]
    assert paid.status_code == 201 and paid.json()["amount"] == str(filed_unpaid.fees_total)


def test_only_those_who_may_file_pay_and_an_outsider_is_not_told_the_application_exists(
    bob, vera, charlie, acme, bobs_firm, media, no_broker
):
    filed = submit(make_draft(bob, client=acme, designs=1), bob)
    firms = account_of(firm=bobs_firm)
    assert pay(api_for(vera), filed, account=firms.pk).status_code == 403
    assert pay(api_for(charlie), filed, account=firms.pk).status_code == 404
    assert pay(api_for(bob, scopes=["read", "draft"]), filed, account=firms.pk).status_code == 403
    assert not Payment.objects.exists()
    assert pay(api_for(bob), filed, account=firms.pk).status_code == 201
