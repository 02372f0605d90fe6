"""The demo data shows the loop at once: one application in each state of the examination."""

from decimal import Decimal

from hague_portal.core.demo import demo_applications
from hague_portal.examination.models import Examination, ExaminationStatus
from hague_portal.payments.models import CurrentAccount
from hague_portal.payments.services import current_account_credit

S = ExaminationStatus


def test_the_demo_holds_one_application_in_each_state_and_is_made_once(
    alice, erik, media, reference_db
):
    account = CurrentAccount.objects.create(number="DEMO-1", holder_name="Alice", owner_user=alice)
    current_account_credit(account=account, amount=Decimal("25000"), description="Demo")
    made = demo_applications(applicant=alice, examiner=erik, supervisor=erik, account=account)
    assert len(made) == 4
    states = sorted(Examination.objects.values_list("status", flat=True))
    assert states == sorted([S.IRREGULAR, S.RESPONDED, S.REGISTERED, S.ABANDONED])
    abandoned = Examination.objects.get(status=S.ABANDONED)
    assert abandoned.refund_amount > 0
    invitation = abandoned.invitations.get()
    assert invitation.time_limit < invitation.sent_at.date().replace(
        year=invitation.sent_at.year + 1
    )
    registered = Examination.objects.get(status=S.REGISTERED)
    assert registered.registration_number.startswith("DM/")
    assert demo_applications(applicant=alice, examiner=erik, supervisor=erik, account=account) == []


def test_the_demo_talks_to_the_bureau_and_withdraws_once(alice, media, reference_db):
    from hague_portal.core.demo import demo_talk
    from hague_portal.correspondence.models import Message
    from hague_portal.notifications.models import Notification, NotificationKind
    from tests.examination.admin_helpers import staff_in

    examiner = staff_in("Examiner", "emma@wipo.test", "Emma Examiner")
    account = CurrentAccount.objects.create(number="DEMO-1", holder_name="Alice", owner_user=alice)
    current_account_credit(account=account, amount=Decimal("25000"), description="Demo")
    assert len(demo_talk(applicant=alice, examiner=examiner, account=account)) == 2
    question, answer = Message.objects.order_by("id")
    assert (question.from_bureau, answer.from_bureau, question.files.count()) == (False, True, 1)
    assert Notification.objects.filter(kind=NotificationKind.MESSAGE).exists()
    withdrawn = Examination.objects.get(status=S.WITHDRAWN)
    assert withdrawn.refund_amount > 0 and withdrawn.withdrawn_at is not None
    assert demo_talk(applicant=alice, examiner=examiner, account=account) == []
