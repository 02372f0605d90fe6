"""The workbench once registered (issue 22): each registration's designations in the Status
column, a Pay link for a second part due, the filter by the Offices' decisions, kept by the
workbench's consumer of the Register's events; the list's queries stay flat."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hague_portal.portfolio.models import Protection
from hague_portal.register import services

from .conftest import register_application
from .helpers import designation, published, refuse, second_part_due


def workbench(client, **query):
    response = client.get(reverse("workbench"), query)
    assert response.status_code == 200
    return response


def numbers(response) -> set[str]:
    return {row.number for row in response.context["rows"]}


def test_the_consumer_keeps_the_designations_state_of_the_workbench(registered, olivia):
    protection = Protection.objects.get(draft_id=registered.examination.submission.draft_id)
    assert protection.states == " awaiting "
    registration = published(registered)
    refuse(registration, olivia)
    protection.refresh_from_db()
    assert protection.states == " awaiting refused "
    assert {p["party"]: p["status"] for p in protection.parties} == {
        "CH": "awaiting",
        "EM": "awaiting",
        "US": "refused",
    }


def test_the_status_column_shows_each_partys_state_and_a_pay_link(
    client, alice, registered, olivia
):
    registration = published(registered)
    second_part_due(registration, olivia)
    services.designations_protect(today=date(2027, 7, 6))  # CH and EM: no refusal in time
    client.force_login(alice)
    html = workbench(client).content.decode()
    assert (
        '<span class="badge text-bg-success" data-status="protected">CH, EM protected</span>'
        in html
    )
    assert 'data-status="awaiting">US awaiting</span>' in html
    pay = reverse(
        "submissions:second_part_pay", args=[registration.examination.submission.number, "US"]
    )
    assert f'href="{pay}"' in html


def test_the_filter_by_decision(client, alice, erik, registered, olivia):
    refused = published(registered)
    refuse(refused, olivia)
    other = published(register_application(alice, erik, designations=("CH", "US")))
    part = second_part_due(other, olivia)
    services.second_parts_lapse(today=part.time_limit + timedelta(days=1))
    client.force_login(alice)
    number_of = {r: r.examination.submission.number for r in (refused, other)}
    assert numbers(workbench(client, protection="refused")) == {number_of[refused]}
    assert numbers(workbench(client, protection="cancelled")) == {number_of[other]}
    assert numbers(workbench(client, protection="awaiting")) == set(number_of.values())
    assert numbers(workbench(client, protection="protected")) == set()
    assert designation(other).status == "cancelled"
    html = workbench(client, protection="cancelled").content.decode()
    assert 'data-status="cancelled">US cancelled</span>' in html


def test_a_second_part_due_is_found_by_the_filter(client, alice, registered, olivia):
    registration = published(registered)
    client.force_login(alice)
    assert numbers(workbench(client, protection="due")) == set()
    second_part_due(registration, olivia)
    assert numbers(workbench(client, protection="due")) == {
        registration.examination.submission.number
    }


def _list_queries(client) -> int:
    workbench(client)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        workbench(client)
    return len(queries.captured_queries)


def test_the_list_costs_the_same_queries_with_more_registrations(
    client, alice, erik, registered, olivia
):
    client.force_login(alice)
    published(registered)
    one = _list_queries(client)
    for parties in (("CH", "US", "EM", "JP"), ("US",)):
        registration = published(register_application(alice, erik, designations=parties))
        second_part_due(registration, olivia)
    refuse(registered, olivia)
    assert _list_queries(client) <= one
