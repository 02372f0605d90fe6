"""The International Bureau's examination of change requests in the admin (issue 23)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind, ChangeStatus
from hague_portal.register.models import RegisterStatus
from tests.examination.admin_helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db

LIST = reverse("admin:changes_changerequest_changelist")


@pytest.fixture
def staff(client, erik, password):
    sign_in_with_totp(client, erik, password)
    return client


@pytest.fixture
def renunciation(registered, alice):
    return services.change_file(
        registration=registered, kind=ChangeKind.RENUNCIATION, user=alice,
        data={"parties": ["US"]},
    )  # fmt: skip


def test_staff_list_the_requests(staff, erik, renunciation, registered):
    response = staff.get(LIST)
    assert response.status_code == 200 and registered.number in response.content.decode()


def test_staff_record_a_request(staff, erik, renunciation, registered):
    staff.post(LIST, {"action": "record", ACTION_CHECKBOX_NAME: [renunciation.pk]})
    renunciation.refresh_from_db()
    assert renunciation.status == ChangeStatus.RECORDED
    assert registered.designations.get(party="US").register_status == RegisterStatus.RENOUNCED


def test_staff_invite_with_a_text(staff, erik, renunciation):
    page = staff.post(LIST, {"action": "invite", ACTION_CHECKBOX_NAME: [renunciation.pk]})
    assert page.status_code == 200 and b'name="text"' in page.content
    staff.post(
        LIST,
        {"action": "invite", ACTION_CHECKBOX_NAME: [renunciation.pk], "apply": "1",
         "text": "The request is not signed."},
    )  # fmt: skip
    renunciation.refresh_from_db()
    assert renunciation.status == ChangeStatus.IRREGULAR and renunciation.time_limit


def test_a_request_the_rules_now_refuse_is_not_recorded(staff, erik, renunciation, registered):
    registered.designations.filter(party="US").update(register_status=RegisterStatus.LAPSED)
    response = staff.post(
        LIST, {"action": "record", ACTION_CHECKBOX_NAME: [renunciation.pk]}, follow=True
    )
    assert "not a designated party in force" in response.content.decode()
    renunciation.refresh_from_db()
    assert renunciation.status == ChangeStatus.SUBMITTED


def test_an_examiner_who_is_not_a_superuser_records_a_request(
    client, password, renunciation, registered
):
    from tests.examination.admin_helpers import staff_in

    ella = staff_in("Examiner", "ella@wipo.example", "Ella Examiner")
    sign_in_with_totp(client, ella, password)
    assert client.get(LIST).status_code == 200
    client.post(LIST, {"action": "record", ACTION_CHECKBOX_NAME: [renunciation.pk]})
    renunciation.refresh_from_db()
    assert renunciation.status == ChangeStatus.RECORDED
