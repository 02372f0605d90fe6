"""The acknowledgement page, its live status panel and the downloads: only for those allowed."""

from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hague_portal.submissions import services
from hague_portal.submissions.models import JobStatus

from .conftest import make_draft, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(alice, media, no_broker):
    return submit(make_draft(alice), alice)


@pytest.fixture
def client_submission(bob, acme, media, no_broker):
    return submit(make_draft(bob, client=acme), bob)


def url(name, submission, *args):
    return reverse(f"submissions:{name}", args=[submission.number, *args])


def test_the_applicant_sees_number_date_time_fees_and_job_status(client, alice, submitted):
    client.force_login(alice)
    response = client.get(url("detail", submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert submitted.number in html
    assert "(Geneva time)" in html
    assert submitted.fees["total_due_at_filing"] in html
    assert html.count('data-status="queued"') == 3
    assert 'hx-trigger="every 2s"' in html


def test_the_status_panel_stops_polling_once_every_job_has_an_outcome(client, alice, submitted):
    client.force_login(alice)
    submitted.jobs.update(status=JobStatus.DONE)
    html = client.get(url("status", submitted)).content.decode()
    assert html.count('data-status="done"') == 3
    assert "hx-trigger" not in html


def test_an_outsider_gets_404_for_the_page_the_panel_and_the_downloads(client, charlie, submitted):
    client.force_login(charlie)
    for response in (
        client.get(url("detail", submitted)),
        client.get(url("status", submitted)),
        client.get(url("download", submitted, "dm1")),
        client.get(url("download", submitted, "acknowledgement")),
    ):
        assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, submitted):
    response = client.get(url("detail", submitted))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_firm_members_of_the_client_see_its_application(client, vera, client_submission):
    client.force_login(vera)  # a viewer in bob's firm
    assert client.get(url("detail", client_submission)).status_code == 200


def test_staff_see_every_application(client, erik, submitted):
    client.force_login(erik)
    assert client.get(url("detail", submitted)).status_code == 200


def test_the_pdfs_download_once_rendered(client, alice, submitted, reference_db):
    for job in submitted.jobs.order_by("id"):
        services.job_run(job_id=job.pk, task_id="t")
    client.force_login(alice)
    response = client.get(url("download", submitted, "dm1"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert f"{submitted.number}-DM1.pdf" in response["Content-Disposition"]
    assert client.get(url("download", submitted, "acknowledgement")).status_code == 200


def test_a_pdf_not_yet_rendered_is_404(client, alice, submitted):
    client.force_login(alice)
    assert client.get(url("download", submitted, "dm1")).status_code == 404
    assert client.get(url("download", submitted, "passwd")).status_code == 404


# --- the way back from the workbench (issue 8) --------------------------------------------------


def test_the_workbench_lists_each_filed_application_with_receipt_status_and_payment(
    client, alice, submitted
):
    from hague_portal.payments.models import PaymentMethod
    from hague_portal.payments.services import payment_create

    payment_create(
        submission=submitted,
        user=alice,
        method=PaymentMethod.BANK_TRANSFER,
        current_fees=submitted.fees,
    )
    client.force_login(alice)
    html = client.get(reverse("workbench")).content.decode()
    row = html[html.index(f'data-number="{submitted.number}"') :].split("</tr>")[0]
    assert f'href="{url("detail", submitted)}"' in row
    received = submitted.received_at.astimezone(ZoneInfo("Europe/Zurich"))
    assert received.strftime("%-d %b %Y, %H:%M") in row  # Geneva time
    assert "Received" in row  # examination has not begun: its jobs are still queued
    assert "Payment in progress" in row


def test_the_workbench_says_what_is_due_and_what_is_paid(client, alice, submitted):
    client.force_login(alice)
    html = client.get(reverse("workbench")).content.decode()
    assert f"{submitted.fees_total:,.2f} CHF due" in html


def test_firm_members_find_the_clients_filed_applications_and_outsiders_do_not(
    client, vera, charlie, client_submission
):
    client.force_login(vera)
    assert client_submission.number in client.get(reverse("workbench")).content.decode()
    client.force_login(charlie)
    assert client_submission.number not in client.get(reverse("workbench")).content.decode()


def test_the_workbench_costs_the_same_queries_for_one_or_twelve_filed_applications(
    client, alice, media, no_broker, django_assert_max_num_queries
):
    submit(make_draft(alice, views=1), alice)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("workbench"))
    for _ in range(11):
        submit(make_draft(alice, views=1), alice)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(reverse("workbench")).content.decode()
    assert html.count("data-number=") == 12


def test_the_submitted_draft_links_to_its_application(client, alice, submitted):
    client.force_login(alice)
    page = client.get(reverse("filings:overview", args=[submitted.draft_id])).content.decode()
    assert f'href="{url("detail", submitted)}"' in page


def test_the_acknowledgement_email_links_to_the_application_with_an_absolute_url(
    submitted, mailoutbox, settings
):
    settings.SITE_URL = "https://portal.example.test"
    for job in submitted.jobs.order_by("id"):
        services.job_run(job_id=job.pk, task_id="task-1")
    (message,) = mailoutbox
    link = f"https://portal.example.test/submissions/{submitted.number}/"
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


def test_the_workbench_names_the_clients_country(client, bob, acme):
    acme.country = "DE"
    acme.save(update_fields=["country"])
    client.force_login(bob)
    html = client.get(reverse("workbench")).content.decode()
    assert "<td>Germany</td>" in html
