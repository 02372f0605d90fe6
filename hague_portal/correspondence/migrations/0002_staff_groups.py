"""The Examiner and Supervisor groups read the correspondence about applications and answer it
(examination/groups.py): their permissions are set again. Idempotent."""

from django.db import migrations


def groups_update(apps, schema_editor):
    from hague_portal.examination.groups import staff_groups_ensure

    staff_groups_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0001_initial"),
        ("examination", "0012_withdrawal"),
    ]

    operations = [migrations.RunPython(groups_update, migrations.RunPython.noop)]
