"""The Examiner and Supervisor groups of the International Bureau, with declared permissions.

Staff are not superusers: an examiner reads what was filed and sent and examines (raises,
invites, accepts, takes applications from the queue); a supervisor also reassigns applications
and registers international designs. Idempotent: running it again sets the same permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = [
    ("submissions", "view_submission"),
    ("submissions", "view_irregularity"),
    ("submissions", "view_job"),
    ("submissions", "view_outgoingemail"),
    ("notifications", "view_notification"),
    ("examination", "view_examination"),
    ("examination", "view_invitation"),
    ("examination", "view_response"),
    ("examination", "view_auditevent"),
]
EXAMINER = [*VIEW, ("examination", "examine"), ("examination", "assign_self")]
SUPERVISOR = [*EXAMINER, ("examination", "reassign"), ("examination", "register")]
GROUPS = {"Examiner": EXAMINER, "Supervisor": SUPERVISOR}


def _ensure_permissions(apps):
    # Permissions are normally created after `migrate` (post_migrate); on a fresh database they
    # do not exist yet when this migration runs, so create them now for the apps concerned.
    for label in ("submissions", "notifications", "examination"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None


def groups_create(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)


def groups_delete(apps, schema_editor):
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
