"""The examination loop through its services: raise, invite, respond, accept, register, lapse.

Rule 14(1) (three months from the date of the invitation), Article 10(2) (a date-postponing
correction moves the date of the international registration), Rule 14(3) (abandonment with the
fees refunded less the basic fee), Rule 17 (publication 12 months after registration by default).
"""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from hague_portal.events.models import Event
from hague_portal.examination import services
from hague_portal.examination.models import (
    Examination,
    ExaminationStatus,
    InvitationStatus,
)
from hague_portal.hague.clock import GENEVA
from hague_portal.hague.periods import add_months
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import CurrentAccount, LedgerEntry, PaymentMethod
from hague_portal.payments.services import payment_create
from hague_portal.submissions.models import IrregularityStatus, Submission
from hague_portal.submissions.services import canonical_sha256

S = ExaminationStatus


def geneva(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=GENEVA)


def raise_and_invite(examination, by, category="product", **fields):
    row = services.irregularity_raise(
        examination=examination,
        by=by,
        category=category,
        message=fields.pop("message", ""),
        **fields,
    )
    return row, services.invitation_send(examination=examination, by=by)


def reload(examination) -> Examination:
    return Examination.objects.select_related("submission").get(pk=examination.pk)


def corrected(examination, **changes) -> dict:
    return {**examination.submission.document, **changes}


def test_the_check_job_puts_a_new_application_in_the_examination_queue(filed):
    assert filed.status == S.EXAMINATION
    assert filed.parties == " CH EM "
    actions = list(Event.objects.filter(submission=filed.submission).values_list("kind", flat=True))
    assert actions == ["application.filed", "checks.done"]


def test_an_invitation_gives_three_months_from_its_date_and_notifies_with_a_letter(
    filed, erik, alice
):
    with time_machine.travel(geneva(date(2026, 11, 30)), tick=False):
        row, invitation = raise_and_invite(filed, erik, "reproductions", designs=[2])
    # Rule 14(1): three months end on Sunday 28 February 2027; Rule 4(4): Monday 1 March.
    assert invitation.time_limit == date(2027, 3, 1)
    assert row.__class__.objects.get(pk=row.pk).status == IrregularityStatus.INVITED
    examination = reload(filed)
    assert (examination.status, examination.time_limit) == (S.IRREGULAR, date(2027, 3, 1))
    assert examination.open_irregularities == 1
    letter = PdfReader(io.BytesIO(invitation.letter_pdf.read()))
    text = " ".join(" ".join(page.extract_text() for page in letter.pages).split())
    assert filed.submission.number in text and "by 1 March 2027" in text
    assert "design 2" in text  # the template filled with the designs concerned
    (notice,) = Notification.objects.filter(submission=filed.submission)
    assert notice.kind == NotificationKind.INVITATION and notice.pdf
    assert list(notice.recipients.values_list("user", flat=True)) == [alice.pk]


def test_a_month_end_invitation_ends_on_the_last_day_of_the_third_month(filed, erik):
    # Rule 4(3): 31 August has no 31 November; 30 November 2026 is a Monday (IB open).
    with time_machine.travel(geneva(date(2026, 8, 31)), tick=False):
        _, invitation = raise_and_invite(filed, erik)
    assert invitation.time_limit == date(2026, 11, 30)
    with time_machine.travel(geneva(date(2026, 10, 15)), tick=False):
        services.irregularity_raise(
            examination=filed, by=erik, category="claim", message="", parties=["CH"]
        )
        again = services.invitation_again(examination=filed, by=erik)
    assert again.time_limit == date(2027, 1, 15)


def test_inviting_again_keeps_the_first_time_limit_of_an_irregularity(filed, erik, alice):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        row, first = raise_and_invite(filed, erik)
        services.response_submit(
            invitation=first,
            user=alice,
            message="",
            document=corrected(filed, description="x"),
            files=[],
        )
    with time_machine.travel(geneva(date(2027, 1, 10)), tick=False):
        second = services.invitation_again(examination=filed, by=erik, note="Still too short.")
    assert second.sequence == 2 and second.time_limit == first.time_limit == date(2027, 3, 1)


