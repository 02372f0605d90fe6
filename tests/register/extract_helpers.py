"""A registration whose Register has moved on since it was registered: renewed once and its
holder changed, so that the page and the extract have a history with a before and an after."""

from datetime import date, timedelta

from hague_portal.payments.models import CurrentAccount, PaymentMethod
from hague_portal.register.models import EntryKind
from hague_portal.register.services.renewals import renewal_pay
from hague_portal.register.services.state import entry_record, registration_state

NEW_HOLDER = {
    "name": "Nouvelle Maison SAS",
    "kind": "legal",
    "email": "contact@nouvelle.example",
    "address": {"street": "9 quai Voltaire", "city": "Lyon", "postcode": "69002", "country": "FR"},
    "entitlement": {"establishment": ["FR"]},
}


def renewed(registration, user):
    """Renewed for every party that may be (CH and EM), a month before the first expiry."""
    renewal_pay(
        registration=registration,
        user=user,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=CurrentAccount.objects.get(number=f"CA-{user.pk}"),
        today=registration.expiry - timedelta(days=30),
    )
    registration.refresh_from_db()
    return registration


def holder_changed(registration, *, on=date(2031, 3, 2)):
    """A change in ownership as the changes in the Register record it (Article 16(1)(i))."""
    before = registration_state(registration)
    registration.holders = [NEW_HOLDER]
    registration.holder_name = NEW_HOLDER["name"]
    registration.save(update_fields=["holders", "holder_name"])
    entry_record(
        registration,
        EntryKind.OWNERSHIP,
        f"Transfer to {NEW_HOLDER['name']} (DM/2)",
        recorded_on=on,
        before=before,
    )
    return registration
