"""Registered applications in the Register (issue 22), and the Office of the United States."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from hague_portal.accounts.models import Office
from hague_portal.examination import services as examination
from hague_portal.examination.models import Examination
from hague_portal.hague.clock import GENEVA
from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.register.models import Registration
from hague_portal.submissions.models import Submission
from tests.factories import UserFactory
from tests.submissions.conftest import (  # noqa: F401 - shared fixtures
    make_draft,
    media,
    no_broker,
    reference_db,
    submit,
)

FILED_ON = date(2026, 1, 5)  # a Monday
PUBLISHED = date(2027, 1, 5)  # 12 months after the registration (Rule 17(1)(iii))


def geneva(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=GENEVA)


def register_application(user, by, *, designs=2, designations=("CH", "US", "EM"), **document):
    """`user`'s application filed on 5 January 2026, paid and registered by `by`; publication
    as the document asks (item 17), 12 months after registration by default."""
    draft = make_draft(user, designs=designs, views=1, designations=designations, **document)
    submission = submit(draft, user)
    Submission.objects.filter(pk=submission.pk).update(
        received_at=datetime.combine(FILED_ON, datetime.min.time()).replace(hour=10, tzinfo=GENEVA)
    )
    examination.examination_checks_done(submission=submission)
    account, _ = CurrentAccount.objects.get_or_create(
        number=f"CA-{user.pk}",
        defaults={"holder_name": str(user), "owner_user": user, "balance": Decimal("100000")},
    )
    payment_create(
        submission=submission, user=user, method=PaymentMethod.CURRENT_ACCOUNT, account=account
    )
    row = Examination.objects.select_related("submission").get(pk=submission.pk)
    for irregularity in submission.irregularities.all():
        examination.irregularity_dismiss(irregularity=irregularity, by=by)
    registered = examination.examination_register(examination=row, by=by)
    return Registration.objects.get(pk=registered.pk)


@pytest.fixture
def registered(alice, erik, media, reference_db):  # noqa: F811
    """Alice's registration of 2 designs designating CH, US and EM, published on 5 Jan 2027."""
    return register_application(alice, erik)


@pytest.fixture
def published(registered):
    """The registration as published on its date, its refusal periods running."""
    from hague_portal.register import services

    services.registrations_publish(today=PUBLISHED)
    registered.refresh_from_db()
    return registered


@pytest.fixture
def on_feb_1():
    """The Offices act on 1 February 2027, within every refusal period."""
    import time_machine

    with time_machine.travel(geneva(date(2027, 2, 1)), tick=False):
        yield


@pytest.fixture
def us_office(db):
    return Office.objects.create(party="US", name="United States Patent and Trademark Office")


@pytest.fixture
def olivia(us_office):
    """A user of the USPTO."""
    return UserFactory(email="olivia@uspto.example", full_name="Olivia Office", office=us_office)


@pytest.fixture
def oscar(db):
    """A user of the Japan Patent Office: JP is not designated."""
    office = Office.objects.create(party="JP", name="Japan Patent Office")
    return UserFactory(email="oscar@jpo.example", full_name="Oscar Office", office=office)


@pytest.fixture
def registered_for_acme(bob, acme, erik, media, reference_db):  # noqa: F811
    """Bob's registration for his firm's client ACME (vera, a viewer of the firm, reads it)."""
    return register_application(bob, erik, client=acme)
