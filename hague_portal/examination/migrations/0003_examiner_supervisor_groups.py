"""The Examiner and Supervisor groups of the International Bureau, with declared permissions
(examination/groups.py). Idempotent: running it again sets the same permissions."""

from django.db import migrations


def groups_create(apps, schema_editor):
    from hague_portal.examination.groups import staff_groups_ensure

    staff_groups_ensure(apps=apps)


def groups_delete(apps, schema_editor):
    from hague_portal.examination.groups import GROUPS

    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("examination", "0002_designations_removed"),
        ("notifications", "0001_initial"),
        ("submissions", "0002_irregularity_examination_email_key"),
    ]

    operations = [migrations.RunPython(groups_create, groups_delete)]
