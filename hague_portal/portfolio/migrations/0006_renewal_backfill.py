"""The renewal columns of every registered application's Protection row, from the Register as
it is (issue 23): the workbench's consumer keeps them from now on."""

from django.db import migrations


def backfill(apps, schema_editor):
    from hague_portal.hague.periods import add_months
    from hague_portal.hague.renewal import REMINDER_MONTHS, renewal_dates

    Protection = apps.get_model("portfolio", "Protection")
    Registration = apps.get_model("register", "Registration")
    rows = Protection.objects.values_list("draft_id", "draft__submission__id")
    by_submission = {submission: draft for draft, submission in rows if submission}
    if not by_submission:
        return  # a new database: nothing registered yet
    from hague_portal.reference.selectors import reference_data

    ref = reference_data()
    changed = []
    registrations = Registration.objects.filter(pk__in=list(by_submission)).only(
        "pk", "registration_date", "term", "expiry", "status"
    )
    for registration in registrations.iterator(chunk_size=2000):
        row = Protection(draft_id=by_submission[registration.pk])
        row.register_status, row.term = registration.status, registration.term
        if registration.expiry is not None:
            dates = renewal_dates(ref, registration.registration_date, registration.term)
            row.expiry, row.due, row.grace_end = dates.expiry, dates.due, dates.grace_end
            row.renewal_opens = add_months(dates.expiry, -REMINDER_MONTHS)
        changed.append(row)
    fields = ["register_status", "term", "expiry", "renewal_opens", "due", "grace_end"]
    Protection.objects.bulk_update(changed, fields, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0005_renewal_protection"),
        ("register", "0002_register_state"),
        ("reference", "0005_renewal_fee_items"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
