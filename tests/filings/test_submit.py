"""Submission: once, and only without blocking errors."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from hague_portal.filings.models import Draft, DraftRevision, DraftStatus
from hague_portal.filings.services import DraftConflict, DraftError, DraftNotReady
from hague_portal.payments.submit import draft_submit
from hague_portal.reference.selectors import reference_data
from hague_portal.submissions.models import Submission

from .conftest import fill
from .helpers import add_reproductions


@pytest.fixture
def ready_draft(alice, alice_draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = fill(alice_draft, alice, designs=2)
    add_reproductions(draft, designs=2, per_design=1, with_files=True)
    return draft


def test_a_complete_draft_is_submitted(alice, ready_draft):
    submitted = draft_submit(
        draft=ready_draft, user=alice, seen_version=ready_draft.version, ref=reference_data()
    )
    assert submitted.status == DraftStatus.SUBMITTED and submitted.submitted_at
    frozen = DraftRevision.objects.get(draft=ready_draft, step="submit").document
    assert frozen["designs"][1]["reproductions"][0]["number"] == "2.1"


def test_submitting_twice_with_the_same_version_gives_one_submission(alice, ready_draft):
    seen, ref = ready_draft.version, reference_data()
    draft_submit(draft=ready_draft, user=alice, seen_version=seen, ref=ref)
    with pytest.raises(DraftError, match="already been submitted"):
        draft_submit(draft=ready_draft, user=alice, seen_version=seen, ref=ref)
    assert DraftRevision.objects.filter(draft=ready_draft, step="submit").count() == 1


def test_a_draft_with_blocking_errors_is_not_submitted(alice, alice_draft):
    draft = fill(alice_draft, alice)  # no reproductions (Rule 7(3)(iv)): an error
    with pytest.raises(DraftNotReady) as refused:
        draft_submit(draft=draft, user=alice, seen_version=draft.version, ref=reference_data())
    assert any(f.code == "reproductions.missing" for f in refused.value.findings)
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.DRAFT


def test_submitting_an_older_version_is_refused(alice, ready_draft):
    with pytest.raises(DraftConflict):
        draft_submit(
            draft=ready_draft,
            user=alice,
            seen_version=ready_draft.version - 1,
            ref=reference_data(),
        )


def test_the_submit_button_submits_and_a_second_click_says_it_is_done(client, alice, ready_draft):
    client.force_login(alice)
    url = reverse("filings:submit", args=[ready_draft.id])
    data = {"seen_version": ready_draft.version, "confirm": "on"}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    submission = Submission.objects.get(draft=ready_draft)
    assert submission.number.startswith("WIPO")
    assert first.status_code == 302
    # Card chosen at the Fees step: on to the pay page (issue 8).
    assert first.url == reverse("submissions:pay", args=[submission.number])
    assert "already been submitted" in second.content.decode()
    assert Draft.objects.get(pk=ready_draft.pk).status == DraftStatus.SUBMITTED
    assert Submission.objects.filter(draft=ready_draft).count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers itself and has no SELECT ... FOR UPDATE",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_give_exactly_one_submission(alice, reference, settings, tmp_path):
    from hague_portal.filings.services import draft_create

    settings.MEDIA_ROOT = tmp_path
    draft = fill(draft_create(user=alice), alice, designs=1)
    add_reproductions(draft, designs=1, per_design=1, with_files=True)
    ref, seen, outcomes = reference_data(), draft.version, []
    barrier = threading.Barrier(2)

    def submit():
        try:
            barrier.wait()
            draft_submit(
                draft=Draft.objects.get(pk=draft.pk), user=alice, seen_version=seen, ref=ref
            )
            outcomes.append("submitted")
        except DraftError:
            outcomes.append("refused")
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "submitted"]
    assert DraftRevision.objects.filter(draft=draft, step="submit").count() == 1
    assert Submission.objects.filter(draft=draft).count() == 1


@pytest.fixture
def unsigned_draft(alice, alice_draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = fill(alice_draft, alice, designs=1, signatory=None)
    add_reproductions(draft, designs=1, per_design=1, with_files=True)
    return draft


def test_an_unsigned_application_can_be_submitted_from_the_review(client, alice, unsigned_draft):
    """Sign and submit in one go (issue 20): Submit is not disabled for want of the signature."""
    client.force_login(alice)
    page = client.get(reverse("filings:step", args=[unsigned_draft.id, "review"])).content.decode()
    button = page.split('data-testid="submit"')[0].rsplit("<button", 1)[1]
    assert (
        "disabled" not in button and reverse("filings:submit", args=[unsigned_draft.id]) in button
    )
    assert 'data-testid="why-not"' not in page


def test_the_signature_and_the_confirmation_submit_in_one_go(client, alice, unsigned_draft):
    client.force_login(alice)
    data = {
        "seen_version": unsigned_draft.version,
        "name": "/Alice Applicant/",
        "capacity": "applicant",
        "confirm": "on",
    }
    response = client.post(reverse("filings:submit", args=[unsigned_draft.id]), data)
    assert response.status_code == 302
    submission = Submission.objects.get(draft=unsigned_draft)
    assert submission.document["signatory"]["name"] == "/Alice Applicant/"


def test_a_missing_tick_keeps_the_signature_typed(client, alice, unsigned_draft):
    client.force_login(alice)
    data = {"seen_version": unsigned_draft.version, "name": "/Alice A/", "capacity": "applicant"}
    response = client.post(reverse("filings:submit", args=[unsigned_draft.id]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="/Alice A/"' in html
    assert "Tick this box to confirm before submitting." in html
    assert Draft.objects.get(pk=unsigned_draft.pk).status == DraftStatus.DRAFT


def test_a_bad_signature_keeps_the_tick_and_says_so_at_the_field(client, alice, unsigned_draft):
    client.force_login(alice)
    data = {"seen_version": unsigned_draft.version, "name": "Alice", "capacity": "applicant"}
    data["confirm"] = "on"
    response = client.post(reverse("filings:submit", args=[unsigned_draft.id]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert response.context["submit_form"]["confirm"].value() is True
    assert not Submission.objects.filter(draft=unsigned_draft).exists()


def test_a_conflict_while_signing_keeps_the_signature_and_the_tick(client, alice, unsigned_draft):
    client.force_login(alice)
    data = {"seen_version": unsigned_draft.version - 1, "name": "/Alice A/", "confirm": "on"}
    data["capacity"] = "applicant"
    response = client.post(reverse("filings:submit", args=[unsigned_draft.id]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="/Alice A/"' in html and 'data-testid="conflict"' in html
    assert response.context["submit_form"]["confirm"].value() is True
    assert not Submission.objects.filter(draft=unsigned_draft).exists()
