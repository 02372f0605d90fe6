"""The International Bureau's staff groups and the permissions each declares.

Staff are not superusers: an Examiner reads what was filed and sent and examines (raises,
invites, accepts, takes applications from the queue); a Supervisor also reassigns applications
and registers international designs. Created by the data migration examination/0003; also
callable again (demo data, tests after a database flush): it sets the same permissions.
"""

from __future__ import annotations

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


def staff_groups_ensure(*, apps=None) -> None:
    """Create or update the groups; `apps` is a migration's historical registry (default: the
    project's models)."""
    from django.apps import apps as project_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or project_apps
    for label in ("submissions", "notifications", "examination"):
        # On a fresh database the permissions do not exist yet when the migration runs
        # (they are created after `migrate`, post_migrate): create them now.
        config = apps.get_app_config(label)
        module = getattr(config, "models_module", None)
        config.models_module = module or True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in wanted
            ]
        )
