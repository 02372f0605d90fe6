"""What beat does for renewals (issue 23): the Rule 23 reminder six months before each expiry,
once per term; the lapse of what was not renewed by the end of the grace period (Article 17,
Rule 24(1)(c), Rule 4(4)), idempotent; and what they and a renewal tell the holder, the
webhooks, the audit trail and the Bulletin."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import translation

from hague_portal.api.models import Webhook, WebhookDelivery
from hague_portal.bulletin.models import BulletinEntry, EntryKind
from hague_portal.events.models import Event
from hague_portal.examination.event_words import event_line
from hague_portal.notifications.models import Notification, NotificationKind
from hague_portal.payments.models import PaymentMethod
from hague_portal.register.models import EntryKind as RegisterEntryKind
from hague_portal.register.models import RegisterStatus
from hague_portal.register.services.renewals import renewal_pay
from hague_portal.register.services.renewals_lapse import renewals_lapse
from hague_portal.register.services.renewals_remind import renewals_remind
from hague_portal.register.tasks import register_daily

from .conftest import geneva, register_application
from .helpers import published, second_part_due

pytestmark = pytest.mark.django_db

EXPIRY = date(2031, 1, 5)  # a Sunday: five years from 5 January 2026 (Article 17(1))
REMINDER_ON = date(2030, 7, 5)  # six months before it (Rule 23)
GRACE_END = date(2031, 7, 7)  # 5 July 2031 is a Saturday: the next open day (Rule 4(4))


def renew(registration, user, *, parties=None, today=date(2030, 12, 1)):
    return renewal_pay(
        registration=registration,
        user=user,
        method=PaymentMethod.CARD,
        card_number="4242424242424242",
        parties=parties,
        today=today,
    )


def test_the_reminder_is_sent_six_months_before_the_expiry_once_per_term(registered):
    registration = published(registered)
    assert renewals_remind(today=date(2030, 7, 4)) == 0
    assert renewals_remind(today=REMINDER_ON) == 1
    assert renewals_remind(today=REMINDER_ON) == 0  # run again: nothing more
    assert renewals_remind(today=date(2030, 9, 1)) == 0  # nor later in the same term
    registration.refresh_from_db()
    assert registration.reminded_term == 1
    notice = Notification.objects.get(kind=NotificationKind.RENEWAL_REMINDER)
    # The term ends on a Sunday: the renewal is due on the next day the Bureau is open.
    assert "ends on 5 January 2031" in notice.body and "by 6 January 2031" in notice.body
    assert "until 7 July 2031 with a surcharge" in notice.body


def test_the_beat_sends_the_reminder_of_today(registered):
    published(registered)
    with time_machine.travel(geneva(date(2030, 8, 1)), tick=False):
        assert register_daily()["reminded"] == 1
        assert register_daily()["reminded"] == 0


def test_after_a_renewal_the_next_term_has_its_own_reminder(registered, alice):
    registration = published(registered)
    renewals_remind(today=REMINDER_ON)
    renew(registration, alice)
    assert renewals_remind(today=date(2035, 7, 4)) == 0
    assert renewals_remind(today=date(2035, 7, 5)) == 1
    assert Notification.objects.filter(kind=NotificationKind.RENEWAL_REMINDER).count() == 2


def test_a_registration_not_renewed_lapses_at_its_expiry_after_the_grace_period(registered):
    registration = published(registered)
    assert renewals_lapse(today=GRACE_END) == 0  # the last day of the grace period
    assert renewals_lapse(today=date(2031, 7, 8)) == 1
    assert renewals_lapse(today=date(2031, 7, 8)) == 0  # idempotent
    registration.refresh_from_db()
    assert registration.status == RegisterStatus.LAPSED
    for d in registration.designations.all():
        assert (d.register_status, d.ended_on) == (RegisterStatus.LAPSED, EXPIRY)
    entry = registration.entries.get(kind=RegisterEntryKind.LAPSE)
    assert entry.before["status"] == "in_force" and entry.state["status"] == "lapsed"
    event = Event.objects.get(kind="registration.lapsed")
    assert event.after["parties"] == ["CH", "EM", "US"] and event.after["whole"]
    assert Notification.objects.filter(kind=NotificationKind.LAPSED).count() == 1


def test_what_was_renewed_goes_on_and_the_rest_lapses(registered, alice):
    registration = published(registered)
    renew(registration, alice, parties=["CH"])
    assert renewals_lapse(today=date(2031, 7, 8)) == 1
    registration.refresh_from_db()
    assert registration.status == RegisterStatus.IN_FORCE
    states = {d.party: (d.register_status, d.ended_on) for d in registration.designations.all()}
    assert states == {
        "CH": (RegisterStatus.IN_FORCE, None),
        "EM": (RegisterStatus.LAPSED, EXPIRY),
        "US": (RegisterStatus.LAPSED, EXPIRY),
    }
    notice = Notification.objects.get(kind=NotificationKind.LAPSED)
    assert "for EM, US" in notice.body and "remains in force where it was renewed" in notice.body
    assert renewals_lapse(today=date(2035, 1, 1)) == 0


def test_a_party_cancelled_for_its_unpaid_second_part_does_not_lapse_again(
    registered, alice, olivia
):
    from hague_portal.register import services

    registration = published(registered)
    part = second_part_due(registration, olivia)
    services.second_parts_lapse(today=part.time_limit + timedelta(days=1))  # Rule 12(3)(d)
    renew(registration, alice)  # CH and EM
    assert renewals_lapse(today=date(2031, 7, 8)) == 0
    us = registration.designations.get(party="US")
    assert (us.status, us.register_status, us.ended_on) == ("cancelled", "in_force", None)
    assert not Event.objects.filter(kind="registration.lapsed").exists()


def test_renewals_and_lapses_are_published_in_the_bulletin(registered, alice):
    registration = published(registered)
    renew(registration, alice, parties=["CH"])
    renewals_lapse(today=date(2031, 7, 8))
    renewal = BulletinEntry.objects.get(registration=registration, kind=EntryKind.RENEWAL)
    assert renewal.date == date(2030, 12, 1) and renewal.details["new_expiry"] == "2036-01-05"
    expiry = BulletinEntry.objects.get(registration=registration, kind=EntryKind.EXPIRY)
    assert expiry.details == {"expiry": "2031-01-05", "parties": ["EM", "US"], "whole": False}


def test_the_bulletin_page_words_them(client, registered, alice):
    from django.urls import reverse

    from hague_portal.bulletin.selectors import number_slug

    registration = published(registered)
    renew(registration, alice, parties=["CH"])
    renewals_lapse(today=date(2031, 7, 8))
    with time_machine.travel(geneva(date(2031, 8, 1)), tick=False):
        html = client.get(
            reverse("bulletin-registration", args=[number_slug(registration.number)])
        ).content.decode()
    assert "renewed until 5 January 2036 for CH, designs 1, 2" in html
    assert "expired on 5 January 2031 for EM, US, not renewed" in html


def test_notices_are_in_the_applications_language(alice, erik, media, reference_db):  # noqa: F811
    registration = published(register_application(alice, erik, language="fr"))
    renewals_remind(today=REMINDER_ON)
    renewals_lapse(today=date(2031, 7, 8))
    reminder = Notification.objects.get(kind=NotificationKind.RENEWAL_REMINDER)
    lapse = Notification.objects.get(kind=NotificationKind.LAPSED)
    # Dates as the Bureau writes them in French (the catalogues give the sentences).
    assert "5 janvier 2031" in reminder.body and "7 juillet 2031" in reminder.body
    assert "5 janvier 2031" in lapse.body and registration.number in lapse.title


def test_a_renewal_by_the_holder_does_not_name_the_payer(registered, alice):
    renew(published(registered), alice)
    notice = Notification.objects.get(kind=NotificationKind.RENEWED)
    assert "renewed until 5 January 2036 for CH, EM" in notice.body
    assert "Renewed by" not in notice.body


def test_webhooks_hear_the_renewal_the_reminder_and_the_lapse(registered, alice):
    events = ["registration.renewed", "registration.renewal_reminder", "registration.lapsed"]
    hook = Webhook.objects.create(
        user=alice, url="https://example.test/hook", secret="s", events=events
    )
    registration = published(registered)
    renewals_remind(today=REMINDER_ON)
    renew(registration, alice, parties=["CH"])
    renewals_lapse(today=date(2031, 7, 8))
    deliveries = {d.event: d.payload["data"] for d in WebhookDelivery.objects.filter(webhook=hook)}
    assert set(deliveries) == set(events)
    assert deliveries["registration.renewal_reminder"]["due"] == "2031-01-06"
    renewed = deliveries["registration.renewed"]
    assert renewed["new_expiry"] == "2036-01-05" and renewed["parties"] == ["CH"]
    assert deliveries["registration.lapsed"]["parties"] == ["EM", "US"]


def test_the_audit_trail_words_them(registered, alice):
    registration = published(registered)
    renewals_remind(today=REMINDER_ON)
    renew(registration, alice, parties=["CH"])
    renewals_lapse(today=date(2031, 7, 8))
    lines = {e.kind: event_line(e) for e in Event.objects.filter(kind__contains="renew")}
    assert lines["renewal.reminder"].startswith("Renewal reminder (Rule 23)")
    assert "Renewed until 5 January 2036 for CH" in lines["registration.renewed"]
    lapse = Event.objects.get(kind="registration.lapsed")
    assert (
        event_line(lapse) == "Not renewed for EM, US: lapsed there on 5 January 2031 (Article 17)"
    )
    with translation.override("es"):
        assert "5 de enero de 2031" in event_line(lapse)
