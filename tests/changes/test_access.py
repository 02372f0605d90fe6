"""Who sees a registration after a change in ownership (issue 23): Alice, the old holder, reads
its history up to the change and may do nothing more; Bob, the new holder, sees it on his
workbench and its page and may request changes; Charlie never sees it."""

import pytest
from django.urls import reverse

from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind
from hague_portal.submissions.models import Submission
from hague_portal.submissions.selectors import submission_may_file, submissions_visible_to

from .conftest import TODAY, ownership

pytestmark = pytest.mark.django_db


@pytest.fixture
def transferred(registered, alice, erik, bob):
    change = services.change_file(
        registration=registered, kind=ChangeKind.OWNERSHIP, user=alice, data=ownership(),
        today=TODAY,
    )  # fmt: skip
    services.change_record(request=change, by=erik, today=TODAY)
    return Submission.objects.get(pk=registered.pk)


def workbench_numbers(client, user) -> set[str]:
    client.force_login(user)
    response = client.get(reverse("workbench"))
    assert response.status_code == 200
    return {row.number for row in response.context["rows"]}


def test_before_the_change_bob_does_not_see_alices_registration(client, registered, bob):
    submission = Submission.objects.get(pk=registered.pk)
    assert not submissions_visible_to(user=bob).filter(pk=submission.pk).exists()
    client.force_login(bob)
    assert client.get(reverse("submissions:detail", args=[submission.number])).status_code == 404


def test_bob_the_new_holder_sees_it_on_his_workbench_and_may_request_changes(
    client, transferred, bob
):
    assert transferred.number in workbench_numbers(client, bob)
    assert submission_may_file(user=bob, submission=transferred)
    page = client.get(reverse("submissions:detail", args=[transferred.number]))
    assert page.status_code == 200 and b'data-testid="change-links"' in page.content
    new = reverse("submissions:change_new", args=[transferred.number, "limitation"])
    assert client.get(new).status_code == 200


def test_alice_keeps_the_history_up_to_the_change_and_nothing_more(client, transferred, alice):
    assert not submission_may_file(user=alice, submission=transferred)
    assert transferred.number in workbench_numbers(client, alice)
    page = client.get(reverse("submissions:detail", args=[transferred.number]))
    assert page.status_code == 200
    assert b'data-testid="transferred"' in page.content
    assert b'data-testid="change-links"' not in page.content
    assert page.context["protection"] is None
    assert all(e.kind != "register.ownership_changed" for e in page.context["history"])
    new = reverse("submissions:change_new", args=[transferred.number, "renunciation"])
    assert client.get(new).status_code == 404


def test_later_notices_go_to_bob_not_to_alice(transferred, alice, bob, erik):
    from hague_portal.notifications.models import Recipient

    change = services.change_file(
        registration=transferred.examination.registration, kind=ChangeKind.RENUNCIATION,
        user=bob, data={"parties": ["US"]}, today=TODAY,
    )  # fmt: skip
    services.change_record(request=change, by=erik, today=TODAY)
    told = set(
        Recipient.objects.filter(notification__event__kind="register.renounced").values_list(
            "user__email", flat=True
        )
    )
    assert told == {bob.email}


def test_charlie_never_sees_it(client, transferred, charlie):
    assert transferred.number not in workbench_numbers(client, charlie)
    assert client.get(reverse("submissions:detail", args=[transferred.number])).status_code == 404
    new = reverse("submissions:change_new", args=[transferred.number, "ownership"])
    assert client.get(new).status_code == 404


def test_alices_extract_of_the_register_after_the_change_is_not_hers_but_bobs(
    client, transferred, alice, bob
):
    url = reverse("submissions:register_extract", args=[transferred.number])
    client.force_login(alice)
    assert client.get(url).status_code == 404
    client.force_login(bob)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
