"""Clinical governance groups (issue 20).

- "Editors" keep every guidance permission except approving criteria changes, and except
  changing or deleting a change record (a record of a decision is never rewritten).
- "Clinical approvers" may approve or reject a proposed change to an escalation criterion
  (the custom "approve_criteria" permission) and see the criteria and the proposals. Give it
  to the clinicians who review; an approver who also writes is in both groups, and still
  can never approve their own proposal.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
APPROVERS = "Clinical approvers"
NOT_FOR_EDITORS = ["approve_criteria", "change_criterionchange", "delete_criterionchange"]
APPROVER_PERMISSIONS = [
    "approve_criteria",
    "view_criterionchange",
    "view_escalationcriterion",
]


def _guidance_permissions(apps):
    app_config = apps.get_app_config("guidance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="guidance")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _guidance_permissions(apps)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(permissions.exclude(codename__in=NOT_FOR_EDITORS))
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    approvers.permissions.set(permissions.filter(codename__in=APPROVER_PERMISSIONS))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=APPROVERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0010_criterion_changes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
