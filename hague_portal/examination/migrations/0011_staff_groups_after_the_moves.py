"""The Examiner and Supervisor groups read the audit trail and the e-mails where those models live
now (events.Event, mail.OutgoingEmail, moved with their tables in issue 21): the groups' permissions
are set again (examination/groups.py). Idempotent."""

from django.db import migrations


def groups_update(apps, schema_editor):
    from hague_portal.examination.groups import staff_groups_ensure

    staff_groups_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("examination", "0010_fees_paid"),
        ("events", "0001_initial"),
        ("mail", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(groups_update, migrations.RunPython.noop)]
