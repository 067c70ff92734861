"""Create the "Editors" group: staff who manage guidance and nothing else.

The group holds exactly the guidance app's permissions (add, change, delete and view of every
guidance model and its history). It never gets journal or user permissions: editors must
not see anyone's health data or manage accounts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations run (post_migrate); create the
    # guidance ones now so the group can hold them on a fresh database.
    app_config = apps.get_app_config("guidance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(Permission.objects.filter(content_type__app_label="guidance"))


def remove_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0003_guidance_content"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
