"""Submit with an Idempotency-Key: a retried request never files twice, even when concurrent."""

import threading

import pytest
from django.db import connection

from hague_portal.filings.models import Draft
from hague_portal.submissions.models import Submission
from tests.submissions.conftest import make_draft

from .v1_helpers import api_for, post_json


def submit_url(draft):
    return f"/api/v1/drafts/{draft.pk}/submit/"


@pytest.mark.django_db
def test_the_same_key_and_body_returns_the_first_result_and_files_once(alice, media, no_broker):
    draft = make_draft(alice, designs=1)
    api = api_for(alice)
    first = post_json(api, submit_url(draft), {"version": 1}, HTTP_IDEMPOTENCY_KEY="k-1")
    again = post_json(api, submit_url(draft), {"version": 1}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused_with_422(alice, media, no_broker):
    draft = make_draft(alice, designs=1)
    api = api_for(alice)
    post_json(api, submit_url(draft), {"version": 1}, HTTP_IDEMPOTENCY_KEY="k-1")
    other = post_json(api, submit_url(draft), {"version": 2}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422
    assert other.json()["errors"][0]["path"] == "Idempotency-Key"


@pytest.mark.django_db
def test_without_a_key_nothing_is_filed(alice, media, no_broker):
    draft = make_draft(alice, designs=1)
    response = post_json(api_for(alice), submit_url(draft), {"version": 1})
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "Idempotency-Key"
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_refused_submit_is_not_remembered_and_may_be_retried_with_its_key(
    alice, media, no_broker
):
    draft = make_draft(alice, designs=1)
    api = api_for(alice)
    stale = post_json(api, submit_url(draft), {"version": 7}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert stale.status_code == 409 and stale.json()["current_version"] == 1
    assert (
        post_json(api, submit_url(draft), {"version": 7}, HTTP_IDEMPOTENCY_KEY="k-1").status_code
        == 409
    )


@pytest.mark.django_db
def test_an_incomplete_draft_is_refused_with_422_and_its_errors(alice, media, no_broker):
    draft = make_draft(alice, designs=1, views=0)
    response = post_json(
        api_for(alice), submit_url(draft), {"version": 1}, HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 422
    assert response.json()["findings"]
    assert not Submission.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_file_once_and_answer_alike(alice, media, no_broker):
    draft = make_draft(alice, designs=1)
    api_token = api_for(alice)
    answers, barrier = [], threading.Barrier(2)

    def call():
        from django.db import connections

        try:
            barrier.wait()
            response = post_json(
                api_token, submit_url(draft), {"version": 1}, HTTP_IDEMPOTENCY_KEY="same"
            )
            answers.append((response.status_code, response.json()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in answers] == [201, 201]
    assert answers[0][1] == answers[1][1]
    assert Submission.objects.count() == 1
    assert Draft.objects.get(pk=draft.pk).status == "submitted"
