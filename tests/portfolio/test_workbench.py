"""The workbench: who sees which applications, tabs with counts, filters, search, sort, pages,
and a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hague_portal.examination.models import Examination
from hague_portal.filings.models import Draft

from .conftest import a_draft, a_filed, days_from_today

pytestmark = pytest.mark.django_db


def page(http, user, **params):
    http.force_login(user)
    response = http.get(reverse("workbench"), params)
    assert response.status_code == 200
    return response.content.decode()


def references(html: str) -> set[str]:
    """The "Your reference" cells of the listed rows."""
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return set(re.findall(r"<td>([A-Z]+-[A-Z0-9]+)</td>", rows))


def counts_of(http, user, **params) -> str:
    """The tabs with their counts, as htmx fetches them after the page has loaded."""
    http.force_login(user)
    return http.get(reverse("portfolio:counts"), params).content.decode()


def tab_count(html: str, tab: str) -> int:
    match = re.search(rf'data-tab="{tab}">[^<]*<span class="badge[^"]*">(\d+)</span>', html)
    return int(match[1])


def test_a_visitor_gets_the_landing_page_at_the_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "core/landing.html" in [t.name for t in response.templates]


def test_an_applicant_sees_her_own_applications_and_none_of_the_firms(client, alice, world):
    assert references(page(client, alice)) == {"ALICE-1", "ALICE-2"}


@pytest.mark.parametrize("member", ["bob", "vera", "fiona"])
def test_every_member_of_the_firm_sees_its_clients_applications(client, member, world, request):
    user = request.getfixturevalue(member)
    html = page(client, user)
    assert {"ACME-DRAFT", "ACME-REC"} <= references(html)
    assert not {"ALICE-1", "ALICE-2"} & references(html)
    assert tab_count(counts_of(client, user), "all") == 5


def test_an_outsider_sees_no_application(client, charlie, world):
    html = page(client, charlie)
    assert references(html) == set()
    assert 'data-testid="empty-workbench"' in html


def test_the_tabs_count_each_state_in_one_grouped_query(
    client, bob, world, django_assert_max_num_queries
):
    page(client, bob)  # signed in
    # session, user, firm membership, TOTP (middleware); firms, shares, the grouped count
    with django_assert_max_num_queries(7):
        html = client.get(reverse("portfolio:counts")).content.decode()
    counts = {t: tab_count(html, t) for t in ("drafts", "filed", "irregular", "registered")}
    assert counts == {"drafts": 1, "filed": 1, "irregular": 1, "registered": 1}
    assert tab_count(html, "abandoned") == 1


def test_the_irregularity_tab_lists_what_needs_action_with_its_time_limit(client, bob, world):
    html = page(client, bob, tab="irregular")
    number = world["acme_irregular"].number
    assert html.count('data-state="irregular"') == 1
    row = html[html.index(f'data-number="{number}"') :].split("</tr>")[0]
    assert "Action needed" in row
    assert "40 days left" in row


def test_drafts_and_filed_tabs_keep_them_apart(client, bob, world):
    assert references(page(client, bob, tab="drafts")) == {"ACME-DRAFT"}
    assert "ACME-REC" in references(page(client, bob, tab="filed"))
    assert "ACME-DRAFT" not in references(page(client, bob, tab="filed"))


def test_filters_narrow_by_party_class_reference_client_and_dates(client, bob, acme, world):
    a_draft(bob, client=acme, reference="ACME-US", designations=["US", "CH"])
    a_draft(bob, client=acme, reference="ACME-LAMP", designs=1)
    Draft.objects.filter(reference="ACME-LAMP").update(locarno_classes=" 26 ")
    assert references(page(client, bob, party="us")) == {"ACME-US"}
    assert references(page(client, bob, locarno="26")) == {"ACME-LAMP"}
    assert references(page(client, bob, reference="acme-re")) == {"ACME-REC"}
    assert len(references(page(client, bob, client="acme des"))) == 4  # filed ones have no ref
    today = days_from_today(0).isoformat()
    assert references(page(client, bob, date_field="filed", date_to="2000-01-01")) == set()
    assert "ACME-REC" in references(page(client, bob, date_field="filed", date_from=today))


def test_a_filter_that_is_not_valid_is_said_at_its_field_and_kept(client, bob, world):
    html = page(client, bob, party="C1", q="chair")
    assert "Enter a two-letter code such as CH or EM." in html
    assert 'value="C1"' in html
    assert 'value="chair"' in html


@pytest.mark.parametrize(
    "words,expected",
    [
        ("chair", {"ALICE-1", "ALICE-2"}),  # product indication
        ("Alice Applicant", set()),  # the fill() applicant is ACME Design GmbH
        ("ACME Design", {"ALICE-1", "ALICE-2"}),  # applicant's name, word prefixes
        ("alice-2", {"ALICE-2"}),  # your reference
        ("ALI", {"ALICE-1", "ALICE-2"}),  # a prefix
    ],
)
def test_search_finds_titles_applicants_products_and_references(
    client, alice, world, words, expected
):
    assert references(page(client, alice, q=words)) == expected


def test_search_finds_an_application_by_its_number_and_registration_number(client, alice, world):
    filed = world["alice_filed"]
    assert references(page(client, alice, q=filed.number.lower())) == {"ALICE-2"}
    Examination.objects.filter(submission=filed).update(registration_number="DM/123456")
    assert references(page(client, alice, q="DM/123456")) == {"ALICE-2"}
    assert references(page(client, alice, q="123456")) == {"ALICE-2"}


def test_tab_and_page_links_keep_the_filters(client, bob, world):
    html = page(client, bob, q="chair", party="CH", sort="deadline")
    link = re.search(r'href="/\?([^"]*tab=drafts)"', html)[1].replace("&amp;", "&")
    assert "q=chair" in link and "party=CH" in link and "sort=deadline" in link
    assert "q=chair&amp;party=CH" in html.split('data-testid="export-csv"')[0][-300:]


def test_the_page_asks_for_its_counts_with_the_same_filters(client, bob, world):
    html = page(client, bob, q="chair", tab="filed")
    asked = re.search(r'hx-get="([^"]+)" hx-trigger="load"', html)[1].replace("&amp;", "&")
    assert asked.startswith(reverse("portfolio:counts")) and "q=chair" in asked
    counted = counts_of(client, bob, q="chair", tab="filed")
    assert "hx-get" not in counted  # the counted tabs replace the uncounted ones once
    assert 'aria-current="page"' in counted.split('data-tab="filed"')[0].rsplit("<a", 1)[1]


def test_pages_of_25_rows_follow_each_other_without_repeating(client, alice, reference):  # noqa: F811
    for n in range(27):
        a_draft(alice, reference=f"PAGE-{n:02d}")
    first = references(page(client, alice))
    second = references(page(client, alice, page=2))
    assert len(first) == 25 and len(second) == 2 and not first & second
    assert 'rel="next"' in page(client, alice)
    assert 'rel="next"' not in page(client, alice, page=2)


def test_sorting_by_time_limit_puts_the_soonest_first(client, bob, acme, world):
    soon = a_filed(bob, client=acme, status="irregular", time_limit=days_from_today(3))
    html = page(client, bob, sort="deadline")
    assert html.index(soon.number) < html.index(world["acme_irregular"].number)


def test_each_row_says_status_payment_and_who_changed_it_last(client, bob, world):
    html = page(client, bob)
    received = world["acme_received"]
    row = html[html.index(f'data-number="{received.number}"') :].split("</tr>")[0]
    assert "Received" in row
    assert f"{received.fees_total:,.2f} CHF due" in row
    assert "by Bob Representative" in row
    registered = html[html.index('data-state="registered"') :].split("</tr>")[0]
    assert "Registered" in registered


def test_the_workbench_costs_the_same_queries_for_3_or_40_applications(
    client,
    bob,
    acme,
    reference,
    media,
    no_broker,  # noqa: F811
):
    for _ in range(2):
        a_draft(bob, client=acme)
    a_filed(bob, client=acme, status="irregular", time_limit=days_from_today(9))
    client.force_login(bob)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("workbench"))
    with CaptureQueriesContext(connection) as three_counted:
        client.get(reverse("portfolio:counts"))
    for n in range(37):
        a_filed(bob, client=acme) if n % 6 == 0 else a_draft(bob, client=acme)
    with CaptureQueriesContext(connection) as forty:
        html = client.get(reverse("workbench"), {"per_page": 50}).content.decode()
    assert html.count('name="application"') == 40
    assert len(forty.captured_queries) == len(three.captured_queries)
    with CaptureQueriesContext(connection) as forty_counted:
        assert tab_count(client.get(reverse("portfolio:counts")).content.decode(), "all") == 40
    assert len(forty_counted.captured_queries) == len(three_counted.captured_queries)


@pytest.mark.parametrize("persona", ["alice", "bob", "vera", "fiona", "charlie", "erik"])
def test_the_workbench_sees_exactly_the_drafts_the_filings_rule_lets_the_user_see(
    persona, world, alice, bob, request
):
    from allauth.account.models import EmailAddress

    from hague_portal.filings.models import DraftShare
    from hague_portal.filings.selectors import drafts_visible_to
    from hague_portal.portfolio.selectors import applications_visible_to

    # One of ACME's drafts shared with charlie (a verified address of his).
    charlie = request.getfixturevalue("charlie")
    EmailAddress.objects.update_or_create(
        user=charlie, email=charlie.email, defaults={"verified": True, "primary": True}
    )
    DraftShare.objects.create(draft=world["acme_draft"], email=charlie.email, shared_by=bob)
    user = request.getfixturevalue(persona)
    expected = set(drafts_visible_to(user=user).values_list("pk", flat=True))
    assert set(applications_visible_to(user=user).values_list("pk", flat=True)) == expected
    if persona == "charlie":
        assert expected == {world["acme_draft"].pk}


def test_the_pager_says_how_many_pages_and_links_the_last(client, alice, reference):  # noqa: F811
    for n in range(53):
        a_draft(alice, reference=f"PAGE-{n:02d}")
    html = page(client, alice)
    assert "Page 1 of 3" in html
    assert (
        'data-testid="last-page"' in html and "page=3" in html.split('data-testid="last-page"')[0]
    )
    last = page(client, alice, page=3)
    # Read backwards from the end: the last page holds the three oldest, newest first.
    assert "Page 3 of 3" in last and 'data-testid="last-page"' not in last
    assert re.findall(r"<td>(PAGE-\d\d)</td>", last) == ["PAGE-02", "PAGE-01", "PAGE-00"]


@pytest.mark.parametrize("sort", ["changed", "number", "filed", "deadline"])
def test_pages_read_forwards_or_backwards_follow_the_whole_list_and_the_export(bob, world, sort):
    from hague_portal.portfolio.selectors import (
        Filters,
        applications_filtered,
        applications_page,
    )
    from hague_portal.portfolio.selectors_export import applications_export

    filters = Filters(sort=sort)
    rows = applications_filtered(user=bob, filters=filters)
    whole = applications_page(rows=rows, filters=filters, page=1, per_page=100).rows
    paged = []  # pages of 2 of 5 rows: the first read forwards, the second and third backwards
    for n in (1, 2, 3):
        paged += applications_page(rows=rows, filters=filters, page=n, per_page=2).rows
    exported = [pk for pk, _values in applications_export(rows=rows, filters=filters)]
    ids = [row.draft.pk for row in whole]
    assert len(ids) == 5 == len(set(ids))
    assert [row.draft.pk for row in paged] == ids == exported
    if sort == "number":
        numbers = [row.number for row in whole]
        assert numbers[:4] == sorted(numbers[:4]) and numbers[4] == ""  # drafts last


def test_a_page_past_the_end_shows_the_last_page(client, alice, reference):  # noqa: F811
    for n in range(3):
        a_draft(alice, reference=f"PAGE-{n:02d}")
    html = page(client, alice, page=99)
    assert "Page 1 of 1" in html and len(references(html)) == 3


def test_the_last_page_costs_the_queries_of_the_first(
    client,
    alice,
    reference,
    django_assert_max_num_queries,  # noqa: F811
):
    for n in range(60):
        a_draft(alice, reference=f"PAGE-{n:02d}")
    page(client, alice)  # signed in, warm
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("workbench"))
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(reverse("workbench"), {"page": 3, "sort": "number"}).content.decode()
    assert len(references(html)) == 10
