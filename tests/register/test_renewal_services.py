"""The Register's state and the renewal of a registration (issue 23; Article 17, Rules 23-25)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from hague_portal.hague.renewal import term_expiry
from hague_portal.payments.models import CurrentAccount, PaymentMethod, PaymentPurpose
from hague_portal.register.models import EntryKind, RegisterEntry, Renewal
from hague_portal.register.services.common import RegisterError
from hague_portal.register.services.renewals import renewal_pay, renewal_quote, renewal_window

pytestmark = pytest.mark.django_db


def _account(user):
    return CurrentAccount.objects.get(number=f"CA-{user.pk}")


def test_registration_opens_the_register_state_from_the_application(registered, alice):
    r = registered
    assert r.holders[0]["name"] and r.owner_user == alice and r.term == 1
    assert r.expiry == term_expiry(r.registration_date, 1)  # five years (Article 17(1))
    designations = {d.party: d for d in r.designations.all()}
    assert designations["CH"].designs == [1, 2] and designations["CH"].expiry == r.expiry
    assert RegisterEntry.objects.get(registration=r).kind == EntryKind.REGISTRATION


def test_renewal_opens_six_months_before_the_expiry(registered):
    expiry = registered.expiry
    assert renewal_window(registered, expiry - timedelta(days=200)) == "not_open"
    with pytest.raises(RegisterError, match="can be paid from"):
        renewal_quote(registration=registered, today=expiry - timedelta(days=200))
    assert renewal_window(registered, expiry - timedelta(days=100)) == "open"


def test_quote_itemises_basic_standard_and_individual_fees(registered):
    # 2 designs: basic 200 + 17, CH standard 21 + 1, EM individual 34 a design (Schedule Part
    # III; hague-post-registration-fees.csv). The US individual renewal fee is not in the data:
    # the US is not offered, with the reason, rather than renewed at an unknown amount.
    quote = renewal_quote(registration=registered, today=registered.expiry - timedelta(days=30))
    assert quote.parties == ["CH", "EM"]
    us = next(offer for offer in quote.offers if offer.party == "US")
    assert not us.renewable and "no individual renewal fee for US" in us.reason
    assert [line.amount for line in quote.lines] == [
        Decimal(a) for a in ("200.00", "17.00", "21.00", "1.00", "68.00")
    ]
    assert not quote.in_grace and quote.total == Decimal("307.00")


def test_grace_period_adds_the_surcharge_and_then_closes(registered):
    quote = renewal_quote(registration=registered, today=registered.expiry + timedelta(days=40))
    assert quote.in_grace and quote.lines[-1].kind == "renewal_surcharge"
    with pytest.raises(RegisterError, match="grace period ended"):
        renewal_quote(registration=registered, today=registered.expiry + timedelta(days=200))


def test_a_party_not_designated_is_refused_at_its_field(registered):
    with pytest.raises(RegisterError) as refused:
        renewal_quote(
            registration=registered, parties=["JP"], today=registered.expiry - timedelta(days=5)
        )
    assert "parties" in refused.value.message_dict


def test_partial_renewal_by_current_account_moves_the_expiry_of_what_was_renewed(registered, alice):
    today = registered.expiry - timedelta(days=10)
    before = _account(alice).balance
    renewal = renewal_pay(
        registration=registered,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=_account(alice),
        parties=["CH"],
        designs=[2],
        today=today,
    )
    registered.refresh_from_db()
    assert renewal.payment.purpose == PaymentPurpose.RENEWAL
    assert _account(alice).balance == before - renewal.total
    assert registered.term == 2 and registered.expiry == term_expiry(
        registered.registration_date, 2
    )
    ch, em = registered.designations.get(party="CH"), registered.designations.get(party="EM")
    assert ch.designs == [2] and ch.expiry == registered.expiry
    assert em.expiry == term_expiry(registered.registration_date, 1)  # lapses with the old term
    assert registered.entries.filter(kind=EntryKind.RENEWAL).get().before["term"] == 1


def test_a_declined_card_renews_nothing(registered, alice):
    with pytest.raises(RegisterError) as declined:
        renewal_pay(
            registration=registered,
            user=alice,
            method=PaymentMethod.CARD,
            card_number="4000000000000002",
            today=registered.expiry,
        )
    assert "method" in declined.value.message_dict
    assert not Renewal.objects.exists()


def test_anyone_may_pay_by_card_naming_themselves(registered):
    renewal = renewal_pay(
        registration=registered,
        user=None,
        method=PaymentMethod.CARD,
        card_number="4242424242424242",
        payer_name="Renewal Services SA",
        payer_email="pay@renew.example",
        seen_total=None,
        today=registered.expiry - timedelta(days=1),
    )
    assert renewal.payer_name == "Renewal Services SA" and renewal.payment.created_by is None


def test_a_total_changed_since_it_was_shown_charges_nothing(registered, alice):
    with pytest.raises(RegisterError, match="The fees are now"):
        renewal_pay(
            registration=registered,
            user=alice,
            method=PaymentMethod.CARD,
            card_number="4242424242424242",
            seen_total=Decimal("1.00"),
            today=registered.expiry,
        )
    assert not Renewal.objects.exists()


def test_second_renewal_uses_the_second_term(registered, alice):
    first = term_expiry(registered.registration_date, 1)
    for today in (first, term_expiry(registered.registration_date, 2)):
        renewal_pay(
            registration=registered,
            user=alice,
            method=PaymentMethod.CARD,
            card_number="4242424242424242",
            today=today,
        )
        registered.refresh_from_db()
    assert registered.term == 3 and [r.number for r in registered.renewals.all()] == [1, 2]
    assert registered.expiry == date(
        registered.registration_date.year + 15,
        registered.registration_date.month,
        registered.registration_date.day,
    )
