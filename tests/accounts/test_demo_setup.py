import pytest
from django.core.management import call_command
from django.urls import reverse

from hague_portal.accounts.models import User
from hague_portal.payments.models import CurrentAccount

from ..conftest import totp_now

DEMO_PASSWORD = "demo-password-2026"


@pytest.fixture(autouse=True)
def _debug_on(settings):
    settings.DEBUG = True  # pytest-django runs with DEBUG off; demo data needs it on


@pytest.mark.django_db
def test_demo_setup_creates_the_documented_accounts_once(client):
    call_command("demo_setup")
    call_command("demo_setup")  # `make run` runs it at every start
    assert set(User.objects.values_list("email", flat=True)) == {
        "applicant@demo.hague.test",
        "representative@demo.hague.test",
        "examiner@demo.hague.test",
        "supervisor@demo.hague.test",
        "office-us@demo.hague.test",
    }
    rep = User.objects.get(email="representative@demo.hague.test")
    firm = rep.memberships.get().firm
    assert firm.clients.count() == 2
    assert CurrentAccount.objects.count() == 2


@pytest.mark.django_db
def test_the_demo_representative_signs_in_with_the_documented_totp_secret(client):
    call_command("demo_setup")
    client.post(
        reverse("account_login"),
        {"login": "representative@demo.hague.test", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_now("XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ")})
    page = client.get(reverse("workbench"))
    assert page.status_code == 200
    assert "ACME Design GmbH" in page.content.decode()


@pytest.mark.django_db
def test_the_demo_office_user_signs_in_with_totp_and_lands_on_its_office_page(client):
    call_command("demo_setup")
    client.post(
        reverse("account_login"),
        {"login": "office-us@demo.hague.test", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_now("XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ")})
    assert client.get(reverse("workbench"))["Location"] == "/office/"
    page = client.get("/office/").content.decode()
    assert "United States Patent and Trademark Office (US)" in page


@pytest.mark.django_db
def test_a_demo_client_prefills_item_1_with_street_city_postcode_and_country_apart(client):
    # Guide, item 1: the address in its parts, not all of it in "Street" (issue 8).
    from io import StringIO

    from hague_portal.accounts.models import Client
    from hague_portal.filings.services import draft_create

    call_command("reference_import", stdout=StringIO())
    call_command("demo_setup")
    rep = User.objects.get(email="representative@demo.hague.test")
    draft = draft_create(user=rep, client=Client.objects.get(name="ACME Design GmbH"))
    (applicant,) = draft.document["applicants"]
    assert applicant["address"] == {
        "street": "Hauptstr. 1",
        "city": "Berlin",
        "postcode": "10115",
        "country": "DE",
    }
    assert draft.document["representative"]["address"] == {
        "street": "Rue du Rhône 1",
        "city": "Geneva",
        "postcode": "1204",
        "country": "CH",
    }


def test_one_line_addresses_of_existing_clients_are_split_by_the_migration():
    from importlib import import_module

    migration = import_module("hague_portal.accounts.migrations.0002_client_firm_postal_address")
    assert migration.split_address("Hauptstr. 1, 10115 Berlin") == {
        "street": "Hauptstr. 1",
        "postcode": "10115",
        "city": "Berlin",
    }
    assert migration.split_address("PO Box 12") == {"street": "PO Box 12"}


@pytest.mark.django_db
def test_the_demo_applicant_finds_a_filed_and_paid_application_on_the_workbench(
    client, settings, tmp_path
):
    # Issue 8: the way back to a filed application can be tried at once; no worker needed.
    from io import StringIO

    from hague_portal.submissions.models import Submission

    settings.MEDIA_ROOT = str(tmp_path)
    call_command("reference_import", stdout=StringIO())
    call_command("demo_setup")
    call_command("demo_setup")
    # The chair, one application in each state after filing, one with a thread with the
    # International Bureau, one withdrawn, six registrations in each state after registration
    # (core/demo_register.py), three changed in the Register (core/demo_changes.py: one
    # transferred, one limited, one renounced), four in each state of their renewal
    # (core/demo_renewal.py) with two more due and transferred to the demo firm, and two filed
    # for the demo firm's clients (core/demo.py), once.
    assert Submission.objects.count() == 24
    assert Submission.objects.filter(client__firm__name="Demo IP Attorneys LLP").count() == 2
    submission = Submission.objects.order_by("number").first()
    client.post(
        reverse("account_login"),
        {"login": "applicant@demo.hague.test", "password": DEMO_PASSWORD},
    )
    page = client.get(reverse("workbench")).content.decode()
    row = page[page.index(f'data-number="{submission.number}"') :].split("</tr>")[0]
    assert "Paid" in row
    assert CurrentAccount.objects.get(number="DEMO-10001").balance < 25000
    # The representative's client Jane Doe filed in French: the invitation speaks French.
    from hague_portal.notifications.models import Notification

    jane = Submission.objects.get(client__name="Jane Doe")
    assert jane.document["language"] == "fr"
    invitation = Notification.objects.get(submission=jane)
    assert "irrégularité" in (invitation.title + invitation.body).lower()


def test_the_demo_and_test_totp_secrets_have_160_bits():
    """pyotp and other libraries refuse secrets under 128 bits; RFC 4226 recommends 160."""
    import base64

    from hague_portal.core.management.commands.demo_setup import DEMO_TOTP_SECRET

    from ..conftest import TOTP_SECRET

    for secret in (DEMO_TOTP_SECRET, TOTP_SECRET):
        assert len(base64.b32decode(secret)) * 8 == 160


@pytest.mark.django_db
def test_demo_setup_gives_an_account_enrolled_with_the_former_secret_the_new_one(client):
    from allauth.mfa.totp.internal.auth import TOTP

    call_command("demo_setup")
    rep = User.objects.get(email="representative@demo.hague.test")
    rep.authenticator_set.filter(type="totp").delete()
    TOTP.activate(rep, "JBSWY3DPEHPK3PXP")  # the 80-bit secret of before issue 20
    call_command("demo_setup")
    client.post(
        reverse("account_login"),
        {"login": "representative@demo.hague.test", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_now("XZ5TBH3VYKSDWKMCEKXWRG255BSK32WQ")})
    assert client.get(reverse("workbench")).status_code == 200
