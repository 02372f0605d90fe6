"""Filing, examining and recording changes in the Register (issue 23; Article 16, Rule 21)."""

from datetime import date
from decimal import Decimal

import pytest

from hague_portal.bulletin.models import BulletinEntry
from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind, ChangeRequest, ChangeStatus
from hague_portal.events.models import Event
from hague_portal.notifications.models import Recipient
from hague_portal.reference.models import Fee
from hague_portal.reference.selectors import reference_data_changed
from hague_portal.register.models import EntryKind, RegisterStatus
from hague_portal.register.services.common import RegisterError

from .conftest import TODAY, ownership

pytestmark = pytest.mark.django_db


def file(registration, user, kind, data, **kwargs):
    return services.change_file(
        registration=registration, kind=kind, user=user, data=data, today=TODAY, **kwargs
    )


def test_a_change_in_ownership_is_filed_with_the_fee_not_in_the_schedule(registered, alice, bob):
    change = file(registered, alice, ChangeKind.OWNERSHIP, ownership())
    assert change.status == ChangeStatus.SUBMITTED and change.new_owner_user == bob
    # hague-post-registration-fees.csv: the amount was not found (U): nothing is charged.
    assert change.total is None and change.payment is None
    assert change.fees == [
        {"item": "recording_ownership", "count": 1, "amount": None, "confidence": "U"}
    ]
    assert Event.objects.filter(kind="change.filed").exists()


def test_a_new_owner_not_entitled_is_refused_at_the_field(registered, alice):
    data = ownership(new_holder={"entitlement": {"nationality": ["IN"]}})
    with pytest.raises(RegisterError) as refused:
        file(registered, alice, ChangeKind.OWNERSHIP, data)
    assert "IN:" in refused.value.message_dict["entitlement"][0]
    assert not ChangeRequest.objects.exists()


def test_recording_a_whole_transfer_moves_the_registration_to_the_new_holder(
    registered, alice, bob, erik
):
    change = file(registered, alice, ChangeKind.OWNERSHIP, ownership())
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.owner_user == bob and registered.holders[0]["name"] == "Bob Industries Ltd"
    entry = registered.entries.get(kind=EntryKind.OWNERSHIP)
    assert entry.before["holders"][0]["name"] != "Bob Industries Ltd"
    assert entry.request_ref == f"changes.ChangeRequest:{change.pk}"
    change.refresh_from_db()
    assert change.status == ChangeStatus.RECORDED and change.recorded_on == TODAY


def test_the_transfer_is_notified_to_the_old_and_new_holders(registered, alice, bob, erik):
    change = file(registered, alice, ChangeKind.OWNERSHIP, ownership())
    services.change_record(request=change, by=erik, today=TODAY)
    told = set(
        Recipient.objects.filter(
            notification__event__kind="register.ownership_changed"
        ).values_list("user__email", flat=True)
    )
    assert told == {alice.email, bob.email}


def test_the_bulletin_carries_the_recorded_change(registered, alice, erik):
    change = file(registered, alice, ChangeKind.OWNERSHIP, ownership())
    services.change_record(request=change, by=erik, today=TODAY)
    entry = BulletinEntry.objects.get(kind="ownership")
    assert entry.date == TODAY and entry.details["new_holder"] == "Bob Industries Ltd"


def test_a_partial_transfer_is_recorded_and_the_registration_stays(registered, alice, erik):
    change = file(registered, alice, ChangeKind.OWNERSHIP, ownership(parties=["CH"], designs=[1]))
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.owner_user == alice
    entry = registered.entries.get(kind=EntryKind.OWNERSHIP)
    assert "(partial)" in entry.summary and "CH" in entry.summary


def test_a_renunciation_for_every_party_ends_the_registration(registered, alice, erik):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["CH", "EM", "US"]})
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.status == RegisterStatus.RENOUNCED
    assert set(registered.designations.values_list("register_status", flat=True)) == {
        RegisterStatus.RENOUNCED
    }
    assert registered.designations.first().ended_on == TODAY


def test_a_renunciation_for_one_party_leaves_the_others(registered, alice, erik):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.status == RegisterStatus.IN_FORCE
    assert registered.designations.get(party="US").register_status == RegisterStatus.RENOUNCED
    # Renounced for the US, it can no longer be limited or transferred there.
    with pytest.raises(RegisterError) as refused:
        file(registered, alice, ChangeKind.LIMITATION, {"parties": ["US"], "designs": [1]})
    assert "parties" in refused.value.message_dict


def test_a_limitation_removes_the_designs_for_the_parties(registered, alice, erik):
    change = file(registered, alice, ChangeKind.LIMITATION, {"parties": ["EM"], "designs": [2]})
    services.change_record(request=change, by=erik, today=TODAY)
    assert registered.designations.get(party="EM").designs == [1]
    assert registered.designations.get(party="CH").designs == [1, 2]


def test_a_limitation_of_every_design_is_refused(registered, alice):
    with pytest.raises(RegisterError, match="renunciation"):
        file(registered, alice, ChangeKind.LIMITATION, {"parties": ["CH"], "designs": [1, 2]})


def test_a_change_of_address_replaces_only_what_changed(registered, alice, erik):
    name = registered.holders[0]["name"]
    data = {"new": {"address": "2 Avenue de France", "country": "FR"}}
    change = file(registered, alice, ChangeKind.NAME_ADDRESS, data)
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    holder = registered.holders[0]
    assert holder["name"] == name and holder["address"]["street"] == "2 Avenue de France"
    assert registered.entries.filter(kind=EntryKind.NAME_ADDRESS).exists()


