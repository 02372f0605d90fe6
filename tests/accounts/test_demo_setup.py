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
    client.post(reverse("mfa_authenticate"), {"code": totp_now("JBSWY3DPEHPK3PXP")})
    page = client.get(reverse("workbench"))
    assert page.status_code == 200
    assert "ACME Design GmbH" in page.content.decode()
