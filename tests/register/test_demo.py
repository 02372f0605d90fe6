"""The demo holds a registration in each state after registration (issue 22), made once through
the real services and in its state whatever the day `demo_setup` runs."""

from decimal import Decimal

from hague_portal.accounts.models import Office
from hague_portal.core.demo_register import OFFICE_US_EMAIL, _demo_office_user, demo_registrations
from hague_portal.payments.models import CurrentAccount
from hague_portal.payments.services import current_account_credit
from hague_portal.register.models import Registration


def test_one_registration_in_each_state_made_once(alice, erik, media, reference_db):
    account = CurrentAccount.objects.create(number="DEMO-1", holder_name="Alice", owner_user=alice)
    current_account_credit(account=account, amount=Decimal("25000"), description="Demo")
    made = demo_registrations(applicant=alice, examiner=erik, supervisor=erik, account=account)
    assert len(made) == 6
    states = {
        r.examination.submission.draft.title.removeprefix("Application: "): dict(
            r.designations.values_list("party", "status")
        )
        for r in Registration.objects.select_related("examination__submission__draft")
    }
    assert states["Armchair"] == {"CH": "awaiting", "EM": "awaiting", "US": "awaiting"}
    assert states["Dining chair"]["US"] == "refused"
    assert states["Rocking chair"]["US"] == "granted"
    assert states["Garden bench"] == {"CH": "protected", "EM": "protected"}
    assert states["Folding chair"] == {"CH": "protected", "EM": "protected", "US": "cancelled"}
    bar = Registration.objects.get(examination__submission__draft__title="Application: Bar chair")
    assert bar.designations.get(party="US").second_part.status == "due"
    assert all(r.published_on for r in Registration.objects.all())
    assert (
        demo_registrations(applicant=alice, examiner=erik, supervisor=erik, account=account) == []
    )


def test_the_demo_office_user_is_got_or_created(db):
    Office.objects.create(party="US", name="USPTO (made by demo_offices)")
    user = _demo_office_user()
    assert user.email == OFFICE_US_EMAIL and user.office.party == "US"
    assert _demo_office_user() == user
    assert Office.objects.filter(party="US").count() == 1
    assert user.authenticator_set.filter(type="totp").exists()