def test_a_response_is_a_new_revision_and_the_filing_stays_as_filed(filed, erik, alice):
    row, invitation = raise_and_invite(filed, erik)
    filed_document = dict(filed.submission.document)
    document = corrected(filed, description="Chair with a curved back and three legs.")
    response = services.response_submit(
        invitation=invitation, user=alice, message="Description added.", document=document, files=[]
    )
    assert response.revision == 1
    assert response.document_sha256 == canonical_sha256(document)
    assert response.findings["findings"] is not None
    assert Submission.objects.get(pk=filed.pk).document == filed_document
    row.refresh_from_db()
    assert row.status == IrregularityStatus.ANSWERED
    assert reload(filed).status == S.RESPONDED
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ANSWERED


def test_only_those_who_may_file_may_respond(filed, erik, charlie):
    _, invitation = raise_and_invite(filed, erik)
    for outsider in (charlie, erik):
        with pytest.raises(services.ExaminationError):
            services.response_submit(
                invitation=invitation, user=outsider, message="", document={}, files=[]
            )


def test_a_response_after_the_time_limit_is_refused(filed, erik, alice):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        _, invitation = raise_and_invite(filed, erik)
    with (
        time_machine.travel(geneva(date(2027, 3, 2)), tick=False),
        pytest.raises(services.ExaminationError, match="1 March 2027"),
    ):
        services.response_submit(
            invitation=invitation, user=alice, message="", document=corrected(filed), files=[]
        )


def test_accepting_a_date_postponing_correction_moves_the_registration_date(
    filed, paid, erik, alice
):
    Submission.objects.filter(pk=filed.pk).update(received_at=geneva(date(2026, 10, 5)))
    with time_machine.travel(geneva(date(2026, 11, 2)), tick=False):
        _, invitation = raise_and_invite(filed, erik, "creator", parties=["EM"])
    with time_machine.travel(geneva(date(2026, 12, 14)), tick=False):
        services.response_submit(
            invitation=invitation, user=alice, message="", document=corrected(filed), files=[]
        )
    with time_machine.travel(geneva(date(2026, 12, 20)), tick=False):
        ids = invitation.irregularities.values_list("pk", flat=True)
        assert services.irregularities_accept(examination=filed, by=erik, irregularity_ids=ids) == 1
        examination = services.examination_register(examination=reload(filed), by=erik)
    # Article 10(2): the date the correction was received, not the filing date.
    assert examination.registration_date == date(2026, 12, 14)
    assert examination.publication_date == date(2027, 12, 14)  # Rule 17(1)(iii): 12 months
    assert examination.revision == 1


def test_registration_without_postponement_takes_the_filing_date_and_numbers_in_order(
    filed, paid, erik
):
    Submission.objects.filter(pk=filed.pk).update(received_at=geneva(date(2026, 10, 5)))
    first = services.examination_register(examination=reload(filed), by=erik)
    assert first.registration_date == date(2026, 10, 5)
    assert first.status == S.REGISTERED
    assert first.registration_number.startswith("DM/") and len(first.registration_number) == 9
    assert services.registration_number_next() == f"DM/{int(first.registration_number[3:]) + 1:06d}"
    notice = Notification.objects.get(submission=filed.submission, kind=NotificationKind.REGISTERED)
    assert first.registration_number in notice.title
    with pytest.raises(services.ExaminationError, match="registered"):
        services.examination_register(examination=first, by=erik)


def test_deferred_publication_follows_item_17(filed, paid, erik):
    Submission.objects.filter(pk=filed.pk).update(
        received_at=geneva(date(2026, 10, 5)),
        document={**filed.submission.document, "publication": {"mode": "deferred", "months": 30}},
    )
    examination = services.examination_register(examination=reload(filed), by=erik)
    assert examination.publication_date == add_months(date(2026, 10, 5), 30)


def test_registration_is_refused_while_an_irregularity_is_open(filed, erik):
    raise_and_invite(filed, erik)
    with pytest.raises(services.ExaminationError, match="still open"):
        services.examination_register(examination=reload(filed), by=erik)
    assert reload(filed).registration_number is None


def test_registration_is_refused_while_fees_are_due(filed, erik):
    with pytest.raises(services.ExaminationError, match="CHF of fees is still due"):
        services.examination_register(examination=reload(filed), by=erik)


