"""The renewal pages (issue 23; Article 17, Rules 23-25): the holder's, from the application's
page, and the public one where anyone pays a published registration's renewal by its number.
Bad input is refused at its field and nothing chosen is lost; nothing is charged then."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from hague_portal.mail.models import OutgoingEmail
from hague_portal.payments.models import CurrentAccount
from hague_portal.register.models import Renewal

from .conftest import geneva
from .helpers import published

pytestmark = pytest.mark.django_db

IN_WINDOW = date(2030, 12, 1)  # a month before the first expiry, 5 January 2031
IN_GRACE = date(2031, 2, 10)  # after it, within the six-month grace period


@pytest.fixture
def in_window():
    with time_machine.travel(geneva(IN_WINDOW), tick=False):
        yield


def number(registration):
    return registration.examination.submission.number


def renew_url(registration):
    return reverse("submissions:renewal", args=[number(registration)])


def test_only_those_who_may_file_see_the_renewal_page(
    client, registered_for_acme, bob, vera, charlie, in_window
):
    url = renew_url(registered_for_acme)
    client.force_login(charlie)  # may not see the application: not even that it exists
    assert client.get(url).status_code == 404
    client.force_login(vera)  # a viewer of the firm reads it, but may not pay for it
    assert client.get(url).status_code == 403
    client.force_login(bob)
    assert client.get(url).status_code == 200


def test_the_page_shows_the_dates_the_parties_not_offered_and_the_itemised_fees(
    client, alice, registered, in_window
):
    client.force_login(alice)
    html = client.get(renew_url(registered)).content.decode()
    assert 'data-window="open"' in html
    assert "5 January 2031" in html  # the expiry (Article 17(1))
    # The grace period ends on Saturday 5 July 2031: the next day the Bureau is open (Rule 4(4)).
    assert "7 July 2031, with a surcharge" in html
    assert 'id="party-US"' in html and 'data-testid="not-offered-US"' in html
    assert "no individual renewal fee for US" in html
    assert "Basic renewal fee, one design" in html
    assert 'name="seen_total" value="307.00"' in html


def test_the_application_page_offers_renew_only_while_the_window_is_open(client, alice, registered):
    url = reverse("submissions:detail", args=[number(registered)])
    for day, shown in ((date(2027, 6, 1), False), (IN_WINDOW, True), (IN_GRACE, True)):
        with time_machine.travel(geneva(day), tick=False):
            client.force_login(alice)  # a session of that day
            response = client.get(url)
            assert response.status_code == 200
            assert ('data-testid="renewal-link"' in response.content.decode()) is shown, day


def test_recalculate_quotes_the_choice_without_javascript(client, alice, registered, in_window):
    client.force_login(alice)
    response = client.post(
        renew_url(registered), {"action": "quote", "parties": ["CH"], "designs": ["2"]}
    )
    html = response.content.decode()
    # One design, CH only: basic 200 + standard designation 21 (Schedule of Fees, Part III).
    assert 'name="seen_total" value="221.00"' in html
    assert 'id="party-CH" checked' in html and 'id="party-EM" checked' not in html
    assert 'value="2" id="design-2" checked' in html and 'id="design-1" checked' not in html
    assert "Choose how to pay" not in html  # recalculating is not paying


def test_a_partial_renewal_by_current_account(client, alice, registered, in_window):
    account = CurrentAccount.objects.get(number=f"CA-{alice.pk}")
    before = account.balance
    client.force_login(alice)
    response = client.post(
        renew_url(registered),
        {"action": "pay", "parties": ["CH"], "designs": ["2"], "method": "current_account",
         "account": str(account.pk), "seen_total": "221.00"},
        follow=True,
    )  # fmt: skip
    assert response.redirect_chain[-1][0].endswith("#protection")
    assert "now expires on 5 January 2036 for CH" in response.content.decode()
    account.refresh_from_db()
    assert account.balance == before - Decimal("221.00")
    registered.refresh_from_db()
    assert registered.expiry == date(2036, 1, 5)
    assert registered.designations.get(party="EM").expiry == date(2031, 1, 5)


def test_a_declined_card_is_refused_at_the_card_and_keeps_the_choice(
    client, alice, registered, in_window
):
    client.force_login(alice)
    response = client.post(
        renew_url(registered),
        {"action": "pay", "parties": ["CH"], "designs": ["1"], "method": "card",
         "card_number": "4000000000000002", "seen_total": "221.00"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="error-card_number"' in html and "Nothing was charged" in html
    assert 'id="party-CH" checked' in html and 'id="party-EM" checked' not in html
    assert 'value="1" id="design-1" checked' in html and 'id="design-2" checked' not in html
    assert 'value="4000000000000002"' in html
    assert not Renewal.objects.exists()


def test_nothing_chosen_is_refused_at_the_parties(client, alice, registered, in_window):
    client.force_login(alice)
    html = client.post(
        renew_url(registered),
        {"action": "pay", "designs": ["1"], "method": "card", "card_number": "4242424242424242",
         "seen_total": "221.00"},
    ).content.decode()  # fmt: skip
    assert 'data-testid="error-parties"' in html and "Choose at least one designated party" in html
    assert 'value="1" id="design-1" checked' in html
    assert not Renewal.objects.exists()


def test_a_total_changed_since_it_was_shown_charges_nothing_and_shows_the_new_one(
    client, alice, registered
):
    # Shown before the expiry, paid in the grace period: the surcharge was added meanwhile.
    with time_machine.travel(geneva(IN_GRACE), tick=False):
        client.force_login(alice)
        html = client.post(
            renew_url(registered),
            {"action": "pay", "parties": ["CH", "EM"], "designs": ["1", "2"],
             "method": "card", "card_number": "4242424242424242", "seen_total": "307.00"},
        ).content.decode()  # fmt: skip
    assert "The fees are now" in html and "not 307.00" in html
    assert "Surcharge for the grace period" in html
    assert not Renewal.objects.exists()


# --- the public page ------------------------------------------------------------------------------


def public(client, data=None, method="get"):
    url = reverse("renewal_public")
    return getattr(client, method)(url, data or {})


def test_an_unpublished_registration_is_not_found_by_its_number(client, registered, in_window):
    # Registered but never published here (the publication beat has not run): as unknown.
    html = public(client, {"number": registered.number}).content.decode()
    assert "No published international registration has this number." in html
    assert registered.holder_name not in html


def test_a_number_is_found_written_in_any_usual_way(client, registered, in_window):
    registration = published(registered)
    digits = registration.number.split("/")[1]
    for written in (registration.number, f"DM-{digits}", digits):
        html = public(client, {"number": written}).content.decode()
        assert 'data-testid="renewal-registration"' in html, written
        assert registration.holder_name in html
    assert "Enter a number such as DM/000001." in public(client, {"number": "X1"}).content.decode()


def test_anyone_pays_by_card_gets_a_confirmation_and_a_receipt(
    client, registered, alice, in_window, django_capture_on_commit_callbacks
):
    registration = published(registered)
    with django_capture_on_commit_callbacks(execute=True):
        response = public(
        client,
            {"number": registration.number, "action": "pay", "parties": ["CH", "EM"],
             "designs": ["1", "2"], "method": "card", "card_number": "4242 4242 4242 4242",
             "payer_name": "Renewal Services SA", "payer_email": "pay@renew.example",
             "seen_total": "307.00"},
            method="post",
        )  # fmt: skip
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    renewal = Renewal.objects.get()
    assert renewal.by is None and renewal.payer_name == "Renewal Services SA"
    assert renewal.payment.reference in page and "5 January 2036" in page
    assert OutgoingEmail.objects.get(name="renewal_receipt").to == "pay@renew.example"
    receipt = next(m for m in mail.outbox if m.to == ["pay@renew.example"])
    assert renewal.payment.reference in receipt.body
    # The holder is told, and who paid it.
    notice = registration.examination.submission.notifications.get(kind="renewed")
    assert "Renewed by Renewal Services SA." in notice.body


def test_a_payer_without_an_account_names_themselves(client, registered, in_window):
    registration = published(registered)
    html = public(
        client,
        {"number": registration.number, "action": "pay", "parties": ["CH"], "designs": ["1"],
         "method": "card", "card_number": "4242424242424242", "seen_total": "221.00"},
        method="post",
    ).content.decode()  # fmt: skip
    assert 'data-testid="error-payer_name"' in html and 'data-testid="error-payer_email"' in html
    assert 'id="party-CH" checked' in html
    assert not Renewal.objects.exists()


def test_the_public_page_is_protected_against_cross_site_posts(registered, in_window):
    from django.test import Client

    registration = published(registered)
    response = Client(enforce_csrf_checks=True).post(
        reverse("renewal_public"), {"number": registration.number, "action": "pay"}
    )
    assert response.status_code == 403


def test_a_confirmation_link_tampered_with_is_not_found(client):
    assert client.get(reverse("renewal_public_paid", args=["1:abc:def"])).status_code == 404
