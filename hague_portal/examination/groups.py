"""The International Bureau's staff groups and the permissions each declares.

Staff are not superusers: an Examiner reads what was filed and sent and examines (raises,
invites, accepts, takes applications from the queue); a Supervisor also reassigns applications
and registers international designs. Created by the data migration examination/0003; also
callable again (demo data, tests after a database flush): it sets the same permissions.
"""

from __future__ import annotations

# (app, model, action) where each model lives now. A model that moved keeps its table and rows;
# MOVED_FROM names where an older registry (a migration run before the move) still has it.
VIEW = [
    ("submissions", "submission", "view"),
    ("submissions", "irregularity", "view"),
    ("submissions", "job", "view"),
    ("mail", "outgoingemail", "view"),
    ("notifications", "notification", "view"),
    ("examination", "examination", "view"),
    ("examination", "invitation", "view"),
    ("examination", "response", "view"),
    ("events", "event", "view"),
    ("correspondence", "thread", "view"),
    ("correspondence", "message", "view"),
]
MOVED_FROM = {
    ("mail", "outgoingemail"): ("submissions", "outgoingemail"),
    ("events", "event"): ("examination", "auditevent"),
}
EXAMINATION = "examination", "examination"
# Examiners answer the applicants' messages about applications (issue 22).
EXAMINER = [
    *VIEW,
    (*EXAMINATION, "examine"),
    (*EXAMINATION, "assign_self"),
    ("correspondence", "thread", "answer"),
    # Requests to record a change in the Register (issue 23): examined as the DM/1 is, from the
    # admin's actions (record, invite to correct, refuse), which need the change permission.
    ("changes", "changerequest", "view"),
    ("changes", "changerequest", "change"),
]
SUPERVISOR = [*EXAMINER, (*EXAMINATION, "reassign"), (*EXAMINATION, "register")]
GROUPS = {"Examiner": EXAMINER, "Supervisor": SUPERVISOR}


def _where(apps, app: str, model: str) -> tuple[str, str] | None:
    """(app, model) as the registry knows it: where it lives now, else where it was; None when the
    registry has neither."""
    places = [(app, model)] + ([MOVED_FROM[app, model]] if (app, model) in MOVED_FROM else [])
    for label, name in places:
        try:
            apps.get_model(label, name)
        except LookupError:
            continue
        return label, name
    return None


def _codename(action: str, model: str) -> str:
    return f"{action}_{model}" if action in ("add", "change", "delete", "view") else action


def staff_groups_ensure(*, apps=None) -> None:
    """Create or update the groups; `apps` is a migration's historical registry (default: the
    project's models)."""
    from django.apps import apps as project_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or project_apps
    wanted_models = {_where(apps, app, model) for app, model, _ in SUPERVISOR} - {None}
    for label in sorted({label for label, _ in wanted_models}):
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
        permissions = []
        for app, model, action in wanted:
            where = _where(apps, app, model)
            if where is None:
                continue
            permissions.append(
                Permission.objects.get(
                    content_type__app_label=where[0],
                    content_type__model=where[1],
                    codename=_codename(action, where[1]),
                )
            )
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