def test_an_email_only_change_costs_nothing(registered, alice):
    change = file(registered, alice, ChangeKind.NAME_ADDRESS, {"new": {"email": "new@a.test"}})
    assert change.total == Decimal("0.00") and change.fees[0]["item"] == "recording_phone_email"


def test_a_representative_is_appointed_then_cancelled(registered, alice, erik):
    new = {"name": "Rep & Co", "address": "Geneva", "email": "rep@co.test"}
    change = file(registered, alice, ChangeKind.REPRESENTATIVE, {"action": "appoint", "new": new})
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.representative["name"] == "Rep & Co"
    cancel = file(registered, alice, ChangeKind.REPRESENTATIVE, {"action": "cancel", "new": {}})
    services.change_record(request=cancel, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.representative == {}
    assert BulletinEntry.objects.filter(kind="representative").count() == 2


def test_a_firm_appointed_must_accept_before_it_is_recorded(
    registered, alice, erik, bobs_firm, fiona
):
    new = {"name": "Bob & Partners", "address": "Geneva", "firm_id": bobs_firm.pk}
    change = file(registered, alice, ChangeKind.REPRESENTATIVE, {"action": "appoint", "new": new})
    with pytest.raises(RegisterError, match="not accepted"):
        services.change_record(request=change, by=erik, today=TODAY)
    services.representative_answer(request=change, user=fiona, accept=True)
    services.change_record(request=change, by=erik, today=TODAY)
    assert ChangeRequest.objects.get().status == ChangeStatus.RECORDED


def test_only_an_admin_of_the_firm_answers_the_appointment(registered, alice, bob, bobs_firm):
    new = {"name": "Bob & Partners", "address": "Geneva", "firm_id": bobs_firm.pk}
    change = file(registered, alice, ChangeKind.REPRESENTATIVE, {"action": "appoint", "new": new})
    with pytest.raises(RegisterError, match="administrator"):
        services.representative_answer(request=change, user=bob, accept=True)  # an editor


def test_an_irregularity_invites_with_three_months_then_the_response_resubmits(
    registered, alice, erik
):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    invited = services.change_invite(
        request=change, by=erik, text="Sign the request.", today=date(2026, 3, 6)
    )
    # Rule 4(4): 6 June 2026 is a Saturday, so the time limit runs to Monday 8 June.
    assert invited.status == ChangeStatus.IRREGULAR and invited.time_limit == date(2026, 6, 8)
    import time_machine

    with time_machine.travel(date(2026, 5, 1), tick=False):
        answered = services.change_respond(request=change, user=alice, response="Signed.")
    assert answered.status == ChangeStatus.SUBMITTED and answered.response == "Signed."


def test_not_corrected_in_time_the_request_is_abandoned_once(registered, alice, erik):
    change = file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]})
    services.change_invite(request=change, by=erik, text="Sign it.", today=TODAY)
    assert services.changes_abandon(today=date(2026, 6, 2)) == 0  # the last day
    assert services.changes_abandon(today=date(2026, 6, 3)) == 1
    assert services.changes_abandon(today=date(2026, 6, 3)) == 0
    change.refresh_from_db()
    assert change.status == ChangeStatus.ABANDONED
    assert Event.objects.filter(kind="change.abandoned").count() == 1
    with pytest.raises(RegisterError):
        services.change_record(request=change, by=erik, today=TODAY)


def test_a_fee_entered_by_staff_is_charged_at_filing(registered, alice):
    from hague_portal.payments.models import CurrentAccount, PaymentMethod, PaymentPurpose

    Fee.objects.filter(item="recording_limitation").update(amount=Decimal("177.00"))
    reference_data_changed()
    account = CurrentAccount.objects.get(number=f"CA-{alice.pk}")
    change = file(
        registered, alice, ChangeKind.LIMITATION, {"parties": ["CH"], "designs": [1]},
        method=PaymentMethod.CURRENT_ACCOUNT, account=account,
    )  # fmt: skip
    assert change.total == Decimal("177.00")
    assert change.payment.purpose == PaymentPurpose.RECORDING


def test_one_change_of_name_covers_several_registrations_of_the_holder(registered, alice, erik):
    from tests.register.conftest import register_application

    other = register_application(alice, erik, designations=("CH",))
    data = {"new": {"name": "Alice Designs SA"}}
    change = file(registered, alice, ChangeKind.NAME_ADDRESS, data, also=[other])
    assert change.total is None  # one fee per request, amount not in the schedule
    services.change_record(request=change, by=erik, today=TODAY)
    for registration in (registered, other):
        registration.refresh_from_db()
        assert registration.holders[0]["name"] == "Alice Designs SA"


def test_a_renunciation_of_several_registrations_needs_the_same_parties(registered, alice, erik):
    from tests.register.conftest import register_application

    other = register_application(alice, erik, designations=("CH",))
    with pytest.raises(RegisterError) as refused:
        file(registered, alice, ChangeKind.RENUNCIATION, {"parties": ["US"]}, also=[other])
    assert other.number in refused.value.message_dict["also"][0]


def test_another_holders_registration_cannot_be_covered(registered, alice, erik, charlie):
    from tests.register.conftest import register_application

    theirs = register_application(charlie, erik, designations=("CH",))
    with pytest.raises(RegisterError) as refused:
        file(registered, alice, ChangeKind.NAME_ADDRESS, {"new": {"name": "X"}}, also=[theirs])
    assert "same holder" in refused.value.message_dict["also"][0]
