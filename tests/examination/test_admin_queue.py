"""The examination queue in the admin, for examiners and supervisors who are not superusers."""

import pytest
from django.urls import reverse

from hague_portal.events.models import Event
from hague_portal.examination.models import Examination

from .admin_helpers import QUEUE, in_days, queue_rows, sign_in_with_totp, staff_in


@pytest.fixture
def examiner(db):
    return staff_in("Examiner", "emma@wipo.test", "Emma Examiner")


@pytest.fixture
def supervisor(db):
    return staff_in("Supervisor", "sam@wipo.test", "Sam Supervisor")


@pytest.fixture
def examiner_client(client, examiner, password):
    sign_in_with_totp(client, examiner, password)
    return client


def numbers(response) -> set[str]:
    return {row.number for row in response.context["cl"].result_list}


def test_an_examiner_who_is_not_a_superuser_sees_the_queue_with_counts(
    examiner_client, examiner, alice
):
    assert not examiner.is_superuser
    queue_rows(alice, 2)
    queue_rows(alice, 1, start=10, status="irregular", time_limit=in_days(20))
    queue_rows(alice, 1, start=20, status="registered")
    response = examiner_client.get(QUEUE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Examination queue" in page
    assert "Under examination: <strong>2</strong>" in page
    assert "Irregularity: awaiting the applicant&#x27;s response: <strong>1</strong>" in page
    assert "Waiting: <strong>3</strong>" in page
    assert numbers(response) == {"WIPO900000", "WIPO900001", "WIPO900010"}  # open ones
    assert "Applicant 10" in page and "CH, EM" in page and "20 days left" in page


def test_the_queue_lists_the_oldest_application_first(examiner_client, alice):
    queue_rows(alice, 3)
    rows = examiner_client.get(QUEUE).context["cl"].result_list
    assert [row.number for row in rows] == ["WIPO900000", "WIPO900001", "WIPO900002"]


def test_filters_narrow_the_queue_by_party_status_examiner_and_time_limit(
    examiner_client, examiner, alice, reference_db
):
    queue_rows(alice, 1, parties=("US",))
    queue_rows(alice, 1, start=1, parties=("CH",), examiner=examiner)
    queue_rows(alice, 1, start=2, status="irregular", time_limit=in_days(5))
    queue_rows(alice, 1, start=3, status="irregular", time_limit=in_days(25))
    queue_rows(alice, 1, start=4, status="irregular", time_limit=in_days(-2))
    get = lambda query: numbers(examiner_client.get(f"{QUEUE}?{query}"))  # noqa: E731
    assert get("party=US") == {"WIPO900000"}
    assert get("examiner=me") == {"WIPO900001"}
    assert get("status=irregular") == {"WIPO900002", "WIPO900003", "WIPO900004"}
    assert get("limit=7") == {"WIPO900002"}
    assert get("limit=30") == {"WIPO900002", "WIPO900003"}
    assert get("limit=passed") == {"WIPO900004"}
    assert get("q=WIPO900003") == {"WIPO900003"}
    assert get("q=Applicant 1") == {"WIPO900001"}


def test_an_examiner_takes_applications_from_the_queue(examiner_client, examiner, alice):
    (row,) = queue_rows(alice, 1)
    response = examiner_client.post(
        QUEUE, {"action": "assign_to_me", "_selected_action": [row.pk]}, follow=True
    )
    assert "1 application assigned to you." in response.content.decode()
    assert Examination.objects.get(pk=row.pk).examiner == examiner
    assert Event.objects.filter(kind="examination.assigned").count() == 1


def test_an_examiner_cannot_reassign_to_someone_else(examiner_client, supervisor, alice):
    (row,) = queue_rows(alice, 1)
    response = examiner_client.get(QUEUE)
    assert "assign_to" not in dict(response.context["action_form"].fields["action"].choices)
    examiner_client.post(
        QUEUE,
        {
            "action": "assign_to",
            "_selected_action": [row.pk],
            "apply": "1",
            "examiner": supervisor.pk,
        },
    )
    assert Examination.objects.get(pk=row.pk).examiner is None


def test_a_supervisor_assigns_applications_to_an_examiner(
    client, supervisor, examiner, alice, password
):
    rows = queue_rows(alice, 2)
    sign_in_with_totp(client, supervisor, password)
    ids = [row.pk for row in rows]
    chooser = client.post(QUEUE, {"action": "assign_to", "_selected_action": ids})
    assert "Assign to an examiner" in chooser.content.decode()
    assert "Emma Examiner" in chooser.content.decode()
    client.post(
        QUEUE,
        {"action": "assign_to", "_selected_action": ids, "apply": "1", "examiner": examiner.pk},
    )
    assert set(Examination.objects.values_list("examiner", flat=True)) == {examiner.pk}


def test_a_user_who_is_not_staff_gets_the_sign_in_page_not_the_queue(client, bob, password):
    sign_in_with_totp(client, bob, password)
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_the_queue_costs_the_same_queries_for_3_as_for_30_applications(
    examiner_client, alice, django_assert_max_num_queries
):
    queue_rows(alice, 3)
    examiner_client.get(QUEUE)  # warm the session and the reference data
    with django_assert_max_num_queries(20) as few:
        examiner_client.get(QUEUE)
    queue_rows(alice, 27, start=3, status="irregular", time_limit=in_days(3))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = examiner_client.get(QUEUE)
    assert len(response.context["cl"].result_list) == 30


def test_the_demo_examiner_is_staff_in_the_examiner_group_not_a_superuser(db, settings, client):
    from django.core.management import call_command

    from hague_portal.accounts.models import User
    from tests.conftest import totp_now

    settings.DEBUG = True
    call_command("demo_setup")
    call_command("demo_setup")  # again, as `make run` does: nothing changes
    examiner = User.objects.get(email="examiner@demo.hague.test")
    supervisor = User.objects.get(email="supervisor@demo.hague.test")
    assert examiner.is_staff and not examiner.is_superuser
    assert list(examiner.groups.values_list("name", flat=True)) == ["Examiner"]
    assert list(supervisor.groups.values_list("name", flat=True)) == ["Supervisor"]
    assert supervisor.has_perm("examination.register") and not examiner.has_perm(
        "examination.register"
    )
    client.post(
        reverse("account_login"),
        {"login": "supervisor@demo.hague.test", "password": "demo-password-2026"},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_now("XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ")})
    assert client.get(QUEUE).status_code == 200
