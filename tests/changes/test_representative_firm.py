"""A firm of the portal recorded as the holder's representative (DM/7, issue 23): once the firm
accepted and the International Bureau recorded the appointment, the firm's members see the
registration on their workbench; its administrators and editors renew it and request changes
for the holder, its viewers read. A cancellation ends it. The holder keeps the registration."""

import pytest
from django.urls import reverse

from hague_portal.changes import services
from hague_portal.changes.models import ChangeKind
from hague_portal.register.selectors_renewals import registrations_fileable_by
from hague_portal.register.services import RegisterError
from hague_portal.submissions.models import Submission
from hague_portal.submissions.selectors import submission_may_file

from .conftest import TODAY
from .test_access import workbench_numbers

pytestmark = pytest.mark.django_db


def _dm7(registered, alice, erik, fiona, firm, action="appoint"):
    new = {} if action == "cancel" else {"name": firm.name, "address": "Geneva", "firm_id": firm.pk}
    change = services.change_file(
        registration=registered, kind=ChangeKind.REPRESENTATIVE, user=alice,
        data={"action": action, "new": new}, today=TODAY,
    )  # fmt: skip
    if action != "cancel":
        services.representative_answer(request=change, user=fiona, accept=True)
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    return Submission.objects.get(pk=registered.pk)


def test_the_firm_sees_and_acts_for_the_holder_once_recorded(
    client, registered, alice, erik, fiona, bob, vera, bobs_firm
):
    submission = Submission.objects.get(pk=registered.pk)
    assert submission.number not in workbench_numbers(client, bob)
    assert not submission_may_file(user=bob, submission=submission)

    submission = _dm7(registered, alice, erik, fiona, bobs_firm)
    assert registered.representative_firm == bobs_firm
    # Bob, an editor of the firm: on his workbench, may renew and request changes.
    assert submission.number in workbench_numbers(client, bob)
    assert submission_may_file(user=bob, submission=submission)
    assert registered in registrations_fileable_by(user=bob)
    renew = reverse("submissions:renewal", args=[submission.number])
    assert client.get(renew).status_code == 200
    new = reverse("submissions:change_new", args=[submission.number, "name_address"])
    assert client.get(new).status_code == 200
    # Vera, a viewer of the firm: reads it, may not act.
    assert submission.number in workbench_numbers(client, vera)
    assert client.get(reverse("submissions:detail", args=[submission.number])).status_code == 200
    assert not submission_may_file(user=vera, submission=submission)
    assert client.get(new).status_code == 404
    # Alice, the holder, keeps it.
    assert submission_may_file(user=alice, submission=submission)
    assert submission.number in workbench_numbers(client, alice)


def test_a_cancelled_appointment_ends_the_firms_access(
    client, registered, alice, erik, fiona, bob, bobs_firm
):
    _dm7(registered, alice, erik, fiona, bobs_firm)
    submission = _dm7(registered, alice, erik, fiona, bobs_firm, action="cancel")
    assert registered.representative_firm is None and registered.representative == {}
    assert submission.number not in workbench_numbers(client, bob)
    client.force_login(bob)
    assert client.get(reverse("submissions:detail", args=[submission.number])).status_code == 404


def test_a_representative_without_a_firm_on_the_portal_gives_no_access(
    client, registered, alice, erik, bob
):
    change = services.change_file(
        registration=registered, kind=ChangeKind.REPRESENTATIVE, user=alice,
        data={"action": "appoint", "new": {"name": "Bob & Partners", "address": "Geneva"}},
        today=TODAY,
    )  # fmt: skip
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.representative["name"] == "Bob & Partners"
    assert registered.representative_firm is None
    assert Submission.objects.get(pk=registered.pk).number not in workbench_numbers(client, bob)


def test_a_new_holder_without_an_account_is_held_by_the_firm_it_names(
    client, registered, alice, erik, fiona, bob, bobs_firm
):
    """A change in ownership naming the new holder's representative firm: the firm accepts
    (its appointments page says what it accepts), and once recorded it holds the registration
    on its workbench for the new holder; the old holder keeps the history only."""
    submission = Submission.objects.get(pk=registered.pk)
    client.force_login(alice)
    url = reverse("submissions:change_new", args=[submission.number, "ownership"])
    form = {
        "new_holder_name": "Zed Möbel GmbH", "address": "Hauptstrasse 1, Zürich",
        "country": "CH", "email": "", "establishment": "CH",
        "parties": ["CH", "EM", "US"], "designs": ["1", "2"], "firm": str(bobs_firm.pk),
    }  # fmt: skip
    assert client.post(url, form).status_code == 302
    change = registered.change_requests.get()
    assert change.representative_firm == bobs_firm and change.new_owner_user is None

    client.force_login(fiona)
    page = client.get(reverse("changes:appointment", args=[change.pk])).content.decode()
    assert 'data-testid="appointment-ownership"' in page and "Zed Möbel GmbH" in page
    with pytest.raises(RegisterError, match="has not accepted"):
        services.change_record(request=change, by=erik, today=TODAY)
    client.post(reverse("changes:appointment", args=[change.pk]), {"accept": "yes"})
    services.change_record(request=change, by=erik, today=TODAY)

    registered.refresh_from_db()
    assert registered.holder_name == "Zed Möbel GmbH"
    assert registered.representative_firm == bobs_firm
    assert registered.representative["name"] == bobs_firm.name
    assert submission.number in workbench_numbers(client, bob)
    assert submission_may_file(user=bob, submission=submission)
    assert not submission_may_file(user=alice, submission=submission)


def test_an_unknown_firm_is_refused_at_its_field_and_nothing_is_lost(client, registered, alice):
    submission = Submission.objects.get(pk=registered.pk)
    client.force_login(alice)
    url = reverse("submissions:change_new", args=[submission.number, "ownership"])
    form = {"new_holder_name": "Zed GmbH", "establishment": "CH", "parties": ["CH"],
            "designs": ["1"], "firm": "999999"}  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 200
    assert "firm" in response.context["form"].errors
    assert response.context["form"]["new_holder_name"].value() == "Zed GmbH"
    assert not registered.change_requests.exists()


def test_a_whole_transfer_ends_the_former_holders_firm(client, registered, alice, erik, fiona, bob,
                                                       bobs_firm):  # fmt: skip
    """The firm that represented the former holder does not act for the new one."""
    from .conftest import ownership

    _dm7(registered, alice, erik, fiona, bobs_firm)
    change = services.change_file(
        registration=registered, kind=ChangeKind.OWNERSHIP, user=alice,
        data=ownership(new_holder={"email": ""}), today=TODAY,
    )  # fmt: skip
    services.change_record(request=change, by=erik, today=TODAY)
    registered.refresh_from_db()
    assert registered.representative_firm is None
    submission = Submission.objects.get(pk=registered.pk)
    assert not submission_may_file(user=bob, submission=submission)
    assert submission.number not in workbench_numbers(client, bob)