@pytest.fixture
def paid(filed, alice):
    """Filed and paid from Alice's current account."""
    account = CurrentAccount.objects.create(
        number="CA-ALICE", holder_name="Alice", owner_user=alice, balance=Decimal("10000")
    )
    payment_create(
        submission=filed.submission,
        user=alice,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
    )
    return account


def test_paying_the_missing_amount_remedies_a_fee_irregularity(filed, paid, erik, alice):
    row, _ = raise_and_invite(filed, erik, "fees", amount="150.00", message="")
    assert "150.00 CHF" in row.message
    assert reload(filed).fees_expected == filed.submission.fees_total + Decimal("150.00")
    payment = payment_create(
        submission=filed.submission, user=alice, method=PaymentMethod.CURRENT_ACCOUNT, account=paid
    )
    assert payment.amount == Decimal("150.00")  # only what is missing
    received = Event.objects.filter(submission=filed.submission, kind="payment.received")
    assert received.count() == 2 and received.filter(applicant_visible=True).count() == 2
    row.refresh_from_db()
    assert row.status == IrregularityStatus.REMEDIED
    examination = reload(filed)
    assert examination.status == S.EXAMINATION and examination.time_limit is None
    assert services.examination_register(examination=examination, by=erik).status == S.REGISTERED


def test_an_unremedied_irregularity_abandons_the_application_and_refunds_less_the_basic_fee(
    filed, paid, erik
):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        raise_and_invite(filed, erik, "reproductions", designs=[1])
    basic = sum(
        Decimal(line["amount"])
        for line in filed.submission.fees["lines"]
        if line["kind"] == "basic"
    )
    assert basic > 0
    with time_machine.travel(geneva(date(2027, 3, 1)), tick=False):
        assert services.examinations_lapse().abandoned == 0  # the last day still counts
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        assert services.examinations_lapse().abandoned == 1
        assert services.examinations_lapse().abandoned == 0  # a second beat run changes nothing
    examination = reload(filed)
    assert examination.status == S.ABANDONED
    assert examination.refund_amount == filed.submission.fees_total - basic
    credit = LedgerEntry.objects.get(account=paid, kind=LedgerEntry.Kind.CREDIT)
    assert credit.amount == examination.refund_amount
    assert Notification.objects.filter(
        submission=filed.submission, kind=NotificationKind.ABANDONED
    ).exists()


def test_an_answered_invitation_does_not_lapse_while_the_examiner_reads_it(filed, erik, alice):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        _, invitation = raise_and_invite(filed, erik)
        services.response_submit(
            invitation=invitation, user=alice, message="", document=corrected(filed), files=[]
        )
    with time_machine.travel(geneva(date(2027, 6, 1)), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 0)
    assert reload(filed).status == S.RESPONDED


def test_an_unremedied_article_5_2_irregularity_removes_only_that_designation(filed, erik):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        raise_and_invite(filed, erik, "claim", parties=["CH"])
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        assert services.examinations_lapse() == services.LapseResult(0, 1)
    examination = reload(filed)
    assert examination.designations_removed == ["CH"]
    assert examination.parties == " EM "
    assert examination.status == S.EXAMINATION  # it goes on for the EU


def test_reminders_go_one_month_and_one_week_before_the_time_limit_once_each(filed, erik):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        _, invitation = raise_and_invite(filed, erik)  # time limit 1 March 2027
    sent = {}
    for day in (
        date(2027, 1, 31),
        date(2027, 2, 1),
        date(2027, 2, 2),
        date(2027, 2, 22),
        date(2027, 2, 23),
    ):
        with time_machine.travel(geneva(day), tick=False):
            sent[day] = services.examinations_remind()
    assert sent == {
        date(2027, 1, 31): 0,
        date(2027, 2, 1): 1,  # one month before
        date(2027, 2, 2): 0,
        date(2027, 2, 22): 1,  # one week before
        date(2027, 2, 23): 0,
    }
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 2


def test_an_examiner_without_permission_cannot_raise_or_register(filed, clerk):
    with pytest.raises(services.ExaminationError):
        services.irregularity_raise(examination=filed, by=clerk, category="claim", message="x")
    with pytest.raises(services.ExaminationError):
        services.examination_register(examination=filed, by=clerk)


