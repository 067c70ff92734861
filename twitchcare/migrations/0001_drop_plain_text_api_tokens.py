"""Retire DRF's plain-text API tokens (``rest_framework.authtoken``) for django-rest-knox's.

The old tokens sat in the database as they were sent, so anyone who saw a copy of it (a
backup, say) could use them; they are dropped, not converted, and apps log in again.
Removing the app from INSTALLED_APPS leaves its table behind, so this drops it, with the
app's content types, permissions and migration records. On a new database there is nothing
to drop and it does nothing.
"""

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder


def forget_the_authtoken_app(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    # Their permissions go with them (cascade).
    content_type.objects.using(schema_editor.connection.alias).filter(
        app_label="authtoken"
    ).delete()
    MigrationRecorder(schema_editor.connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
        migrations.RunPython(forget_the_authtoken_app, migrations.RunPython.noop),
    ]
