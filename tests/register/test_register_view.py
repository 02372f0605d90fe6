"""The application's page once registered (issue 23): the Register's current state, where the
renewal stands, and the history with the holder before and after a change."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from hague_portal.reference.selectors import reference_data
from hague_portal.register.models import Designation, RegisterEntry
from hague_portal.register.selectors import register_view

from .conftest import geneva, register_application
from .extract_helpers import holder_changed, renewed

pytestmark = pytest.mark.django_db


def page_on(client, user, registration, day):
    """The page as `user` sees it on `day` (signed in then: a session does not outlive years)."""
    with time_machine.travel(geneva(day), tick=False):
        client.force_login(user)
        return page(client, registration)


def page(client, registration):
    number = registration.examination.submission.number
    response = client.get(reverse("submissions:detail", args=[number]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_section_shows_holder_term_expiry_parties_and_the_registration(
    client, alice, registered
):
    html = page_on(client, alice, registered, date(2026, 6, 1))
    assert "In the International Register" in html
    assert 'data-testid="register-status" data-status="in_force"' in html
    assert "Term 1: expires on 5 January 2031 (Article 17)" in html
    assert "Atelier Doe SARL" in html and "1 rue de la Paix, 75002 Paris" in html
    assert "Real and effective industrial or commercial establishment: FR, EM" in html
    assert 'data-testid="register-designation-CH" data-status="in_force"' in html
    assert 'data-kind="registration"' in html  # the history's first entry
    assert (
        reverse("submissions:register_extract", args=[registered.examination.submission.number])
        in html
    )


@pytest.mark.parametrize(
    ("day", "window", "words"),
    [
        (date(2030, 1, 4), "not_open", "Renewal can be paid from 5 July 2030"),
        (date(2030, 12, 1), "open", "due by 6 January 2031"),  # 5 Jan 2031 is a Sunday: Rule 4(4)
        (date(2031, 3, 1), "grace", "the grace period ends on 7 July 2031, with a surcharge"),
        (date(2031, 8, 1), "closed", "The grace period ended on 7 July 2031"),
    ],
)
def test_the_renewal_situation_follows_the_window(client, alice, registered, day, window, words):
    html = page_on(client, alice, registered, day)
    assert f'data-window="{window}"' in html
    assert words in html


def test_the_history_shows_the_renewal_and_the_holder_before_and_after(client, alice, registered):
    registration = holder_changed(renewed(registered, alice))
    html = page_on(client, alice, registration, date(2031, 3, 5))
    assert "Term 2: expires on 5 January 2036" in html
    assert [e.kind for e in RegisterEntry.objects.filter(registration=registration)] == [
        "registration",
        "renewal",
        "ownership",
    ]
    assert 'data-testid="change-holders"' in html
    before, after = html.split('data-testid="change-holders"')[1].split("After", 1)
    assert "Atelier Doe SARL" in before and "Nouvelle Maison SAS" in after
    assert "9 quai Voltaire, 69002 Lyon" in after
    # A renewal changes neither the holders nor the representative: nothing to expand.
    assert html.count("<details") == 1


def test_a_lapsed_designation_shows_its_register_status_and_the_renewal_is_over(
    client, alice, registered
):
    Designation.objects.filter(registration=registered, party="US").update(
        register_status="lapsed", ended_on=date(2031, 1, 5)
    )
    registered.status = "lapsed"
    registered.save(update_fields=["status"])
    client.force_login(alice)
    html = page(client, registered)
    assert 'data-testid="register-designation-US" data-status="lapsed"' in html
    assert "since 5 January 2031" in html
    assert 'data-window="ended"' in html


def test_charlie_sees_nothing_of_it(client, charlie, registered):
    client.force_login(charlie)
    number = registered.examination.submission.number
    assert client.get(reverse("submissions:detail", args=[number])).status_code == 404


def test_register_view_reads_in_constant_queries(
    alice, erik, registered, django_assert_max_num_queries
):
    reference_data()  # the fee and calendar tables: read once a process, not once a page
    with django_assert_max_num_queries(3) as few:
        small = register_view(registered, today=date(2030, 12, 1))
    large = register_application(alice, erik, designs=5, designations=("CH", "EM", "US", "JP"))
    holder_changed(renewed(large, alice))
    for n in range(10):
        holder_changed(large, on=date(2031, 4, 1) + timedelta(days=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        view = register_view(large, today=date(2031, 5, 1))
    assert len(view["history"]) == 13 and len(view["designations"]) > len(small["designations"])