def test_only_a_supervisor_assigns_to_someone_else(filed, erik, clerk):
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(Permission.objects.get(codename="assign_self"))
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert (
        services.examination_assign(examination=filed, examiner=clerk, by=clerk).examiner == clerk
    )
    with pytest.raises(services.ExaminationError, match="supervisor"):
        services.examination_assign(examination=filed, examiner=erik, by=clerk)
    assert services.examination_assign(examination=filed, examiner=clerk, by=erik).examiner == clerk


def test_a_fee_irregularity_needs_a_positive_amount(filed, erik):
    for amount in (None, "abc", "0", "-5", "NaN"):
        with pytest.raises(services.ExaminationError, match="amount"):
            services.irregularity_raise(
                examination=filed, by=erik, category="fees", message="", amount=amount
            )


def test_the_applicant_sees_the_public_part_of_the_audit_trail_only(filed, erik):
    services.examination_assign(examination=filed, examiner=erik, by=erik)
    raise_and_invite(filed, erik)
    visible = Event.objects.filter(submission=filed.submission, applicant_visible=True)
    actions = set(visible.values_list("kind", flat=True))
    assert "invitation.sent" in actions
    assert "examination.assigned" not in actions and "irregularity.raised" not in actions
    every = Event.objects.filter(submission=filed.submission)
    assert every.filter(kind="examination.assigned", actor=erik).exists()
    assert every.get(kind="invitation.sent").before == {"status": S.EXAMINATION}


def test_nothing_moves_after_abandonment(filed, erik, alice):
    with time_machine.travel(geneva(date(2026, 12, 1)), tick=False):
        raise_and_invite(filed, erik)
    with time_machine.travel(geneva(date(2027, 3, 2)), tick=False):
        services.examinations_lapse()
    with pytest.raises(services.ExaminationError, match="abandoned"):
        services.irregularity_raise(
            examination=filed, by=erik, category="claim", message="x", parties=["CH"]
        )
    assert reload(filed).status == S.ABANDONED


def test_an_article_5_2_irregularity_names_the_designated_party_concerned(filed, erik):
    with pytest.raises(services.ExaminationError, match="Name the designated Contracting Party"):
        services.irregularity_raise(examination=filed, by=erik, category="creator", message="")
    with pytest.raises(services.ExaminationError, match="US is not designated"):
        services.irregularity_raise(
            examination=filed, by=erik, category="creator", message="", parties=["US"]
        )


def test_raising_the_same_irregularity_twice_is_refused_with_a_message(filed, erik):
    services.irregularity_raise(examination=filed, by=erik, category="product", message="Vague.")
    with pytest.raises(services.ExaminationError, match="already raised"):
        services.irregularity_raise(
            examination=filed, by=erik, category="product", message="Vague."
        )
    assert reload(filed).open_irregularities == 1


def test_the_workbench_tab_follows_the_examination(filed, paid, erik, alice):
    from hague_portal.filings.models import Draft

    def tab():
        return Draft.objects.get(submission__pk=filed.pk).workbench_state

    assert tab() == "filed"
    _, invitation = raise_and_invite(filed, erik)
    assert tab() == "irregular"
    services.response_submit(
        invitation=invitation, user=alice, message="", document=corrected(filed), files=[]
    )
    assert tab() == "filed"  # the response awaits the examiner
    ids = invitation.irregularities.values_list("pk", flat=True)
    services.irregularities_accept(examination=filed, by=erik, irregularity_ids=ids)
    services.examination_register(examination=reload(filed), by=erik)
    assert tab() == "registered"


def test_a_check_finding_is_confirmed_or_dismissed_once(filed, erik):
    from hague_portal.submissions.models import Irregularity

    finding = Irregularity.objects.create(submission=filed.submission, code="x", message="x")
    row = services.irregularity_confirm(irregularity=finding, by=erik, category="product")
    assert (row.status, row.category, row.reviewed_by) == (
        IrregularityStatus.CONFIRMED,
        "product",
        erik,
    )
    with pytest.raises(services.ExaminationError, match="already been reviewed"):
        services.irregularity_confirm(irregularity=finding, by=erik, category="other")
    services.irregularity_dismiss(irregularity=row, by=erik)  # not yet sent: may be dismissed
    assert Irregularity.objects.get(pk=finding.pk).status == IrregularityStatus.DISMISSED
