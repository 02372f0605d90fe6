"""Demo registrations in each state of their renewal (issue 23), made through the real
services with `today=` so that each is in that state whenever `demo_setup` runs: their
registration dates are counted back five years from today.

    Lounge chair   due for renewal: the window is open, the Rule 23 reminder sent
    Office chair   expired 40 days ago: renewable in the grace period, with the surcharge
    Stool          renewed for CH and EM (the US individual renewal fee is not in the data)
    High chair     not renewed: lapsed at its expiry once the grace period ended
    Bookcase,      due for renewal and transferred to the demo firm: the representative renews
    Wardrobe       them together from the workbench (a bulk renewal, one payment)

Built as core/demo_register.py builds the others (filed, back-dated, registered, published
at once), then renewed, reminded or lapsed by the Register's services. Idempotent.
"""

from __future__ import annotations

from datetime import date, timedelta

from hague_portal.hague.clock import geneva_today
from hague_portal.hague.periods import add_months
from hague_portal.hague.renewal import TERM_YEARS

from .demo_register import Demo, _registered

LAST = "High chair"


def _filed_days_ago(today: date, expiry: date) -> int:
    """Days back to the registration date whose first term ends on `expiry` (Article 17(1))."""
    return (today - add_months(expiry, -12 * TERM_YEARS)).days


def demo_renewals(*, applicant, examiner, supervisor, account) -> list[str]:
    """The registrations of the renewal loop for `applicant`; what was made, for the output."""
    from hague_portal.filings.models import Draft
    from hague_portal.register import services
    from hague_portal.register.services.renewals_lapse import renewals_lapse
    from hague_portal.register.services.renewals_remind import renewals_remind

    if Draft.objects.filter(created_by=applicant, title=f"Application: {LAST}").exists():
        return []
    today = geneva_today()
    states = (
        ("Lounge chair", today + timedelta(days=60), _due),
        ("Office chair", today - timedelta(days=40), _in_grace),
        ("Stool", today + timedelta(days=30), _renewed),
        (LAST, add_months(today, -8), _lapsed),
    )
    made = []
    for product, expiry, state in states:
        demo = Demo(product, _filed_days_ago(today, expiry))
        registration = _registered(demo, applicant, examiner, supervisor, account, today)
        made.append(f"{registration.number} {state(registration, applicant, account, today)}")
    for product, days in (("Bookcase", 45), ("Wardrobe", 75)):
        made.append(_firms(product, today + timedelta(days=days), applicant, examiner,
                           supervisor, account, today))  # fmt: skip
    # The beat's daily work, today: protection at the end of the refusal periods, the Rule 23
    # reminders of what is due, the lapse of what was not renewed in time.
    services.designations_protect(today=today)
    renewals_remind(today=today)
    renewals_lapse(today=today)
    return made


def _firms(product, expiry, applicant, examiner, supervisor, account, today) -> str:
    """Due for renewal, then transferred to the demo firm (as core/demo_changes.py's Sofa)."""
    from .demo_changes import _TRANSFER, _record

    demo = Demo(product, _filed_days_ago(today, expiry), ("CH", "EM"))
    registration = _registered(demo, applicant, examiner, supervisor, account, today)
    _record(registration, applicant, supervisor, "ownership", _TRANSFER, today)
    return (
        f"{registration.number} due for renewal by {registration.expiry.isoformat()}, "
        "transferred to Demo IP Attorneys LLP (renew it from the representative's workbench)"
    )


def _due(registration, applicant, account, today) -> str:
    return f"due for renewal by {registration.expiry.isoformat()} (Article 17, Rule 23)"


def _in_grace(registration, applicant, account, today) -> str:
    return f"expired on {registration.expiry.isoformat()}: in the grace period (Rule 24(1)(c))"


def _renewed(registration, applicant, account, today) -> str:
    from hague_portal.payments.models import PaymentMethod
    from hague_portal.register.services.renewals import renewal_pay

    renewal = renewal_pay(
        registration=registration,
        user=applicant,
        method=PaymentMethod.CURRENT_ACCOUNT,
        account=account,
        today=today,
    )
    return f"renewed until {renewal.new_expiry.isoformat()} for {', '.join(renewal.parties)}"


def _lapsed(registration, applicant, account, today) -> str:
    return f"not renewed: lapses at its expiry, {registration.expiry.isoformat()} (Article 17)"
