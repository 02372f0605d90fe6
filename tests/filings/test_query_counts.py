"""The number of queries of a step does not grow with the number of designs."""

import pytest
from django.urls import reverse

from hague_portal.filings.steps import STEPS

from .conftest import fill
from .helpers import add_reproductions, formset, post_step, step_url

# Measured: 7 per page (session, user, MFA device, draft, reproductions, attachments, and the
# header's unread notifications, one indexed count) and 12 per save (11 on PostgreSQL; the next
# step is found from the saved answers, without reading the draft again), for 1 design as for
# 100 designs with 500 reproductions.
MAX_GET = 7
MAX_POST = 12
# The reproductions page: the 7 above plus the reproductions counted per design and the ones shown.
MAX_REPRODUCTIONS_GET = 9
# The review: the 7 above plus the reproductions' ids for the thumbnails (issue 8); the current
# accounts the user may debit add 2 when that method is chosen (none here: card).
# The party steps read the address book: the entries a block may be filled from and the books
# a block may be saved to (issue 20), two queries whatever the size of the book.
MAX_GET_BY_STEP = {
    "review": MAX_GET + 1,
    "applicants": MAX_GET + 2,
    "creators": MAX_GET + 2,
    "representative": MAX_GET + 2,
}


@pytest.fixture(params=[(1, 1), (100, 5)], ids=["1 design", "100 designs, 500 reproductions"])
def sized_draft(request, alice, alice_draft):
    designs, per_design = request.param
    draft = fill(
        alice_draft,
        alice,
        designs=designs,
        designations=["EM", "CH", "US", "JP", "CN"],
        entitlement={"domicile": ["US"]},
    )
    add_reproductions(draft, designs=designs, per_design=per_design)
    return draft


def _warm(client, draft):
    client.get(step_url(draft, "applicants"))  # builds the reference data snapshot once


def test_a_step_page_costs_the_same_queries_for_1_or_100_designs(
    client, alice, sized_draft, django_assert_max_num_queries
):
    client.force_login(alice)
    _warm(client, sized_draft)
    for step in STEPS:
        if step.url_name:
            continue
        with django_assert_max_num_queries(MAX_GET_BY_STEP.get(step.key, MAX_GET), info=step.key):
            assert client.get(step_url(sized_draft, step.key)).status_code == 200


def test_saving_a_step_costs_the_same_queries_for_1_or_100_designs(
    client, alice, sized_draft, django_assert_max_num_queries
):
    client.force_login(alice)
    _warm(client, sized_draft)
    count = len(sized_draft.document["designs"])
    rows = [{"number": n, "product": f"chair {n}", "locarno": "06-01"} for n in range(1, count + 1)]
    posts = {
        "designs": formset("designs", rows, initial=count),
        "description": {"description": "A chair."},
        "publication": {"mode": "standard"},
    }
    for key, data in posts.items():
        with django_assert_max_num_queries(MAX_POST, info=key):
            response = post_step(client, sized_draft, key, data)
        assert response.status_code == 302, response.content.decode()[:1000]


def test_the_reproductions_page_costs_the_same_queries_for_1_or_100_designs(
    client, alice, sized_draft, django_assert_max_num_queries
):
    client.force_login(alice)
    _warm(client, sized_draft)
    url = reverse("filings:reproductions", args=[sized_draft.id])
    for query in ("", "?design=1", "?design=pool"):
        with django_assert_max_num_queries(MAX_REPRODUCTIONS_GET, info=query):
            assert client.get(url + query).status_code == 200
