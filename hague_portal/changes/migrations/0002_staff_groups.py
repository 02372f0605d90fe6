"""Examiners and Supervisors examine the requests to record a change in the Register
(examination/groups.py): their permissions are set again. Idempotent."""

from django.db import migrations


def groups_update(apps, schema_editor):
    from hague_portal.examination.groups import staff_groups_ensure

    staff_groups_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0001_initial"),
        ("correspondence", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(groups_update, migrations.RunPython.noop)]
