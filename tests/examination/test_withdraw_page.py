"""The withdrawal page (issue 22): it says what withdrawing means and asks for the application
number; a wrong number or a registered application is refused with a clear message, and only
those who may act for the application get the page."""

import pytest
from django.urls import reverse

from hague_portal.examination import services
from hague_portal.examination.models import ExaminationStatus
from hague_portal.submissions.models import Submission

pytestmark = pytest.mark.django_db


def url(examination):
    return reverse("submissions:withdraw", args=[examination.submission.number])


def status(examination):
    return Submission.objects.get(pk=examination.pk).examination.status


def test_the_page_explains_and_the_application_number_confirms(client, alice, filed):
    client.force_login(alice)
    detail = client.get(reverse("submissions:detail", args=[filed.submission.number]))
    assert url(filed) in detail.content.decode()
    html = client.get(url(filed)).content.decode()
    assert "it will not be registered" in html and "less an amount corresponding" in html
    refused = client.post(url(filed), {"number": "WIPO999999"})
    assert f"Type {filed.submission.number}, the number of this application" in (
        refused.content.decode()
    )
    assert status(filed) == ExaminationStatus.EXAMINATION
    done = client.post(url(filed), {"number": filed.submission.number.lower()}, follow=True)
    assert f"Application {filed.submission.number} is withdrawn" in done.content.decode()
    assert status(filed) == ExaminationStatus.WITHDRAWN
    assert url(filed) not in done.content.decode()  # no second withdrawal offered


def test_a_registered_application_is_refused_with_a_clear_message(client, alice, filed, erik):
    from hague_portal.examination.models import Examination

    Examination.objects.filter(pk=filed.pk).update(fees_paid=filed.fees_expected)
    services.examination_register(examination=filed, by=erik)
    client.force_login(alice)
    response = client.post(url(filed), {"number": filed.submission.number})
    assert "is registered: only an application not yet registered" in response.content.decode()
    assert status(filed) == ExaminationStatus.REGISTERED


def test_only_those_who_may_act_get_the_page(client, filed, charlie, erik):
    client.force_login(charlie)
    assert client.get(url(filed)).status_code == 404
    client.force_login(erik)  # staff read every application, and act in the admin
    assert client.post(url(filed), {"number": filed.submission.number}).status_code == 403
    assert status(filed) == ExaminationStatus.EXAMINATION


def test_the_queue_and_the_examination_page_show_it_withdrawn(client, alice, filed, password):
    from tests.examination.admin_helpers import QUEUE, page_url, sign_in_with_totp, staff_in

    services.application_withdraw(examination=filed, by=alice)
    examiner = staff_in("Examiner", "emma@wipo.test", "Emma Examiner")
    sign_in_with_totp(client, examiner, password)
    assert filed.submission.number not in client.get(QUEUE).content.decode()  # not waiting
    listed = client.get(QUEUE, {"status": "withdrawn"}).content.decode()
    assert filed.submission.number in listed
    page = client.get(page_url(filed)).content.decode()
    assert "Withdrawn" in page and "Raise an irregularity" not in page
