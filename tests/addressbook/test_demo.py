"""The demo accounts come with a few address book entries (issue 20), once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from hague_portal.accounts.models import User
from hague_portal.addressbook.models import Entry


@pytest.mark.django_db
def test_the_demo_applicant_and_firm_have_address_books(client, settings):
    settings.DEBUG = True  # demo data needs it on
    call_command("demo_setup")
    call_command("demo_setup")  # `make run` runs it at every start: nothing added twice
    applicant = User.objects.get(email="applicant@demo.hague.test")
    rep = User.objects.get(email="representative@demo.hague.test")
    assert Entry.objects.filter(owner_user=applicant).count() == 3
    assert Entry.objects.filter(owner_firm=rep.memberships.get().firm).count() == 4
    client.force_login(rep)
    page = client.get(reverse("addressbook:list")).content.decode()
    assert "Nordic Chairs AB" in page and "Grace Designer" not in page
