"""Rule 4(4) for the time limits already running when it was applied (issue 19): an open
invitation whose time limit ends on a Saturday, a Sunday or a day the International Bureau is
closed (reference data) now ends on the next day it is open, with its irregularities and the
queue's earliest time limit. Only ever later; nothing else changes. The hourly lapse task does
the same from now on (`examination.services.deadlines.time_limits_extend`)."""

from datetime import timedelta

from django.db import migrations


def extend(apps, schema_editor):
    ClosedDay = apps.get_model("reference", "ClosedDay")
    Invitation = apps.get_model("examination", "Invitation")
    Examination = apps.get_model("examination", "Examination")
    Irregularity = apps.get_model("submissions", "Irregularity")
    closed = set(ClosedDay.objects.values_list("day", flat=True))

    def next_open(day):
        while day.weekday() >= 5 or day in closed:
            day += timedelta(days=1)
        return day

    running = Invitation.objects.filter(status="open")
    for day in running.values_list("time_limit", flat=True).distinct():
        to = next_open(day)
        if to == day:
            continue
        ids = list(running.filter(time_limit=day).values_list("examination_id", flat=True))
        running.filter(time_limit=day).update(time_limit=to)
        Irregularity.objects.filter(
            submission_id__in=ids, status__in=("confirmed", "invited", "answered"), time_limit=day
        ).update(time_limit=to)
        Examination.objects.filter(pk__in=ids, time_limit=day).update(time_limit=to)


class Migration(migrations.Migration):
    dependencies = [
        ("examination", "0007_field_verbose_names"),
        ("reference", "0004_verbose_names_translated"),
        ("submissions", "0002_irregularity_examination_email_key"),
    ]

    operations = [migrations.RunPython(extend, migrations.RunPython.noop)]
