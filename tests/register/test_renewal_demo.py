"""The demo holds registrations in each state of their renewal (issue 23), made once through
the real services and in their state whatever the day `demo_setup` runs."""

from decimal import Decimal

from hague_portal.core.demo_renewal import demo_renewals
from hague_portal.hague.clock import geneva_today
from hague_portal.payments.models import CurrentAccount
from hague_portal.payments.services import current_account_credit
from hague_portal.register.models import Registration
from hague_portal.register.services.renewals import renewal_window


def test_one_registration_in_each_state_of_its_renewal_made_once(alice, erik, media, reference_db):
    account = CurrentAccount.objects.create(number="DEMO-1", holder_name="Alice", owner_user=alice)
    current_account_credit(account=account, amount=Decimal("25000"), description="Demo")
    made = demo_renewals(applicant=alice, examiner=erik, supervisor=erik, account=account)
    assert len(made) == 6
    by_product = {
        r.examination.submission.draft.title.removeprefix("Application: "): r
        for r in Registration.objects.select_related("examination__submission__draft")
    }
    today = geneva_today()
    assert renewal_window(by_product["Lounge chair"], today) == "open"
    assert by_product["Lounge chair"].reminded_term == 1
    assert renewal_window(by_product["Office chair"], today) == "grace"
    stool = by_product["Stool"]
    assert stool.term == 2 and stool.renewals.get().parties == ["CH", "EM"]
    assert by_product["High chair"].status == "lapsed"
    for product in ("Bookcase", "Wardrobe"):  # the demo firm's, for its bulk renewal
        assert renewal_window(by_product[product], today) == "open"
        assert by_product[product].holders[0]["name"] == "Demo IP Attorneys LLP"
    assert demo_renewals(applicant=alice, examiner=erik, supervisor=erik, account=account) == []
